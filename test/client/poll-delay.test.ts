import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pollDelay } from '../../src/client/poller.js';

test('poll delays double from the minimum to the maximum, with jitter in the upper half', () => {
  const low = () => 0;
  const high = () => 1;
  // Ceiling 1000, 2000, 4000, 8000, then capped at 5000.
  assert.deepEqual([1, 2, 3, 4, 5].map((check) => pollDelay(check, 1000, 5000, high)), [1000, 2000, 4000, 5000, 5000]);
  // The lowest draw is half the ceiling, but never below the minimum.
  assert.deepEqual([1, 2, 3, 4, 5].map((check) => pollDelay(check, 1000, 5000, low)), [1000, 1000, 2000, 2500, 2500]);
});

test('every poll delay stays within [min, max], whatever the draw', () => {
  for (let check = 1; check < 60; check++) {
    for (const draw of [0, 0.25, 0.5, 0.999]) {
      const delay = pollDelay(check, 50, 400, () => draw);
      assert.ok(delay >= 50 && delay <= 400, `check ${check}, draw ${draw}: ${delay}`);
    }
  }
});
