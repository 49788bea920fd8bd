/**
 * A short sample of the fault suite (the full run is `npm run reliability faults`): create/read/delete scenarios
 * under injected faults, judged by the emulator's state and request log.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { faultSuite } from './faults/suite.js';

test('under injected faults no resource is lost, left behind or created twice, and no POST is sent again blindly', { timeout: 120_000 }, async () => {
  const report = await faultSuite({ seed: 11, scenarios: 2, timeoutMs: 200 });
  assert.deepEqual(report.failures, []);
});
