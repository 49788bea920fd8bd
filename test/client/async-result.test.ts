/**
 * One signature per asynchronous operation, typed by its options: `{ wait: true }` (or wait options) resolves
 * to a CompletedOperation, anything else to an AcceptedOperation — on the client's methods and on the standalone
 * functions. The `Same<…>` constants fail to compile when a call form resolves to another type; the calls run
 * against a scripted server so that each type is also what arrives.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ServiceManagementClient } from '../../generated/client.js';
import { deleteHostedService } from '../../generated/operations/DeleteHostedService.js';
import type { AsyncResult } from '../../src/client/async-result.js';
import type { RequestOptions, WaitingRequestOptions } from '../../src/client/client.js';
import type { AcceptedOperation, CompletedOperation } from '../../src/client/poller.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { typedClientForServer } from '../support/typed-client.js';

/** True only when A and B are the same type (not merely assignable either way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

const NS = 'http://schemas.microsoft.com/windowsazure';
let server: ScriptedServer;
let client: ServiceManagementClient;

before(async () => {
  server = await startScriptedServer();
  client = typedClientForServer(server, { polling: { minDelayMs: 1, maxDelayMs: 5 } });
});

after(async () => {
  await client.close();
  await server.close();
});

function acceptThenSucceed(requestId: string): void {
  server.queue(
    { status: 202, headers: { 'x-ms-request-id': requestId } },
    { status: 200, body: `<Operation xmlns="${NS}"><ID>${requestId}</ID><Status>Succeeded</Status><HttpStatusCode>200</HttpStatusCode></Operation>` },
  );
}

test('the result type follows the options type; options the signature does not take are refused', () => {
  const plain: Same<AsyncResult<RequestOptions>, AcceptedOperation> = true;
  const none: Same<AsyncResult<undefined>, AcceptedOperation> = true;
  const waiting: Same<AsyncResult<WaitingRequestOptions>, CompletedOperation> = true;
  const withWaitOptions: Same<AsyncResult<{ wait: { timeoutMs: number } }>, CompletedOperation> = true;
  // Options that may or may not wait may give either, so the caller has to tell them apart.
  const either: Same<AsyncResult<RequestOptions | WaitingRequestOptions>, AcceptedOperation | CompletedOperation> = true;
  assert.deepEqual([plain, none, waiting, withWaitOptions, either], [true, true, true, true, true]);
  // @ts-expect-error -- `wait` takes true or wait options; false is neither, and is refused at compile time.
  const refused = () => client.deleteHostedService({ ServiceName: 'svc' }, { wait: false });
  assert.equal(typeof refused, 'function');
});

test('a client method without wait resolves when accepted, typed AcceptedOperation', async () => {
  acceptThenSucceed('req-accepted');
  const accepted = await client.deleteHostedService({ ServiceName: 'svc', DeleteAllMedia: true });
  const typed: Same<typeof accepted, AcceptedOperation> = true;
  assert.ok(typed);
  assert.equal(accepted.requestId, 'req-accepted');
  assert.equal((await accepted.wait()).status, 'Succeeded');
});

test('a client method with { wait: true } resolves when finished, typed CompletedOperation', async () => {
  acceptThenSucceed('req-waited');
  const completed = await client.deleteHostedService({ ServiceName: 'svc', DeleteAllMedia: true }, { wait: true });
  const typed: Same<typeof completed, CompletedOperation> = true;
  assert.ok(typed);
  assert.deepEqual({ requestId: completed.requestId, status: completed.status }, { requestId: 'req-waited', status: 'Succeeded' });
  assert.equal('wait' in completed, false);
});

test('the standalone function is typed the same way, wait options included', async () => {
  acceptThenSucceed('req-standalone');
  const completed = await deleteHostedService(client, { ServiceName: 'svc' }, { wait: { timeoutMs: 5_000 } });
  const waited: Same<typeof completed, CompletedOperation> = true;
  assert.ok(waited);
  assert.equal(completed.status, 'Succeeded');
  server.queue({ status: 202, headers: { 'x-ms-request-id': 'req-signal' } });
  const accepted = await deleteHostedService(client, { ServiceName: 'svc' }, { signal: new AbortController().signal });
  const notWaited: Same<typeof accepted, AcceptedOperation> = true;
  assert.ok(notWaited);
  assert.equal(accepted.completed, false);
});
