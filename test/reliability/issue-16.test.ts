/**
 * Issue #16, items 5 to 13: one regression test (or a few) per item, each of which failed before its fix
 * (docs/reliability.md, "Bugs found", describes each class and its fix). End to end over real HTTPS where a caller
 * meets the behaviour; at the codec where the behaviour is the codec's.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, ftruncateSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inspect } from 'node:util';
import { after, before, test } from 'node:test';
import { serviceShape } from '../../generated/service.js';
import { AddRoleOperation } from '../../generated/operations/AddRole.js';
import { CreateHostedServiceOperation } from '../../generated/operations/CreateHostedService.js';
import { GetHostedServiceOperation } from '../../generated/operations/GetHostedService.js';
import { GetStorageAccountKeysOperation } from '../../generated/operations/GetStorageAccountKeys.js';
import { ServiceClient, type ClientOptions } from '../../src/client/client.js';
import { invoke } from '../../src/client/invoke.js';
import { certificateFromPem } from '../../src/client/credentials.js';
import {
  AbortedError, CredentialError, ResponseParseError, SdkError, ServiceError, TimeoutError, ValidationError,
} from '../../src/core/errors.js';
import { parseScalar } from '../../src/core/codec.js';
import { redactBody } from '../../src/client/logging.js';
import { readXmlBody, writeXmlBody } from '../../src/core/xml.js';
import { captureLogger } from '../support/capture-logger.js';
import { startConnectProxy } from '../support/connect-proxy.js';
import { httpReply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { testPki } from '../support/pki.js';

const pki = testPki();
const NS = 'http://schemas.microsoft.com/windowsazure';
const KEY = 'S7storagekey-e81b5f-Key==';
const PASSWORD = 'S1adminpw-7f3a9c-Admin!';
let server: ScriptedServer;
let other: ScriptedServer;

before(async () => {
  server = await startScriptedServer({ certificate: pki.server });
  other = await startScriptedServer({ certificate: pki.server });
});
after(async () => { await server.close(); await other.close(); });

function client(extra: Partial<ClientOptions> = {}): ServiceClient {
  return new ServiceClient({
    subscriptionId: 'issue16', credential: certificateFromPem(pki.client), endpoint: server.url, ca: pki.ca.cert, proxy: false,
    retry: { maxRetries: 0 }, timeoutMs: 10_000, ...extra,
  }, serviceShape);
}

async function using<T>(c: ServiceClient, call: (c: ServiceClient) => Promise<T>): Promise<T> {
  try {
    return await call(c);
  } finally {
    await c.close();
  }
}

/** Every surface of an error a caller or a log sink sees. */
function surfaces(err: unknown): string {
  return [String((err as Error).message), String((err as Error).stack), JSON.stringify(err), inspect(err, { depth: 5 })].join('\n');
}

const ADD_ROLE = {
  ServiceName: 's', DeploymentName: 'd', RoleName: 'vm1', RoleSize: 'Small', ConfigurationSets: [
    { ConfigurationSetType: 'WindowsProvisioningConfiguration' as const, ComputerName: 'vm1', AdminUsername: 'azureuser', AdminPassword: PASSWORD },
  ],
};

// ------------------------------------------------------------------------------------------- 5: redaction

const HIDDEN_KEYS: Array<[string, string]> = [
  ['CDATA', `<StorageService xmlns="${NS}"><StorageServiceKeys><Primary><![CDATA[${KEY}]]></Primary></StorageServiceKeys></StorageService>`],
  ['a comment first', `<StorageService xmlns="${NS}"><StorageServiceKeys><Primary><!---->${KEY}</Primary></StorageServiceKeys></StorageService>`],
  ['a hyphenated prefix', `<a-b:StorageService xmlns:a-b="${NS}"><a-b:StorageServiceKeys><a-b:Primary>${KEY}</a-b:Primary></a-b:StorageServiceKeys></a-b:StorageService>`],
  ['a JSON-escaped name', `{"StorageServiceKeys":{"Prim\\u0061ry":"${KEY}"}}`],
  ['white space inside the tags', `<StorageService xmlns="${NS}"><Secondary >${KEY}</Secondary ><Primary\n>${KEY}</Primary\n></StorageService>`],
];

test('5: storage keys are redacted however the markup around them is written', () => {
  for (const [how, body] of HIDDEN_KEYS) {
    assert.equal(redactBody(GetStorageAccountKeysOperation, body).includes(KEY), false, how);
    // Cut short anywhere inside the key, the start of the key does not show either.
    const cut = body.slice(0, body.indexOf(KEY) + 12);
    assert.equal(redactBody(GetStorageAccountKeysOperation, cut).includes(KEY.slice(0, 12)), false, `${how}, cut short`);
  }
});

