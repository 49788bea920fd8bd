/**
 * Issue #16, one regression test per finding, each over real HTTPS against the emulator: an anonymous client
 * costs it no memory (authentication comes before the body; the request log keeps no credentials, no refused
 * bodies, and is bounded by bytes); bodies are bounded by size and by parse cost; expired and not-yet-valid
 * certificates, elements inside scalar values and invalid UTF-8 are refused; a request that never finishes is
 * timed out. The long version, with figures, is `npm run reliability attack`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import { KEEP_LOG_BYTES, KEEP_REQUESTS, keepRequest, type RecordedRequest } from '../../src/emulator/request-log.js';
import { expiredClientCertificate, notYetValidClientCertificate } from '../support/pki.js';
import { rawRequest, type Peer } from '../reliability/attack/raw.js';
import { clientFor, createBody, errorOf, startTestEmulator, type TestClient } from './helpers.js';

const MiB = 1024 * 1024;
let emulator: Emulator;
let client: TestClient;
let owner: Peer;
let anonymous: Peer;

before(async () => {
  emulator = await startTestEmulator({ bearerTokens: ['known-token'], requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 });
  client = clientFor(emulator);
  owner = { port: emulator.port, ca: emulator.caCert, key: emulator.clientCert.key, cert: emulator.clientCert.cert };
  anonymous = { port: emulator.port, ca: emulator.caCert };
});
after(async () => {
  await client.close();
  await emulator.close();
});

const servicesPath = () => `/${emulator.subscriptionId}/services/hostedservices`;
const serviceNames = () => [...emulator.state.subscription(emulator.subscriptionId)!.hostedServices.keys()];

test('#16.1: an anonymous 30 MiB upload gets 403 before its body is read, and the emulator still serves its owner', async () => {
  const outcome = await rawRequest(anonymous, { method: 'POST', path: servicesPath(), body: { bytes: 30 * MiB }, headers: { 'Content-Type': 'application/xml' }, limitMs: 20_000 });
  assert.equal(outcome.status, 403);
  assert.equal(errorOf(outcome.text).code, 'ForbiddenError');
  // The connection closed after at most a moment of lingering: far less than the 30 MiB was taken in.
  assert.ok(outcome.closedAfterMs !== undefined, 'the connection was closed');
  assert.ok(outcome.bodyBytesSent < 8 * MiB, `the emulator took in ${outcome.bodyBytesSent} bytes of the refused body`);
  const logged = emulator.requests.at(-1)!;
  assert.equal(logged.status, 403);
  assert.equal(logged.body, '', 'a refused body is not kept');
  assert.equal((await client.call('GET', '/services/hostedservices')).status, 200);
});

test('#16.1: a small refused body is read and dropped, so the connection serves the next request', async () => {
  const anon = clientFor(emulator, null);
  try {
    for (let i = 0; i < 3; i++) assert.equal((await anon.call('POST', '/services/hostedservices', { body: createBody(`anon${i}`) })).status, 403);
  } finally {
    await anon.close();
  }
  assert.deepEqual(serviceNames().filter((n) => n.startsWith('anon')), []);
});

test('#16.1: the request log keeps no credentials: a known bearer token is named by its place, any other value redacted', async () => {
  const known = clientFor(emulator, null);
  try {
    await known.call('GET', '/services/hostedservices', { headers: { Authorization: 'Bearer known-token' } });
    assert.equal(emulator.requests.at(-1)!.headers.authorization, 'Bearer [token #1]');
    await known.call('GET', '/services/hostedservices', { headers: { Authorization: 'Bearer secret-guess', 'Proxy-Authorization': 'Basic dXNlcjpwYXNz' } });
    const last = emulator.requests.at(-1)!;
    assert.equal(last.status, 403);
    assert.equal(last.headers.authorization, '[redacted]');
    assert.equal(last.headers['proxy-authorization'], '[redacted]');
    assert.doesNotMatch(JSON.stringify(emulator.requests), /secret-guess|known-token|dXNlcjpwYXNz/);
  } finally {
    await known.close();
  }
});

test('#16.1: the request log is bounded by bytes as well as by count', async () => {
  // 80 authenticated reads, each carrying a 256 KiB body the operation ignores: 20 MiB sent in all.
  const body = Buffer.alloc(256 * 1024, 'x');
  for (let i = 0; i < 80; i++) {
    const outcome = await rawRequest(owner, { method: 'GET', path: `${servicesPath()}?n=${i}`, body, limitMs: 10_000 });
    assert.equal(outcome.status, 200);
  }
  const kept = emulator.requests.reduce((sum, r) => sum + r.body.length, 0);
  assert.ok(kept <= KEEP_LOG_BYTES, `${kept} bytes of bodies kept`);
  assert.equal(emulator.requests.at(-1)!.url, `${servicesPath()}?n=79`, 'the newest entries stay');
  const log: RecordedRequest[] = [];
  for (let i = 0; i < KEEP_REQUESTS + 10; i++) keepRequest(log, { requestId: `s${i}`, method: 'GET', url: '/x', headers: {}, body: '', status: 200 });
  assert.equal(log.length, KEEP_REQUESTS);
});

test('#16.2: an authenticated 29 MiB body is refused with 413 before it is read, and so is a chunked one past the limit', async () => {
  const declared = await rawRequest(owner, { method: 'POST', path: servicesPath(), body: { bytes: 29 * MiB }, headers: { 'Content-Type': 'application/xml' }, limitMs: 20_000 });
  assert.equal(declared.status, 413);
  assert.equal(errorOf(declared.text).code, 'RequestBodyTooLarge');
  const block = Buffer.alloc(64 * 1024, 'c');
  const frame = Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')]);
  const chunked = await rawRequest(owner, {
    method: 'POST', path: servicesPath(), declaredLength: null, headers: { 'Transfer-Encoding': 'chunked', 'Content-Type': 'application/xml' },
    body: Buffer.concat([...Array.from({ length: 40 }, () => frame), Buffer.from('0\r\n\r\n')]), limitMs: 20_000,
  });
  assert.equal(chunked.status, 413);
  assert.equal((await client.call('GET', '/services/hostedservices')).status, 200);
});

test('#16.2: markup past the parse budget is refused before it is parsed, naming the rule', async () => {
  const markup = await client.call('POST', '/services/hostedservices', { body: createBody('markup', `${'<x/>'.repeat(30_000)}<Location>West US</Location>`) });
  assert.equal(markup.status, 400);
  assert.deepEqual(errorOf(markup.text), { code: 'InvalidXmlRequest', message: 'The request body is too costly to read: it holds more than 20000 tags (rule: markup budget).' });
  const attributes = Array.from({ length: 6_000 }, (_, i) => `a${i}="1"`).join(' ');
  const attrs = await client.call('POST', '/services/hostedservices', { body: createBody('attrs', `<Description ${attributes}>x</Description><Location>West US</Location>`) });
  assert.equal(attrs.status, 400);
  assert.match(errorOf(attrs.text).message ?? '', /more than 5000 attributes \(rule: markup budget\)/);
  assert.deepEqual(serviceNames().filter((n) => n === 'markup' || n === 'attrs'), []);
});

test('#16.3: a registered management certificate that has expired, or is not yet valid, gets 403 as the service answered', async () => {
  for (const cert of [expiredClientCertificate(), notYetValidClientCertificate()]) {
    emulator.registerManagementCertificate(emulator.subscriptionId, cert.cert);
    const holder = clientFor(emulator, cert);
    try {
      const answer = await holder.call('GET', '/services/hostedservices');
      assert.equal(answer.status, 403);
      assert.equal(errorOf(answer.text).code, 'ForbiddenError');
    } finally {
      await holder.close();
    }
  }
});

test('#16.3: an element inside a scalar value is refused, naming the member; nothing is created', async () => {
  const answer = await client.call('POST', '/services/hostedservices', { body: createBody('ab<x/>cd') });
  assert.equal(answer.status, 400);
  assert.match(errorOf(answer.text).message ?? '', /CreateHostedService\.ServiceName: holds the element <x>; it must hold text only \(rule: text value\)/);
  assert.deepEqual(serviceNames().filter((n) => n === 'abcd'), []);
});

test('#16.3: a body that is not valid UTF-8 is refused, naming where; nothing is created', async () => {
  const valid = Buffer.from(createBody('utfbad'));
  const at = valid.indexOf('utfbad') + 3;
  const body = Buffer.concat([valid.subarray(0, at), Buffer.from([0xc3, 0x28]), valid.subarray(at)]);
  const outcome = await rawRequest(owner, { method: 'POST', path: servicesPath(), body, headers: { 'Content-Type': 'application/xml' }, limitMs: 10_000 });
  assert.equal(outcome.status, 400);
  assert.deepEqual(errorOf(outcome.text), { code: 'InvalidXmlRequest', message: `The request body is not valid UTF-8 (the bytes at offset ${at} are not).` });
  assert.deepEqual(serviceNames().filter((n) => n.startsWith('utf')), []);
});

test('#16.3: a request whose body never arrives in full, or whose headers never end, is answered 408 and closed', async () => {
  const short = await rawRequest(owner, { method: 'POST', path: servicesPath(), declaredLength: 1_000, body: Buffer.from('<CreateHostedService'), headers: { 'Content-Type': 'application/xml' }, limitMs: 15_000 });
  assert.equal(short.status, 408);
  assert.ok(short.closedAfterMs !== undefined, 'the connection was closed, not held');
  const dripped = await rawRequest(anonymous, { method: 'GET', path: servicesPath(), dripBytes: 1, dripMs: 500, limitMs: 15_000 });
  assert.equal(dripped.status, 408);
  const silent = await rawRequest(anonymous, { method: 'GET', path: servicesPath(), dripBytes: 1, dripMs: 60_000, limitMs: 15_000 });
  assert.ok(silent.closedAfterMs !== undefined, 'a connection that sends nothing is closed');
});
