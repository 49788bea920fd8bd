import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, defaultRetryOptions, isRetryableNetworkError, isRetryableStatus, retryAfterMs } from '../../src/client/retry.js';

test('idempotent verbs retry transient statuses; POST does not', () => {
  for (const status of [408, 429, 500, 502, 503, 504]) {
    assert.equal(isRetryableStatus('GET', status, '', defaultRetryOptions), true);
    assert.equal(isRetryableStatus('DELETE', status, '', defaultRetryOptions), true);
    assert.equal(isRetryableStatus('POST', status, '', defaultRetryOptions), false);
  }
  assert.equal(isRetryableStatus('GET', 404, '', defaultRetryOptions), false);
});

test('POST is retried only when the connection was never made', () => {
  assert.equal(isRetryableNetworkError('POST', Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), true);
  assert.equal(isRetryableNetworkError('POST', Object.assign(new Error('x'), { code: 'ECONNRESET' })), false);
  assert.equal(isRetryableNetworkError('GET', Object.assign(new Error('x'), { code: 'ECONNRESET' })), true);
  assert.equal(isRetryableNetworkError('POST', { cause: { code: 'UND_ERR_CONNECT_TIMEOUT' } }), true);
});

test('exclusive-access conflicts are retried only when asked', () => {
  const body = '<Error><Code>ConflictError</Code><Message>Windows Azure is currently performing an operation on this deployment that requires exclusive access.</Message></Error>';
  assert.equal(isRetryableStatus('POST', 409, body, defaultRetryOptions), false);
  assert.equal(isRetryableStatus('POST', 409, body, { ...defaultRetryOptions, retryExclusiveAccessConflicts: true }), true);
});

test('Retry-After in seconds or as an HTTP date; backoff grows with jitter and is capped', () => {
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
  assert.equal(retryAfterMs('soon'), undefined);
  assert.equal(backoffDelay(1, defaultRetryOptions, 5000), 5000);
  assert.equal(backoffDelay(1, defaultRetryOptions, 999_999), defaultRetryOptions.maxDelayMs);
  assert.equal(backoffDelay(3, defaultRetryOptions, undefined, () => 0), 1000);
  assert.equal(backoffDelay(3, defaultRetryOptions, undefined, () => 1), 2000);
  assert.equal(backoffDelay(20, defaultRetryOptions, undefined, () => 1), defaultRetryOptions.maxDelayMs);
});
