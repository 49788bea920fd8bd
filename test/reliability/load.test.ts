/**
 * A short sample of the load suite (the full run is `npm run reliability load`): concurrent reads and waited
 * asynchronous deletes through the SDK and the bare undici baseline, against the emulator, with no error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSuite } from './load/suite.js';

test('concurrent calls and waits complete without error, through the SDK and the baseline', { timeout: 120_000 }, async () => {
  const report = await loadSuite({ rounds: 1, calls: 50, waits: 5 });
  assert.deepEqual(report.failures, []);
});
