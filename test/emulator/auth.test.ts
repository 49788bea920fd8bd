import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, Agent } from 'undici';
import { createSelfSignedClientCertificate } from '../../src/emulator/certs.js';
import { FORBIDDEN_MESSAGE } from '../../src/emulator/api-error.js';
import type { Emulator } from '../../src/emulator/server.js';
import { clientFor, errorOf, startTestEmulator, type TestClient } from './helpers.js';

const FORBIDDEN_BODY = '<Error xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
  + `<Code>ForbiddenError</Code><Message>${FORBIDDEN_MESSAGE}</Message></Error>`;

let emulator: Emulator;
let client: TestClient;
const stranger = createSelfSignedClientCertificate('stranger');

before(async () => {
  emulator = await startTestEmulator({ bearerTokens: ['token-123'] });
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('the registered management certificate is accepted, and every answer has a 32-hex x-ms-request-id', async () => {
  const answer = await client.call('GET', '/locations');
  assert.equal(answer.status, 200);
  assert.match(String(answer.headers['x-ms-request-id']), /^[0-9a-f]{32}$/);
  assert.equal(answer.headers['content-type'], 'application/xml; charset=utf-8');
});

test('an unregistered client certificate gets 403 ForbiddenError with the service\'s exact body', async () => {
  const other = clientFor(emulator, stranger);
  try {
    const answer = await other.call('GET', '/locations');
    assert.equal(answer.status, 403);
    assert.equal(answer.text, FORBIDDEN_BODY);
    assert.match(String(answer.headers['x-ms-request-id']), /^[0-9a-f]{32}$/);
  } finally {
    await other.close();
  }
});

test('no client certificate, or a certificate of another subscription, gets 403', async () => {
  const anonymous = clientFor(emulator, null);
  const otherSubscription = emulator.addSubscription({ certificate: stranger.cert });
  const strangerOnMine = clientFor(emulator, stranger);
  const mineOnTheirs = clientFor(emulator, emulator.clientCert, otherSubscription);
  const strangerOnTheirs = clientFor(emulator, stranger, otherSubscription);
  try {
    assert.equal((await anonymous.call('GET', '/locations')).status, 403);
    assert.equal((await strangerOnMine.call('GET', '/locations')).status, 403);
    assert.equal((await mineOnTheirs.call('GET', '/locations')).status, 403);
    assert.equal((await strangerOnTheirs.call('GET', '/locations')).status, 200, 'each subscription has its own certificates');
  } finally {
    await Promise.all([anonymous.close(), strangerOnMine.close(), mineOnTheirs.close(), strangerOnTheirs.close()]);
  }
});

test('an unknown subscription gets 403, not 404', async () => {
  const answer = await client.call('GET', '//00000000-0000-0000-0000-00000000dead/locations');
  assert.equal(answer.status, 403);
  assert.equal(errorOf(answer.text).code, 'ForbiddenError');
});

test('a bearer token from options.bearerTokens is accepted without a certificate; others are not', async () => {
  const anonymous = clientFor(emulator, null);
  try {
    const ok = await anonymous.call('GET', '/locations', { headers: { authorization: 'Bearer token-123' } });
    assert.equal(ok.status, 200);
    const bad = await anonymous.call('GET', '/locations', { headers: { authorization: 'Bearer nope' } });
    assert.equal(bad.status, 403);
  } finally {
    await anonymous.close();
  }
});

test('no x-ms-version gets 400 MissingOrIncorrectVersionHeader; a malformed or future one too', async () => {
  for (const version of [null, 'latest', '2014-13-01', '2099-01-01']) {
    const answer = await client.call('GET', '/locations', { version });
    assert.equal(answer.status, 400, `x-ms-version ${version}`);
    assert.equal(errorOf(answer.text).code, 'MissingOrIncorrectVersionHeader');
  }
});

test('the versions old clients send are accepted', async () => {
  for (const version of ['2012-03-01', '2013-06-01', '2014-10-01', '2016-06-01', '2017-01-01']) {
    assert.equal((await client.call('GET', '/locations', { version })).status, 200, version);
  }
});

test('Host without a port and a GET with Content-Type and Content-Length: 0 (azure@0.7.19) are served', async () => {
  const answer = await client.call('GET', '/services/hostedservices', {
    headers: { host: 'localhost', 'content-type': 'application/xml', 'content-length': '0', 'accept-charset': 'UTF-8' },
  });
  assert.equal(answer.status, 200);
  assert.equal(emulator.requests.at(-1)?.headers.host, 'localhost', 'the Host header was sent without a port');
});

test('the default emulator makes its own subscription and management certificate', async () => {
  const { startEmulator } = await import('../../src/emulator/server.js');
  const { specDir } = await import('./helpers.js');
  const fresh = await startEmulator({ specDir });
  const agent = new Agent({ connect: { ca: fresh.caCert, cert: fresh.clientCert.cert, key: fresh.clientCert.key } });
  try {
    assert.match(fresh.subscriptionId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.match(fresh.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(fresh.host, `127.0.0.1:${fresh.port}`);
    const response = await request(`${fresh.url}/${fresh.subscriptionId}/locations`, { dispatcher: agent, headers: { 'x-ms-version': '2014-10-01' } });
    assert.equal(response.statusCode, 200);
    await response.body.text();
  } finally {
    await agent.close();
    await fresh.close();
  }
});
