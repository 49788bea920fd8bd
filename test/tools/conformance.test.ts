/**
 * `npm run conformance` compares a recorded request as the service read it: elements out of the spec's order
 * are left out only when a later read in the same recording shows the service did not apply them. Run as a user
 * runs it, on recordings written to a scratch folder: the real one (Python's UpdateOSImage), and two that must fail
 * — the later read shows a skipped member applied, or there is no later read.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, test } from 'node:test';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const tool = join(root, 'dist', 'tools', 'conformance.js');
const recorded = join(root, '..', 'shared', 'wire-corpus', 'python', 'test_legacy_mgmt_misc.test_update_os_image_from_image_reference.json');
const scratch = mkdtempSync(join(tmpdir(), 'conformance-'));

after(() => rmSync(scratch, { recursive: true, force: true }));

interface Interaction { method: string; path: string; requestBody: string | null; status: number; responseBody: string | null }

function recording(): { interactions: Interaction[] } {
  return JSON.parse(readFileSync(recorded, 'utf8')) as { interactions: Interaction[] };
}

async function conformance(name: string, content: unknown): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(scratch, `${name}-`));
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(content));
  try {
    const { stdout } = await run(process.execPath, [tool, dir]);
    return { code: 0, out: stdout };
  } catch (err) {
    const failure = err as { code: number; stdout: string };
    return { code: failure.code, out: failure.stdout };
  }
}

const updateIndex = (r: { interactions: Interaction[] }) => r.interactions.findIndex((i) => i.method === 'PUT');

test('the recorded UpdateOSImage passes: what it sent after Language is skipped, and the later read confirms it', async () => {
  const { code, out } = await conformance('as-recorded', recording());
  assert.equal(code, 0, out);
  assert.match(out, /conformance: \d+ passed, 0 failed/);
});

test('a skipped member that the later read shows applied fails: the spec\'s order would be wrong', async () => {
  const changed = recording();
  const put = updateIndex(changed);
  changed.interactions[put]!.requestBody = changed.interactions[put]!.requestBody!.replace('<ImageFamily></ImageFamily>', '<ImageFamily>fam</ImageFamily>');
  const read = changed.interactions.slice(put + 1).find((i) => i.method === 'GET' && i.path.includes('/services/images/'))!;
  read.responseBody = read.responseBody!.replace('<OSState>', '<ImageFamily>fam</ImageFamily><OSState>');
  const { code, out } = await conformance('applied', changed);
  assert.equal(code, 1, out);
  assert.match(out, /the service applied OSImage\.ImageFamily, which the spec's order says it skipped/);
});

test('an order difference with no later read of the resource fails', async () => {
  const changed = recording();
  changed.interactions = changed.interactions.slice(0, updateIndex(changed) + 1);
  const { code, out } = await conformance('unconfirmed', changed);
  assert.equal(code, 1, out);
  assert.match(out, /out of the spec's order, and no later read of \/[^ ]+\/services\/images\/utosimg38cc19aa in the recording shows/);
});
