/** A client method's operation module is imported on its first call only; a failed import is tried again. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOnce } from '../../src/client/load-once.js';

test('the module is imported once, however many calls wait for it', async () => {
  let imports = 0;
  const load = loadOnce(async () => ({ n: ++imports }));
  const [a, b] = await Promise.all([load(), load()]);
  const c = await load();
  assert.equal(imports, 1);
  assert.ok(a === b && b === c);
});

test('a failed import is not kept: the next call imports again', async () => {
  let imports = 0;
  const load = loadOnce(async () => {
    imports++;
    if (imports === 1) throw new Error('missing file');
    return { ok: true };
  });
  await assert.rejects(load(), /missing file/);
  assert.deepEqual(await load(), { ok: true });
  assert.equal(imports, 2);
});
