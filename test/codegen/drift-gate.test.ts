/**
 * `npm run generate` and its --check drift gate, run on a small spec in a temporary repository: deterministic
 * output, stale files named (docs/api/ included), other docs left alone, and generated/CHANGES.md kept stable.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { writeSpecDir } from './support/scenarios.js';
import { run } from '../../src/codegen/run.js';
import { metaSchema, templateDir } from './repo-root.js';
import { baseGroup, readGroup, service, writeGroup } from './spec-fixtures.js';

let root: string;
let spec: string;
let out: string;
let err: string;

function generate(...argv: string[]): Promise<number> {
  out = '';
  err = '';
  return run(argv, { root, specDir: spec, templateDir, stdout: (t) => (out += t), stderr: (t) => (err += t) });
}

const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Every file under the output folders, with its text. */
function snapshot(): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of ['generated', 'docs']) {
    for (const e of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (e.isFile()) files.set(join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'utf8'));
    }
  }
  return files;
}

function addOperation(): void {
  const group = readGroup(spec, 'groups/widgets.json');
  group.operations!.push({ name: 'DeleteWidget', doc: 'Deletes a widget.', method: 'DELETE', path: '/{subscriptionId}/widgets/{WidgetName}', params: [{ name: 'WidgetName', in: 'path', type: 'string', required: true, doc: 'Name.' }], responses: [{ status: 200 }] });
  writeGroup(spec, 'groups/widgets.json', group);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'asm-root-'));
  spec = writeSpecDir(metaSchema, [baseGroup()], service);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(spec, { recursive: true, force: true });
});

test('generate writes the code, the docs, the surface and the report, and prints the time', async () => {
  assert.equal(await generate(), 0);
  for (const path of ['generated/client.ts', 'generated/operations/GetWidget.ts', 'generated/models/Widget.ts', 'generated/api-surface.json', 'generated/CHANGES.md', 'docs/api/README.md', 'docs/api/widgets.md', 'docs/api/models.md']) {
    assert.ok(existsSync(join(root, path)), `${path} not written`);
  }
  assert.match(out, /generate: 3 operations, 4 models -> \d+ files \(\d+ changed\) in load \d+ ms, generate \d+ ms, format \d+ ms, total \d+ ms/);
  assert.match(read('generated/CHANGES.md'), /First snapshot of the API surface: 3 operations, 4 models/);
});

test('two runs write byte-identical output, and --check then passes', async () => {
  await generate();
  const first = snapshot();
  assert.equal(await generate(), 0);
  assert.match(out, /\(0 changed\)/);
  assert.deepEqual(snapshot(), first);
  assert.equal(await generate('--check'), 0);
  assert.match(out, /files up to date with spec\//);
});

test('--check names a stale docs page, a missing file and an extra file, and changes nothing', async () => {
  await generate();
  writeFileSync(join(root, 'docs/api/widgets.md'), 'edited by hand\n');
  unlinkSync(join(root, 'generated/models/Widget.ts'));
  writeFileSync(join(root, 'docs/api/old-group.md'), 'left over\n');
  const before = snapshot();
  assert.equal(await generate('--check'), 1);
  assert.match(err, /stale: {3}docs\/api\/widgets\.md/);
  assert.match(err, /missing: generated\/models\/Widget\.ts/);
  assert.match(err, /extra: {3}docs\/api\/old-group\.md/);
  assert.deepEqual(snapshot(), before);
});

test('docs outside docs/api/ are not the generator\'s: never named stale, never removed', async () => {
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs/changing-the-api.md'), 'hand-written\n');
  await generate();
  assert.equal(await generate('--check'), 0);
  assert.equal(read('docs/changing-the-api.md'), 'hand-written\n');
});

test('a spec change not yet generated fails --check, naming the files and the API change', async () => {
  await generate();
  addOperation();
  assert.equal(await generate('--check'), 1);
  assert.match(err, /missing: generated\/operations\/DeleteWidget\.ts/);
  assert.match(err, /stale: {3}generated\/api-surface\.json/);
  assert.match(err, /stale: {3}docs\/api\/widgets\.md/);
  assert.match(err, /non-breaking {2}operation DeleteWidget added/);
});

test('CHANGES.md reports a change, keeps it while the surface stays, and says so when nothing changed', async () => {
  await generate();
  addOperation();
  await generate();
  const report = read('generated/CHANGES.md');
  assert.match(report, /### Added\n\n- `DeleteWidget`/);
  assert.doesNotMatch(report, /\d{4}-\d{2}-\d{2}|\d{2}:\d{2}/, 'the report holds no dates or times');

  await generate();
  assert.equal(read('generated/CHANGES.md'), report, 'regenerating keeps the report of the change that led here');
  assert.match(out, /API changes against generated\/api-surface\.json on disk, no git base found: none \(generated\/CHANGES\.md keeps its report/);
  assert.equal(await generate('--check'), 0);

  unlinkSync(join(root, 'generated/CHANGES.md'));
  await generate();
  assert.match(read('generated/CHANGES.md'), /No API changes: the surface is the same as the base's\./);
  assert.equal(await generate('--check'), 0);
});

test('a spec error stops generation with file, pointer and hint, and writes nothing', async () => {
  const group = readGroup(spec, 'groups/widgets.json');
  group.models!['Widget']!.properties!.push({ name: 'Part', type: 'model', model: 'Gadget' });
  writeGroup(spec, 'groups/widgets.json', group);
  assert.equal(await generate(), 1);
  assert.match(err, /groups\/widgets\.json#\/models\/Widget\/properties\/2\/model: unknown model reference "Gadget"; hint: /);
  assert.ok(!existsSync(join(root, 'generated')));
});

test('an unreadable previous snapshot (say, a merge conflict) is reported, not compared', async () => {
  await generate();
  writeFileSync(join(root, 'generated/api-surface.json'), '<<<<<<< HEAD\n');
  await generate();
  assert.match(out, /the snapshot to compare with \(generated\/api-surface\.json on disk, no git base found\) could not be read/);
  assert.match(read('generated/CHANGES.md'), /could not be read/);
  assert.equal(await generate('--check'), 0);
});
