/**
 * A short sample of the bad-input suite (the full run is `npm run reliability inputs`): mutated inputs for the
 * first operations are refused naming the field with nothing sent, or sent encoded into exactly their own place.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inputSuite } from './inputs/suite.js';

test('broken inputs are refused naming the field before anything is sent; hostile parameters stay in their place', { timeout: 120_000 }, async () => {
  const report = await inputSuite({ seed: 5, perOperation: 4, operations: 25 });
  assert.deepEqual(report.failures, []);
});