test('5: a malformed answer with a key in CDATA leaks it neither into the error nor into the debug log', async () => {
  const log = captureLogger();
  server.handle(() => httpReply(200, { 'Content-Type': 'application/xml' }, HIDDEN_KEYS[0]![1].slice(0, -25)));
  await using(client({ logger: log.logger }), (c) => assert.rejects(invoke(c, GetStorageAccountKeysOperation, { ServiceName: 'acct' }), (err) => {
    assert.ok(err instanceof ResponseParseError);
    assert.equal(surfaces(err).includes(KEY), false, 'the key is in the error');
    return true;
  }));
  assert.equal(log.text().includes(KEY), false, 'the key is in the log');
});

// ------------------------------------------------------------------------------------------- 6: redirects

test('6: a 307 to another origin is refused when the body carries a secret, and nothing reaches the other origin', async () => {
  const before = other.requests.length;
  server.handle(() => httpReply(307, { Location: `${other.url}/issue16/services/hostedservices/s/deployments/d/roles` }));
  other.handle(() => httpReply(202, {}));
  await using(client({ ca: pki.ca.cert }), (c) => assert.rejects(invoke(c, AddRoleOperation, ADD_ROLE), (err) => {
    assert.ok(err instanceof ServiceError, String(err));
    assert.equal(err.code, 'UnsafeRedirect');
    assert.equal(surfaces(err).includes(PASSWORD), false);
    return true;
  }));
  assert.equal(other.requests.length, before, 'the body went to the other origin');
});

test('6: a redirect Location holding user:password@ or a sig= query is logged without them', async () => {
  const log = captureLogger();
  let n = 0;
  server.handle(() => (n++ === 0
    ? httpReply(307, { Location: `https://svcuser:Hunter2secret@localhost:${new URL(other.url).port}/x?comp=media&sig=SIGsecret0123` })
    : httpReply(404, {})));
  other.handle(() => httpReply(404, {}));
  await using(client({ logger: log.logger }), (c) => assert.rejects(invoke(c, GetHostedServiceOperation, { ServiceName: 's' })));
  const text = log.text();
  assert.ok(text.includes('localhost'), 'the redirect was followed and logged');
  assert.equal(text.includes('Hunter2secret'), false, 'the password is in the log');
  assert.equal(text.includes('SIGsecret0123'), false, 'the signature is in the log');
});

// ------------------------------------------------------------------------------------------- 7: character references

test('7: numeric character references are decoded when read, and CR survives a round trip', async () => {
  const body = `<HostedService xmlns="${NS}"><ServiceName>s</ServiceName><HostedServiceProperties><Description>A&#66;C&#x44;&#xD;&amp;#65;</Description><Label>${Buffer.from('x').toString('base64')}</Label></HostedServiceProperties></HostedService>`;
  server.handle(() => httpReply(200, { 'Content-Type': 'application/xml' }, body));
  const read = await using(client(), (c) => invoke(c, GetHostedServiceOperation, { ServiceName: 's' }));
  assert.equal(read.HostedServiceProperties?.Description, 'ABCD\r&#65;');
  const written = writeXmlBody(CreateHostedServiceOperation.request!, { ServiceName: 's', Label: 'l', Description: 'a\r\nb', Location: 'West US' }, NS);
  assert.ok(written.includes('a&#xD;\nb'), written);
  const back = readXmlBody(CreateHostedServiceOperation.request!, written) as { Description: string };
  assert.equal(back.Description, 'a\r\nb');
});

// ------------------------------------------------------------------------------------------- 8: characters XML cannot carry

test('8: characters XML forbids and lone surrogates are refused, naming the field, with or without validation', async () => {
  const before = server.requests.length;
  server.handle(() => httpReply(201, {}));
  for (const bad of ['a\u0000b', 'a\u000bb', 'a\u001bb', 'a\uffffb', 'a\ud800b', 'a\udc00']) {
    for (const validation of [true, false]) {
      await using(client({ validation }), (c) => assert.rejects(
        invoke(c, CreateHostedServiceOperation, { ServiceName: 's', Label: 'l', Description: bad, Location: 'West US' }),
        (err) => err instanceof ValidationError && err.issues.some((i) => i.path === 'Description'),
        `${JSON.stringify(bad)}, validation ${validation}`,
      ));
    }
  }
  assert.equal(server.requests.length, before, 'something was sent');
});

// ------------------------------------------------------------------------------------------- 9: untyped URIErrors

