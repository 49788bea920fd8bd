/**
 * Waiting for asynchronous operations over real HTTPS. A scripted server gives exact status sequences; the
 * emulator shows that aborting a wait leaves the operation running to completion on the server.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import { ServiceManagementClient } from '../../generated/client.js';
import type { ClientOptions } from '../../src/client/client.js';
import { certificateFromPem } from '../../src/client/credentials.js';
import { AbortedError, AuthenticationError, OperationFailedError, ResourceNotFoundError, TimeoutError } from '../../src/core/errors.js';
import type { OperationStatus } from '../../src/client/poller.js';
import { startTestEmulator } from '../support/emulator.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { testPki } from '../support/pki.js';
import { errorXml, operationXml, startScriptedServer, type Reply, type ScriptedServer } from '../support/scripted-server.js';

clearProxyEnvironment();
const pki = testPki();
const SUBSCRIPTION = '00000000-0000-0000-0000-00000000abcd';
let server: ScriptedServer;
let emulator: Emulator;

before(async () => {
  [server, emulator] = await Promise.all([startScriptedServer(), startTestEmulator({ ca: pki.ca, clientCert: pki.client })]);
});
after(async () => {
  await Promise.all([server.close(), emulator.close()]);
});

function clientFor(target: { url: string }, options: Partial<ClientOptions> = {}): ServiceManagementClient {
  return new ServiceManagementClient({
    subscriptionId: SUBSCRIPTION, credential: certificateFromPem(pki.client), endpoint: target.url, ca: pki.ca.cert,
    polling: { minDelayMs: 5, maxDelayMs: 20 }, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options,
  });
}

/** Answers status reads of `id` with the given replies in turn (the last one repeats); counts the reads. */
function scriptStatus(id: string, replies: Reply[]): { reads: () => number } {
  let reads = 0;
  server.handle((request) => {
    if (!request.path.endsWith(`/operations/${id}`)) return { status: 404, body: errorXml('ResourceNotFound', 'unscripted') };
    return replies[Math.min(reads++, replies.length - 1)]!;
  });
  return { reads: () => reads };
}

const inProgress = (id: string): Reply => ({ status: 200, body: operationXml(id, 'InProgress') });
const succeeded = (id: string): Reply => ({ status: 200, body: operationXml(id, 'Succeeded', 200) });

test('the first status check happens at once', { timeout: 10_000 }, async () => {
  // With a one-minute minimum delay, any wait before the first check would hit the test timeout.
  const status = scriptStatus('op-first', [succeeded('op-first')]);
  const client = clientFor(server, { polling: { minDelayMs: 60_000 } });
  try {
    const done = await client.waitForOperation('op-first');
    assert.deepEqual(done, { operation: 'GetOperationStatus', requestId: 'op-first', status: 'Succeeded', httpStatusCode: 200 });
    assert.equal(status.reads(), 1);
  } finally {
    await client.close();
  }
});

test('onProgress sees each status; checks are spaced by at least the minimum delay', async () => {
  scriptStatus('op-progress', [inProgress('op-progress'), inProgress('op-progress'), inProgress('op-progress'), succeeded('op-progress')]);
  const seen: OperationStatus[] = [];
  const client = clientFor(server);
  const first = server.requests.length;
  try {
    await client.waitForOperation('op-progress', { minDelayMs: 15, maxDelayMs: 40, onProgress: (s) => seen.push(s) });
  } finally {
    await client.close();
  }
  assert.deepEqual(seen.map((s) => s.status), ['InProgress', 'InProgress', 'InProgress', 'Succeeded']);
  assert.equal(seen.at(-1)!.httpStatusCode, 200);
  const arrivals = server.requests.slice(first).map((r) => r.at);
  // Timers may fire up to a millisecond early; the floor is what matters, never an upper bound.
  for (let i = 1; i < arrivals.length; i++) assert.ok(arrivals[i]! - arrivals[i - 1]! >= 14, `gap ${i} below the minimum delay`);
});

test('the overall timeout ends the wait with TimeoutError', async () => {
  const status = scriptStatus('op-slow', [inProgress('op-slow')]);
  const client = clientFor(server);
  try {
    // Long enough for the first read's TLS handshake on a loaded machine (the first check goes out at once).
    await assert.rejects(client.waitForOperation('op-slow', { timeoutMs: 2000, minDelayMs: 200 }), (err: unknown) =>
      err instanceof TimeoutError && err.operation === 'GetOperationStatus' && err.timeoutMs === 2000);
    // How many reads fit in the window depends on the machine; that it read and then gave up does not.
    assert.ok(status.reads() >= 1);
  } finally {
    await client.close();
  }
});

