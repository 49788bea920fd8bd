/**
 * A short sample of the hostile-response fuzzer (the full run is `npm run reliability fuzz`): seeded cases from a
 * raw HTTPS server, each ending in a correct value or an SDK error class, with no request to an unintended path.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFuzzHarness } from './fuzz/run.js';
import { runPool } from './pool.js';

/** Problems of bugs already shown by known-bugs.test.ts; remove an entry with its fix. */

test('40 hostile responses end in a correct value or a typed error, with no request to an unintended path', { timeout: 120_000 }, async () => {
  // A short per-attempt timeout: the sample's silent servers cost 2 s, not the full run's 10.
  const harness = await startFuzzHarness(20_240_601, 2_000);
  try {
    const results = await runPool(40, 16, (i) => harness.run(i));
    const problems = results.filter((r) => r.problem);
    assert.deepEqual(problems.map((r) => `case ${r.index} (${r.target}, ${r.kind}): ${r.problem}`), []);
    assert.deepEqual(harness.strayPaths, []);
  } finally {
    await harness.close();
  }
});