test('9: a "%" without two hex digits in HTTPS_PROXY ends in an error naming the variable, without the password', async () => {
  const saved = process.env['HTTPS_PROXY'];
  process.env['HTTPS_PROXY'] = 'http://svc:Pa%ss@127.0.0.1:1';
  try {
    await using(client({ proxy: undefined }), (c) => assert.rejects(invoke(c, GetHostedServiceOperation, { ServiceName: 's' }), (err) => {
      assert.ok(err instanceof SdkError || err instanceof TypeError, `untyped: ${String(err)}`);
      assert.ok(!(err instanceof URIError));
      assert.match((err as Error).message, /HTTPS_PROXY/);
      assert.equal((err as Error).message.includes('Pa%ss'), false);
      return true;
    }));
  } finally {
    if (saved === undefined) delete process.env['HTTPS_PROXY'];
    else process.env['HTTPS_PROXY'] = saved;
  }
});

test('9: a lone surrogate in a path parameter or the subscription id is an error naming it', async () => {
  for (const validation of [true, false]) {
    await using(client({ validation }), (c) => assert.rejects(
      invoke(c, GetHostedServiceOperation, { ServiceName: 'a\ud800' }),
      (err) => err instanceof ValidationError && err.issues.some((i) => i.path === 'ServiceName'),
    ));
  }
  assert.throws(() => client({ subscriptionId: 'sub\udc00' }), (err) => err instanceof TypeError && /subscriptionId/.test(err.message));
});

// ------------------------------------------------------------------------------------------- 10: stalled handshakes

async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const s = createServer((socket) => { sockets.add(socket); socket.on('error', () => {}); });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { for (const socket of sockets) socket.destroy(); s.close(() => resolve()); }),
  };
}

test('10: a TLS handshake that never completes is bounded by timeoutMs and by abort()', { timeout: 8_000 }, async () => {
  const silent = await silentServer();
  try {
    await using(client({ endpoint: silent.url, timeoutMs: 300 }), (c) => assert.rejects(
      invoke(c, GetHostedServiceOperation, { ServiceName: 's' }), (err) => err instanceof TimeoutError,
    ));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    // The client's timeout outlasts the test's: only the abort can end this call in time.
    await using(client({ endpoint: silent.url, timeoutMs: 3_000 }), (c) => assert.rejects(
      invoke(c, GetHostedServiceOperation, { ServiceName: 's' }, { signal: controller.signal }), (err) => err instanceof AbortedError,
    ));
  } finally {
    await silent.close();
  }
});

// ------------------------------------------------------------------------------------------- 11: credential files

/** Loads a PEM credential from `keyFile` in a child process, bounded in time and memory, and returns its outcome. */
async function loadInChild(keyFile: string, key?: string): Promise<string> {
  const credentials = new URL('../../src/client/credentials.js', import.meta.url).href;
  const source = key === undefined ? `{ keyFile: ${JSON.stringify(keyFile)}, cert: process.env.CERT }` : '{ key: require("node:fs").readFileSync(process.env.KEY_TEXT, "utf8"), cert: process.env.CERT }';
  const script = `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);`
    + `const { certificateFromPem } = await import('${credentials}');`
    + `try { certificateFromPem(${source}); console.log('loaded'); } catch (err) { console.log(err.constructor.name + ': ' + err.message); }`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=256', '--input-type=module', '-e', script], {
    timeout: 4_000, env: { ...process.env, CERT: pki.client.cert, ...(key === undefined ? {} : { KEY_TEXT: key }) },
  });
  return stdout.trim();
}

test('11: odd key files end in a CredentialError naming the file, quickly and within bounded memory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'issue16-'));
  const fifo = join(dir, 'key.fifo');
  await promisify(execFile)('mkfifo', [fifo]);
  const zero = join(dir, 'zero.pem');
  symlinkSync('/dev/zero', zero);
  const huge = join(dir, 'huge.pem');
  const fd = openSync(huge, 'w');
  ftruncateSync(fd, 600 * 1024 * 1024); // sparse: no disk is used
  closeSync(fd);
  for (const file of [fifo, zero, huge, dir]) {
    const outcome = await loadInChild(file);
    assert.match(outcome, /^CredentialError: /, `${file}: ${outcome}`);
    assert.ok(outcome.includes(file), outcome);
  }
  const markers = join(dir, 'markers.pem');
  writeFileSync(markers, '-----BEGIN PRIVATE KEY-----\n'.repeat(40_000));
  assert.match(await loadInChild(markers), /^CredentialError: no PEM private key/);
  assert.match(await loadInChild('', markers), /^CredentialError: no PEM private key/);
});

