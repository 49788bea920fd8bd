/**
 * The change report against the base a pull request targets, in a temporary git repository: iterating on the
 * spec (change a type, change it back) leaves only the net change in generated/CHANGES.md, with the suggested
 * version bump; the drift gate passes on the branch and, after the merge, on the base; `--base` names a tag or
 * another ref, and an unknown one is an error naming it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { run } from '../../src/codegen/run.js';
import { writeSpecDir } from './support/scenarios.js';
import { metaSchema, templateDir } from './repo-root.js';
import { baseGroup, readGroup, service, writeGroup } from './spec-fixtures.js';

let root: string;
let spec: string;
let out: string;
let err: string;

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
const git = (...args: string[]): string => execFileSync('git', ['-C', root, '-c', 'commit.gpgsign=false', ...args], { env: gitEnv, encoding: 'utf8' });
const commitAll = (message: string): void => {
  git('add', '-A');
  git('commit', '-q', '-m', message);
};

function generate(argv: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<number> {
  out = '';
  err = '';
  return run(argv, { root, specDir: spec, templateDir, env, stdout: (t) => (out += t), stderr: (t) => (err += t) });
}

const changes = (): string => readFileSync(join(root, 'generated', 'CHANGES.md'), 'utf8');

function editWidgets(edit: (group: ReturnType<typeof baseGroup>) => void): void {
  const group = readGroup(spec, 'groups/widgets.json');
  edit(group);
  writeGroup(spec, 'groups/widgets.json', group);
}

const setSizeType = (type: 'int' | 'string') => editWidgets((g) => {
  g.models!['Widget']!.properties!.find((p) => p.name === 'Size')!.type = type;
});

const addDelete = () => editWidgets((g) => {
  g.operations!.push({ name: 'DeleteWidget', doc: 'Deletes a widget.', method: 'DELETE', path: '/{subscriptionId}/widgets/{WidgetName}', params: [{ name: 'WidgetName', in: 'path', type: 'string', required: true, doc: 'Name.' }], responses: [{ status: 200 }] });
});

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'asm-base-'));
  spec = writeSpecDir(metaSchema, [baseGroup()], service);
  git('init', '-q', '-b', 'main');
  assert.equal(await generate(), 0, err);
  commitAll('first surface');
  git('tag', 'v1');
  git('checkout', '-q', '-b', 'feature');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(spec, { recursive: true, force: true });
});

test('iterate and revert: the report holds only the net change against main, with its version bump', async () => {
  setSizeType('string');
  assert.equal(await generate(), 0, err);
  assert.match(changes(), /\*\*1 breaking change, 0 non-breaking changes\.\*\* Suggested version bump: \*\*major\*\*/);
  assert.match(out, /API changes against main: 1 breaking change, 0 non-breaking changes; suggested version bump: major/);

  // Back to int, plus the change the pull request is really about.
  setSizeType('int');
  addDelete();
  assert.equal(await generate(), 0, err);
  const report = changes();
  assert.match(report, /\*\*0 breaking changes, 1 non-breaking change\.\*\* Suggested version bump: \*\*minor\*\*/);
  assert.match(report, /- `DeleteWidget`: `DELETE \/\{subscriptionId\}\/widgets\/\{WidgetName\}`/);
  assert.doesNotMatch(report, /Size|Widget`\n/, 'the reverted type change is not reported');
  assert.equal(await generate(['--check']), 0, err);

  // Reverting everything: no change against the base, whatever the runs before said.
  editWidgets((g) => {
    g.operations = g.operations!.filter((op) => op.name !== 'DeleteWidget');
  });
  assert.equal(await generate(), 0, err);
  assert.match(changes(), /No API changes: the surface is the same as the base's\./);
  assert.match(out, /API changes against main: none/);
});

test('after the merge the base keeps the merged report, and the drift gate passes there', async () => {
  addDelete();
  assert.equal(await generate(), 0, err);
  const report = changes();
  commitAll('add DeleteWidget');
  git('checkout', '-q', 'main');
  git('merge', '-q', '--ff-only', 'feature');
  assert.equal(await generate(['--check']), 0, err);
  assert.equal(await generate(), 0, err);
  assert.equal(changes(), report);
  assert.match(out, /API changes against main: none \(generated\/CHANGES\.md keeps its report/);
});

test('--base names a tag or ref (also as ASM_API_BASE); a ref git does not know is an error naming it', async () => {
  addDelete();
  assert.equal(await generate(), 0, err);
  commitAll('add DeleteWidget');
  git('tag', 'v2');
  setSizeType('string');

  assert.equal(await generate(['--base', 'v2']), 0, err);
  assert.match(out, /API changes against v2: 1 breaking change, 0 non-breaking changes/);
  assert.equal(await generate(['--base=v1']), 0, err);
  assert.match(out, /API changes against v1: 1 breaking change, 1 non-breaking change; suggested version bump: major/);
  assert.equal(await generate([], { ASM_API_BASE: 'v2' }), 0, err);
  assert.match(out, /API changes against v2: 1 breaking change, 0 non-breaking changes/);

  assert.equal(await generate(['--base', 'no-such-ref']), 1);
  assert.match(err, /the base "no-such-ref" is not a commit git knows/);
});
