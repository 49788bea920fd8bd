/** The timeout policy: each attempt bounded, the caller's signal honoured, and the two told apart. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbortedError, NetworkError, TimeoutError } from '../../../src/core/errors.js';
import type { PipelineRequest } from '../../../src/client/pipeline.js';
import { timeoutPolicy } from '../../../src/client/policies/timeout.js';
import { answer, fakeRequest, scriptedNext } from '../../support/pipeline-fakes.js';

/** Like the transport: no answer until the attempt's signal fires, then a failure. */
function hangUntilAborted(request: PipelineRequest): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new NetworkError('GetHostedService', 'GET /sub failed: aborted', 'UND_ERR_ABORTED'));
    if (request.signal!.aborted) fail();
    else request.signal!.addEventListener('abort', fail, { once: true });
  });
}

test('an attempt that takes longer than the timeout ends with TimeoutError naming the timeout', async () => {
  const { next } = scriptedNext(hangUntilAborted);
  await assert.rejects(timeoutPolicy(30)(fakeRequest(), next), (err: unknown) => err instanceof TimeoutError && err.timeoutMs === 30 && err.operation === 'GetHostedService');
});

test('the call\'s own timeoutMs wins over the client\'s', async () => {
  const { next } = scriptedNext(hangUntilAborted);
  await assert.rejects(timeoutPolicy(60_000)(fakeRequest({ timeoutMs: 20 }), next), (err: unknown) => err instanceof TimeoutError && err.timeoutMs === 20);
});

test('the caller aborting ends the attempt with AbortedError, not TimeoutError', async () => {
  const controller = new AbortController();
  const { next } = scriptedNext(hangUntilAborted);
  const call = timeoutPolicy(60_000)(fakeRequest({ signal: controller.signal }), next);
  setTimeout(() => controller.abort(), 10);
  await assert.rejects(call, AbortedError);
});

test('a signal aborted before the call ends it at once with AbortedError', async () => {
  const { next } = scriptedNext(hangUntilAborted);
  await assert.rejects(timeoutPolicy(60_000)(fakeRequest({ signal: AbortSignal.abort() }), next), AbortedError);
});

test('a fast answer passes through, and other failures are not relabelled', async () => {
  const ok = scriptedNext(answer(200));
  assert.equal((await timeoutPolicy(1_000)(fakeRequest(), ok.next)).statusCode, 200);
  assert.equal(ok.seen[0]!.signal?.aborted, false, 'the attempt got a live signal of its own');
  const reset = new NetworkError('GetHostedService', 'GET /sub failed: reset', 'ECONNRESET');
  await assert.rejects(timeoutPolicy(1_000)(fakeRequest(), scriptedNext(reset).next), (err: unknown) => err === reset);
});