// ------------------------------------------------------------------------------------------- 12: echoed secrets

test('12: a secret the service quotes back is scrubbed from the error and the logs', async () => {
  const log = captureLogger();
  server.handle(() => httpReply(400, { 'Content-Type': 'application/xml' }, `<Error xmlns="${NS}"><Code>BadRequest</Code><Message>The password ${PASSWORD} is too weak; JSON "${JSON.stringify(PASSWORD).slice(1, -1)}", escaped ${PASSWORD.replace('!', '&#33;')}.</Message></Error>`));
  await using(client({ logger: log.logger }), (c) => assert.rejects(invoke(c, AddRoleOperation, ADD_ROLE), (err) => {
    assert.ok(err instanceof ServiceError);
    assert.equal(err.code, 'BadRequest');
    assert.equal(surfaces(err).includes(PASSWORD), false, surfaces(err));
    assert.match(err.message, /is too weak/);
    return true;
  }));
  assert.equal(log.text().includes(PASSWORD), false, 'the password is in the log');
});

test('12: a proxy password quoted back by the service is scrubbed', async () => {
  const proxyPassword = 'S9proxypass-77ad0e!';
  const proxy = await startConnectProxy({ username: 'u', password: proxyPassword });
  server.handle(() => httpReply(400, {}, `<Error xmlns="${NS}"><Code>BadRequest</Code><Message>saw ${proxyPassword}</Message></Error>`));
  try {
    await using(client({ proxy: { url: proxy.url, username: 'u', password: proxyPassword } }), (c) => assert.rejects(
      invoke(c, GetHostedServiceOperation, { ServiceName: 's' }),
      (err) => err instanceof ServiceError && err.code === 'BadRequest' && !surfaces(err).includes(proxyPassword),
    ));
  } finally {
    await proxy.close();
  }
});

// ------------------------------------------------------------------------------------------- 13: lenient reading

function hostedServiceWith(date: string, before = ''): string {
  return `<HostedService xmlns="${NS}"><ServiceName>s</ServiceName><HostedServiceProperties>${before}<Description>ours</Description><DateCreated>${date}</DateCreated></HostedServiceProperties></HostedService>`;
}

test('13: dates are ISO 8601 only, checked against the calendar; an empty date is still absent', async () => {
  for (const date of ['1', '2020-02-30T00:00:00Z', '2021-13-01T00:00:00Z', 'Tue, 01 Jan 2019 00:00:00 GMT', '2020-01-01T25:00:00Z']) {
    server.handle(() => httpReply(200, { 'Content-Type': 'application/xml' }, hostedServiceWith(date)));
    await using(client(), (c) => assert.rejects(invoke(c, GetHostedServiceOperation, { ServiceName: 's' }), (err) => {
      assert.ok(err instanceof ResponseParseError, `${date}: ${String(err)}`);
      assert.match(err.message, /DateCreated/);
      return true;
    }));
  }
  for (const [date, iso] of [['2020-02-29T10:11:12.1234567Z', '2020-02-29T10:11:12.123Z'], ['2012-11-28T22:43:20Z', '2012-11-28T22:43:20.000Z']] as const) {
    server.handle(() => httpReply(200, { 'Content-Type': 'application/xml' }, hostedServiceWith(date)));
    const read = await using(client(), (c) => invoke(c, GetHostedServiceOperation, { ServiceName: 's' }));
    assert.equal(read.HostedServiceProperties?.DateCreated?.toISOString(), iso);
  }
  server.handle(() => httpReply(200, { 'Content-Type': 'application/xml' }, hostedServiceWith('')));
  const empty = await using(client(), (c) => invoke(c, GetHostedServiceOperation, { ServiceName: 's' }));
  assert.equal(empty.HostedServiceProperties?.DateCreated, undefined);
});

test('13: a long beyond 2^53 is refused rather than rounded', () => {
  assert.throws(() => parseScalar({ kind: 'long' }, '9007199254740993'), /9007199254740993|exact/);
  assert.equal(parseScalar({ kind: 'long' }, '9007199254740991'), 9007199254740991);
});

test('13: an element of a foreign namespace does not win over the service\'s own', async () => {
  server.handle(() => httpReply(200, { 'Content-Type': 'application/xml' }, hostedServiceWith('2012-11-28T22:43:20Z', '<x:Description xmlns:x="urn:evil">evil</x:Description><Description xmlns="urn:evil2">evil2</Description>')));
  const read = await using(client(), (c) => invoke(c, GetHostedServiceOperation, { ServiceName: 's' }));
  assert.equal(read.HostedServiceProperties?.Description, 'ours');
});
