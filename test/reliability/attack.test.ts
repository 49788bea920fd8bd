/**
 * A short sample of the attack suite (the full run, with figures, is `npm run reliability attack`): anonymous
 * 30 MiB uploads, slowloris connections, hostile bodies, expired certificates and path tricks against the
 * emulator in its own process with a 384 MiB heap. No timing is asserted here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SUITES } from './suites.js';

test('the emulator survives the attacks, stays small, keeps serving, and refuses every hostile request', { timeout: 180_000 }, async () => {
  const report = await SUITES['attack']!({ scale: 'sample', seed: 1 });
  assert.deepEqual(report.failures, []);
});
