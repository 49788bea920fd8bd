/**
 * The request id an answer names (issue #16, third round). The service sends one x-ms-request-id of 32 hex
 * characters, and a status answer's <ID> is that id in GUID form (every recording). A repeated header used to be
 * joined into "a, b" and handed to the caller (result.requestId, error.requestId) and polled as one id; a status
 * answer about another operation used to be taken as the polled one's. Both over real HTTPS (scripted server).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { ServiceManagementClient } from '../../generated/client.js';
import { ResponseParseError, ServiceError } from '../../src/core/errors.js';
import { errorXml, operationXml, startScriptedServer, type RawReply, type ScriptedServer } from '../support/scripted-server.js';
import { typedClientForServer } from '../support/typed-client.js';

const HEX = '4826b6ea77c0b72a8aa6c622e581f61d';
const GUID = '4826b6ea-77c0-b72a-8aa6-c622e581f61d';
let server: ScriptedServer;
let client: ServiceManagementClient;

before(async () => {
  server = await startScriptedServer();
  client = typedClientForServer(server, { polling: { minDelayMs: 1, maxDelayMs: 5 }, retry: { maxRetries: 0 } });
});

beforeEach(() => server.requests.splice(0));

after(async () => {
  await client.close();
  await server.close();
});

/** An answer whose x-ms-request-id header is sent once per value (the Record-based helpers cannot repeat one). */
function withRequestIds(status: number, ids: string[], body = '', type = 'application/xml'): RawReply {
  const bytes = Buffer.from(body, 'utf8');
  const head = `HTTP/1.1 ${status} X\r\n${ids.map((id) => `x-ms-request-id: ${id}\r\n`).join('')}Content-Type: ${type}\r\nContent-Length: ${bytes.length}\r\n\r\n`;
  return { head, body: bytes, then: 'keep' };
}

function statusPolls(): string[] {
  return server.requests.filter((r) => r.path.includes('/operations/')).map((r) => r.path);
}

test('a status answer in GUID form of the polled hex id is the polled operation', async () => {
  server.queue({ status: 202, headers: { 'x-ms-request-id': HEX } }, { status: 200, body: operationXml(GUID, 'Succeeded', 200) });
  const done = await client.deleteHostedService({ ServiceName: 's1' }, { wait: true });
  assert.equal(done.requestId, HEX);
  assert.deepEqual(statusPolls().map((p) => p.split('/').pop()), [HEX]);
});

test('a status answer about another operation is refused, naming both ids', async () => {
  server.queue(
    { status: 202, headers: { 'x-ms-request-id': HEX } },
    { status: 200, body: operationXml('0000aaaa-77c0-b72a-8aa6-c622e581f61d', 'Succeeded', 200) },
  );
  await assert.rejects(client.deleteHostedService({ ServiceName: 's1' }, { wait: true }), (err: unknown) => {
    assert.ok(err instanceof ResponseParseError, String(err));
    assert.match(err.message, /about operation "0000aaaa-77c0-b72a-8aa6-c622e581f61d", not the polled 4826b6ea77c0b72a8aa6c622e581f61d/);
    return true;
  });
});

test('a repeated x-ms-request-id on an async 202 is no id to poll: a typed error, and no status URL built from two ids', async () => {
  server.queue(withRequestIds(202, ['aaaa', 'bbbb']));
  await assert.rejects(client.deleteHostedService({ ServiceName: 's1' }, { wait: true }), (err: unknown) => {
    assert.ok(err instanceof ResponseParseError, String(err));
    assert.match(err.message, /no request id to follow \(x-ms-request-id is not one request id/);
    return true;
  });
  assert.deepEqual(statusPolls(), []);
});

test('a repeated x-ms-request-id is absent from results and errors, never "a, b"', async () => {
  server.queue(withRequestIds(200, ['aaaa', 'bbbb']));
  const result = await client.deleteStorageAccount({ ServiceName: 's1' });
  assert.deepEqual(result, { statusCode: 200, requestId: undefined });
  server.queue(withRequestIds(404, ['aaaa', 'bbbb'], errorXml('ResourceNotFound', 'gone')));
  await assert.rejects(client.getHostedService({ ServiceName: 's1' }), (err: unknown) => {
    assert.ok(err instanceof ServiceError, String(err));
    assert.equal(err.code, 'ResourceNotFound');
    assert.equal(err.requestId, undefined);
    return true;
  });
  // One value is kept as sent.
  server.queue(withRequestIds(404, [HEX], errorXml('ResourceNotFound', 'gone')));
  await assert.rejects(client.getHostedService({ ServiceName: 's1' }), (err: unknown) => err instanceof ServiceError && err.requestId === HEX);
});