test('Failed rejects at once with OperationFailedError: code, message and HTTP status', async () => {
  const failed = operationXml('op-failed', 'Failed', 409, { code: 'ConflictError', message: 'The hosted service is busy.' });
  const status = scriptStatus('op-failed', [inProgress('op-failed'), { status: 200, body: failed }]);
  const client = clientFor(server);
  try {
    await assert.rejects(client.waitForOperation('op-failed'), (err: unknown) => {
      assert.ok(err instanceof OperationFailedError, String(err));
      assert.equal(err.code, 'ConflictError');
      assert.equal(err.detail, 'The hosted service is busy.');
      assert.equal(err.statusCode, 409);
      assert.equal(err.requestId, 'op-failed');
      assert.match(err.message, /op-failed failed: 409 ConflictError: The hosted service is busy\./);
      return true;
    });
    assert.equal(status.reads(), 2);
  } finally {
    await client.close();
  }
});

test('a status that keeps answering 404 or 403 stops the wait after a few tries, long before the timeout', async () => {
  for (const [reply, kind] of [
    [{ status: 404, body: errorXml('ResourceNotFound', 'No operation with that id.') }, ResourceNotFoundError],
    [{ status: 403, body: errorXml('ForbiddenError', 'The server failed to authenticate the request.') }, AuthenticationError],
  ] as const) {
    const status = scriptStatus('op-missing', [reply]);
    const client = clientFor(server);
    try {
      await assert.rejects(client.waitForOperation('op-missing', { timeoutMs: 600_000 }), kind);
      assert.equal(status.reads(), 3);
    } finally {
      await client.close();
    }
  }
});

test('a status that is missing briefly (as right after a 202) is waited for', async () => {
  const missing: Reply = { status: 404, body: errorXml('ResourceNotFound', 'not yet') };
  scriptStatus('op-late', [missing, missing, succeeded('op-late')]);
  const client = clientFor(server);
  try {
    assert.equal((await client.waitForOperation('op-late')).status, 'Succeeded');
  } finally {
    await client.close();
  }
});

test('a 202 answer is followed to completion with { wait }', async () => {
  server.handle((request) => {
    if (request.method === 'DELETE') return { status: 202, headers: { 'x-ms-request-id': 'op-delete' } };
    return server.requests.filter((r) => r.path.endsWith('/operations/op-delete')).length < 2 ? inProgress('op-delete') : succeeded('op-delete');
  });
  const client = clientFor(server);
  try {
    const done = await client.deleteHostedService({ ServiceName: 'gone', DeleteAllMedia: true }, { wait: { minDelayMs: 5 } });
    assert.deepEqual(done, { operation: 'DeleteHostedService', requestId: 'op-delete', status: 'Succeeded', httpStatusCode: 200 });
  } finally {
    await client.close();
  }
});

test('aborting stops the wait, not the operation: a later client resumes from the saved id and sees it finish', async () => {
  // Completion by time, not by status reads: the operation must finish whether or not anyone polls it.
  emulator.setAsyncTiming({ delayMs: 150 });
  const client = clientFor(emulator, { subscriptionId: emulator.subscriptionId, ca: emulator.caCert });
  let requestId: string;
  let abortedAt: number;
  try {
    await client.createHostedService({ ServiceName: 'abort-me', Label: 'a', Location: 'West US' });
    const accepted = await client.deleteHostedService({ ServiceName: 'abort-me', DeleteAllMedia: true });
    assert.equal(accepted.completed, false);
    requestId = accepted.requestId;
    const controller = new AbortController();
    const seen: string[] = [];
    await assert.rejects(accepted.wait({ signal: controller.signal, onProgress: (s) => { seen.push(s.status); controller.abort(); } }), (err: unknown) =>
      err instanceof AbortedError && err.operation === 'DeleteHostedService');
    assert.deepEqual(seen, ['InProgress']);
    abortedAt = emulator.requests.length;
  } finally {
    await client.close();
  }
  // A new client, as after a restart, with only the request id.
  const later = clientFor(emulator, { subscriptionId: emulator.subscriptionId, ca: emulator.caCert });
  try {
    const statuses: string[] = [];
    const done = await later.waitForOperation(requestId, { onProgress: (s) => statuses.push(s.status) });
    assert.equal(done.status, 'Succeeded');
    assert.equal(statuses.at(-1), 'Succeeded');
    const status = await later.getOperationStatus({ RequestId: requestId });
    assert.equal(status.Status, 'Succeeded');
    await assert.rejects(later.getHostedService({ ServiceName: 'abort-me' }), ResourceNotFoundError);
    // Nothing but status reads (and the final check) went out after the abort: no cancellation was sent.
    assert.deepEqual([...new Set(emulator.requests.slice(abortedAt).map((r) => r.method))], ['GET']);
  } finally {
    await later.close();
    emulator.setAsyncTiming({ polls: 1 });
  }
});

test('an abort signal already fired rejects before any status read', async () => {
  const status = scriptStatus('op-never', [inProgress('op-never')]);
  const client = clientFor(server);
  try {
    await assert.rejects(client.waitForOperation('op-never', { signal: AbortSignal.abort() }), AbortedError);
    assert.equal(status.reads(), 0);
  } finally {
    await client.close();
  }
});
