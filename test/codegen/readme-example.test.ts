/**
 * The README's "Change the API" example, pasted as written: its group file goes into a copy of spec/, the
 * generator runs, and the repository's code with the new generated operation type-checks.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../src/codegen/run.js';
import { repoRoot, templateDir } from './repo-root.js';

/** The first ```json block of the README's "Add or change an operation" section. */
function readmeExample(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Add or change an operation'));
  const block = /```json\n([\s\S]*?)\n\s*```/.exec(section);
  assert.ok(block, 'no ```json block in the README\'s "Add or change an operation"');
  return block[1]!.replace(/^ {3}/gm, '');
}

test('the README example generates GetWidget and type-checks', async () => {
  const root = mkdtempSync(join(tmpdir(), 'asm-readme-'));
  try {
    for (const dir of ['spec', 'src', 'generated']) cpSync(join(repoRoot, dir), join(root, dir), { recursive: true });
    for (const file of ['tsconfig.json', 'package.json']) cpSync(join(repoRoot, file), join(root, file));
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
    writeFileSync(join(root, 'spec', 'groups', 'widgets.json'), readmeExample());

    let output = '';
    const code = await run([], { root, templateDir, stdout: (t) => (output += t), stderr: (t) => (output += t) });
    assert.equal(code, 0, output);
    assert.match(output, /non-breaking {2}operation GetWidget added/);
    assert.ok(existsSync(join(root, 'generated', 'operations', 'GetWidget.ts')));
    assert.match(readFileSync(join(root, 'generated', 'models', 'Widget.ts'), 'utf8'), /Size\?: number/);

    const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root, '--noEmit'], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
