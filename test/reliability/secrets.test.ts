/**
 * A short sample of the secrets suite (the full run is `npm run reliability secrets`): secret-carrying calls
 * through validation errors, service errors, network and proxy failures, with debug logging captured and through
 * ASM_SDK_LOG=debug on stderr; no secret may appear in any error surface or log line. The leaks already found
 * (malformed answers holding keys) are shown by known-bugs.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretsSuite } from './secrets/suite.js';

test('no secret appears in any error message, stack, JSON or inspect form, or log line', { timeout: 120_000 }, async () => {
  const report = await secretsSuite({
    only: ['accepted, debug logging', 'validation error (unknown field)', 'service error echoing the request', 'connection refused (token credential)', 'proxy refuses the credentials (407)', 'bearer token rejected (401)'],
  });
  assert.deepEqual(report.failures, []);
});
