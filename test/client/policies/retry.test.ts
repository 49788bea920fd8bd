/** The retry policy against a scripted `next`: what is sent again, how often, after how long, and what is logged. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbortedError, NetworkError, TimeoutError } from '../../../src/core/errors.js';
import { createClientLog } from '../../../src/client/logging.js';
import { retryPolicy } from '../../../src/client/policies/retry.js';
import { defaultRetryOptions, type ResolvedRetryOptions } from '../../../src/client/retry.js';
import { captureLogger } from '../../support/capture-logger.js';
import { answer, connectionFailure, fakeRequest, scriptedNext } from '../../support/pipeline-fakes.js';

const fast: ResolvedRetryOptions = { ...defaultRetryOptions, baseDelayMs: 1, maxDelayMs: 5 };

function policy(options: ResolvedRetryOptions = fast) {
  const log = captureLogger();
  return { log, retry: retryPolicy(options, createClientLog(log.logger, {}), () => 0.5) };
}

test('a GET answered 503 with Retry-After is sent again after the Retry-After delay, and the retry is logged', async () => {
  const { log, retry } = policy({ ...fast, maxDelayMs: 5_000 });
  const { next, seen } = scriptedNext(answer(503, { 'retry-after': '0.05' }), answer(200));
  const started = performance.now();
  const response = await retry(fakeRequest(), next);
  assert.equal(response.statusCode, 200);
  assert.deepEqual(seen.map((r) => r.attempt), [1, 2]);
  assert.ok(performance.now() - started >= 45, 'waited for Retry-After');
  const [entry] = log.entries.filter((e) => e.retryInMs !== undefined);
  assert.equal(entry?.level, 'warn');
  assert.equal(entry?.retryInMs, 50);
  assert.equal(entry?.message, 'GET /sub/services/hostedservices/svc -> 503 (Retry-After); retry 1 of 3 in 50 ms');
});

test('Retry-After is capped by maxDelayMs', async () => {
  const { log, retry } = policy();
  const { next } = scriptedNext(answer(429, { 'retry-after': '3600' }), answer(200));
  await retry(fakeRequest(), next);
  assert.equal(log.entries.find((e) => e.retryInMs !== undefined)?.retryInMs, fast.maxDelayMs);
});

test('a POST answered 503 is not sent again: the service may have acted on it', async () => {
  const { retry } = policy();
  const { next, seen } = scriptedNext(answer(503), answer(201));
  assert.equal((await retry(fakeRequest({ method: 'POST' }), next)).statusCode, 503);
  assert.equal(seen.length, 1);
});

test('a POST is sent again when the connection was refused, and only then', async () => {
  const refused = scriptedNext(connectionFailure('ECONNREFUSED'), answer(201));
  assert.equal((await policy().retry(fakeRequest({ method: 'POST' }), refused.next)).statusCode, 201);
  assert.equal(refused.seen.length, 2);

  const { log, retry } = policy();
  const reset = scriptedNext(connectionFailure('ECONNRESET'), answer(201));
  await assert.rejects(retry(fakeRequest({ method: 'POST' }), reset.next), (err: unknown) => err instanceof NetworkError && err.causeCode === 'ECONNRESET');
  assert.equal(reset.seen.length, 1);
  const failure = log.entries.find((e) => e.level === 'error');
  assert.equal(failure?.attempt, 1);
  assert.match(failure!.message, /^POST \/sub\/services\/hostedservices\/svc failed: /);
});

test('a GET is sent again after a reset, up to maxRetries; then the last answer is returned', async () => {
  const { retry } = policy({ ...fast, maxRetries: 2 });
  const { next, seen } = scriptedNext(connectionFailure('ECONNRESET'), answer(500));
  assert.equal((await retry(fakeRequest(), next)).statusCode, 500);
  assert.deepEqual(seen.map((r) => r.attempt), [1, 2, 3]);
});

test('statuses outside the list, and errors that are not connection failures, are not retried', async () => {
  const notFound = scriptedNext(answer(404), answer(200));
  assert.equal((await policy().retry(fakeRequest(), notFound.next)).statusCode, 404);
  assert.equal(notFound.seen.length, 1);
  const timedOut = scriptedNext(new TimeoutError('GetHostedService', 10), answer(200));
  await assert.rejects(policy().retry(fakeRequest(), timedOut.next), TimeoutError);
  assert.equal(timedOut.seen.length, 1);
});

test('a 409 exclusive-access conflict is retried only when asked, for any verb', async () => {
  const conflict = answer(409, {}, '<Error><Code>ConflictError</Code><Message>... requires exclusive access.</Message></Error>');
  const off = scriptedNext(conflict, answer(201));
  assert.equal((await policy().retry(fakeRequest({ method: 'POST' }), off.next)).statusCode, 409);
  const on = scriptedNext(conflict, answer(201));
  assert.equal((await policy({ ...fast, retryExclusiveAccessConflicts: true }).retry(fakeRequest({ method: 'POST' }), on.next)).statusCode, 201);
});

test('the caller aborting during the backoff ends the call with AbortedError, without another attempt', async () => {
  const { retry } = policy({ ...fast, baseDelayMs: 10_000, maxDelayMs: 10_000 });
  const controller = new AbortController();
  const { next, seen } = scriptedNext(answer(503), answer(200));
  const call = retry(fakeRequest({ signal: controller.signal }), next);
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(call, AbortedError);
  assert.equal(seen.length, 1);
});
