/**
 * Bugs the reliability suites found in runtime/, one test each, kept so that none comes back (docs/reliability.md,
 * "Bugs found", describes each and its fix).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { serviceShape } from '../../generated/service.js';
import { CreateHostedServiceOperation } from '../../generated/operations/CreateHostedService.js';
import { DeleteHostedServiceOperation } from '../../generated/operations/DeleteHostedService.js';
import { DownloadRdpFileOperation } from '../../generated/operations/DownloadRdpFile.js';
import { GetHostedServiceOperation } from '../../generated/operations/GetHostedService.js';
import { GetStorageAccountKeysOperation } from '../../generated/operations/GetStorageAccountKeys.js';
import { WalkUpgradeDomainBySlotOperation } from '../../generated/operations/WalkUpgradeDomainBySlot.js';
import { ServiceClient, type ClientOptions } from '../../src/client/client.js';
import { invoke, invokeAsync } from '../../src/client/invoke.js';
import { certificateFromPem } from '../../src/client/credentials.js';
import { ResponseParseError, SdkError, ValidationError } from '../../src/core/errors.js';
import { redactBody } from '../../src/client/logging.js';
import { httpReply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { testPki } from '../support/pki.js';

const pki = testPki();
const KEY = 'S7storagekey-e81b5f-Key==';
const KEYS_XML = `<StorageService xmlns="http://schemas.microsoft.com/windowsazure"><Url>u</Url><StorageServiceKeys><Primary>${KEY}</Primary></StorageServiceKeys></StorageService>`;
let server: ScriptedServer;

before(async () => { server = await startScriptedServer({ certificate: pki.server }); });
after(() => server.close());

function client(extra: Partial<ClientOptions> = {}): ServiceClient {
  return new ServiceClient({
    subscriptionId: 'bugs', credential: certificateFromPem(pki.client), endpoint: server.url, ca: pki.ca.cert, proxy: false,
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

test('a 307 whose Location is not a valid URL ends in a typed error, not a TypeError', async () => {
  server.handle(() => httpReply(307, { Location: 'https://exa mple.com/' }));
  await using(client(), (c) => assert.rejects(invoke(c, GetHostedServiceOperation, { ServiceName: 's' }), (err) => err instanceof SdkError));
});

test('ResponseParseError.rawBody is redacted like ServiceError.rawBody', async () => {
  server.handle(() => httpReply(200, { 'Content-Type': 'application/xml' }, KEYS_XML.slice(0, -20)));
  await using(client(), (c) => assert.rejects(invoke(c, GetStorageAccountKeysOperation, { ServiceName: 'acct' }), (err) => {
    assert.ok(err instanceof ResponseParseError);
    assert.equal(JSON.stringify(err).includes(KEY), false, 'the storage key is in JSON.stringify(error)');
    return true;
  }));
});

test('redactBody redacts a secret whose closing tag or quote was cut off', () => {
  assert.equal(redactBody(GetStorageAccountKeysOperation, `<StorageService><Primary>${KEY}`).includes(KEY), false);
  assert.equal(redactBody(GetStorageAccountKeysOperation, `{"StorageServiceKeys":{"Primary":"${KEY}`).includes(KEY), false);
});

test('redacting a hostile 400 KB error body does not block the process for seconds', async () => {
  const logging = new URL('../../src/client/logging.js', import.meta.url).href;
  const op = new URL('../../generated/operations/GetHostedService.js', import.meta.url).href;
  const script = `const { redactBody } = await import('${logging}'); const { GetHostedServiceOperation: op } = await import('${op}');`
    + `redactBody(op, '<Data '.repeat(64000)); redactBody(op, '-----BEGIN PRIVATE KEY-----'.repeat(16000));`;
  // A hard cap, not a timing figure: linear patterns take milliseconds here, the quadratic ones tens of seconds.
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 1_500 });
});

test('a non-finite number is refused by validation, naming the field, before anything is sent', async () => {
  const before = server.requests.length;
  server.handle(() => httpReply(202, { 'x-ms-request-id': 'r' }));
  await using(client(), (c) => assert.rejects(
    invoke(c, WalkUpgradeDomainBySlotOperation, { ServiceName: 's', DeploymentSlot: 'Production', UpgradeDomain: Number.POSITIVE_INFINITY }),
    (err) => err instanceof ValidationError && err.issues.some((i) => i.path === 'UpgradeDomain'),
  ));
  assert.equal(server.requests.length, before);
});

test('with validation off, a value the serializer cannot write is a ValidationError, not a ShapeError', async () => {
  await using(client({ validation: false }), (c) => assert.rejects(
    // A number where the spec wants a string: what an untyped JavaScript caller can pass.
    invoke(c, CreateHostedServiceOperation, { ServiceName: 's', Label: 5 as unknown as string, Location: 'West US' }),
    (err) => err instanceof ValidationError && err.issues.some((i) => i.path === 'Label'),
  ));
});

test('a 200 status answer with an empty body fails the wait at once instead of reading as InProgress', async () => {
  server.handle((r) => (r.method === 'DELETE' ? httpReply(202, { 'x-ms-request-id': 'emptyop' }) : httpReply(200, { 'Content-Type': 'application/xml' }, '')));
  const before = server.requests.length;
  await using(client(), (c) => assert.rejects(
    invokeAsync(c, DeleteHostedServiceOperation, { ServiceName: 's', DeleteAllMedia: true }, { wait: { minDelayMs: 10, maxDelayMs: 20, timeoutMs: 1_000 } }),
    (err) => err instanceof ResponseParseError,
  ));
  assert.equal(server.requests.length - before, 2, 'one DELETE and one status read');
});

test('an answer larger than maxResponseBytes ends in a typed error, unread', async () => {
  const size = 32 * 1024 * 1024;
  server.handle(() => ({ head: `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${size}\r\n\r\n`, body: { chunk: Buffer.alloc(1024 * 1024, 'x'), times: 32 } }));
  const written = server.bodyBytesWritten;
  const options = { maxResponseBytes: 1024 * 1024 } as Partial<ClientOptions>;
  await using(client(options), (c) => assert.rejects(
    invoke(c, DownloadRdpFileOperation, { ServiceName: 's', DeploymentName: 'd', RoleInstanceName: 'r' }),
    (err) => err instanceof SdkError,
  ));
  assert.ok(server.bodyBytesWritten - written < size, 'the whole answer was read');
});
