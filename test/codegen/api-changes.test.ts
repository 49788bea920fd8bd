/**
 * The change report on copies of the real spec: a new operation is listed as added and not breaking, a removed
 * one as breaking, a new required request field as breaking, a new optional one as not.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadSpec, type LocatedOperation, type Spec } from '../../src/core/spec-load.js';
import { generateWithReport } from '../../src/codegen/generate.js';
import { run } from '../../src/codegen/run.js';
import { buildSurface } from '../../src/codegen/surface.js';
import { parseSurface, surfaceText } from '../../src/codegen/surface-file.js';
import { diffSurfaces, type ApiChange } from '../../src/codegen/surface-diff.js';
import { templateDir } from './repo-root.js';
import { copyOfSpec, readGroup, writeGroup } from './spec-fixtures.js';

let original: Spec;
let originalSurface: string;
const cleanup: string[] = [];

before(() => {
  const dir = copyOfSpec();
  cleanup.push(dir);
  original = loadSpec(dir);
  originalSurface = surfaceText(buildSurface(original));
});

after(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** Edits a fresh copy of the spec, then reports its changes against the original. */
function changesAfter(edit: (dir: string) => void): ApiChange[] {
  const dir = copyOfSpec();
  cleanup.push(dir);
  edit(dir);
  return diffSurfaces(parseSurface(originalSurface)!, buildSurface(loadSpec(dir)));
}

const madeUpOperation = {
  name: 'GetMadeUpThing',
  doc: 'Gets a thing that does not exist in the real API.',
  method: 'GET' as const,
  path: '/{subscriptionId}/madeup/things/{ThingName}',
  params: [{ name: 'ThingName', in: 'path' as const, type: 'string' as const, required: true, doc: 'Name of the thing.' }],
  responses: [{ status: 200 }],
};

/** An operation nothing else refers to: not the status operation, and no operation polls it. */
function removableOperation(spec: Spec): LocatedOperation {
  const polled = new Set(spec.operations.map((op) => op.async?.poll).filter(Boolean));
  return spec.operations.find((op) => op.name !== spec.service.operationStatus && !polled.has(op.name))!;
}

/** An operation whose request body is a plain model flattened into the input. */
function operationWithRequestModel(spec: Spec): LocatedOperation & { request: { model: string } } {
  const op = spec.operations.find((o) => o.request?.model !== undefined && o.request.member === undefined && !spec.models.get(o.request.model)!.variants);
  assert.ok(op, 'the spec has no operation with a flattened request model');
  return op as LocatedOperation & { request: { model: string } };
}

test('a made-up operation is reported as added, not breaking (end to end: generate, edit, generate)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'asm-root-'));
  cleanup.push(root);
  const spec = copyOfSpec();
  cleanup.push(spec);
  const output: string[] = [];
  const options = { root, specDir: spec, templateDir, stdout: (t: string) => output.push(t), stderr: (t: string) => output.push(t) };
  assert.equal(await run([], options), 0);
  const file = original.groups[0]!.file;
  const group = readGroup(spec, file);
  group.operations = [...(group.operations ?? []), madeUpOperation];
  writeGroup(spec, file, group);
  output.length = 0;
  assert.equal(await run([], options), 0);

  const changes = readFileSync(join(root, 'generated', 'CHANGES.md'), 'utf8');
  assert.match(changes, /\*\*0 breaking changes, 1 non-breaking change\.\*\*/);
  assert.match(changes, /## Operations\n\n### Added\n\n- `GetMadeUpThing`: `GET \/\{subscriptionId\}\/madeup\/things\/\{ThingName\}`\n/);
  assert.match(output.join(''), /non-breaking {2}operation GetMadeUpThing added/);
  // The pull request keeps showing its impact: regenerating again and the drift gate leave the report alone.
  assert.equal(await run(['--check'], options), 0);
  assert.equal(await run([], options), 0);
  assert.equal(readFileSync(join(root, 'generated', 'CHANGES.md'), 'utf8'), changes);
});

test('a made-up operation: the surface diff in detail', () => {
  const changes = changesAfter((dir) => {
    const file = original.groups[0]!.file;
    const group = readGroup(dir, file);
    group.operations = [...(group.operations ?? []), madeUpOperation];
    writeGroup(dir, file, group);
  });
  assert.deepEqual(changes, [{ subject: 'operation', name: 'GetMadeUpThing', change: 'added', breaking: false, detail: '`GET /{subscriptionId}/madeup/things/{ThingName}`' }]);
});

test('removing an operation is breaking', () => {
  const victim = removableOperation(original);
  const changes = changesAfter((dir) => {
    const group = readGroup(dir, victim.file);
    group.operations = group.operations!.filter((op) => op.name !== victim.name);
    writeGroup(dir, victim.file, group);
  });
  assert.deepEqual(changes, [{ subject: 'operation', name: victim.name, change: 'removed', breaking: true, detail: `\`${victim.method} ${victim.path}\`` }]);
});

function addProperty(required: boolean): { model: string; changes: ApiChange[] } {
  const op = operationWithRequestModel(original);
  const model = original.models.get(op.request.model)!;
  const changes = changesAfter((dir) => {
    const group = readGroup(dir, model.file);
    group.models![model.name]!.properties!.push({ name: 'MadeUpField', type: 'string', required, doc: 'Not in the real API.' });
    writeGroup(dir, model.file, group);
  });
  return { model: model.name, changes };
}

test('adding a required field to a request model is breaking', () => {
  const { model, changes } = addProperty(true);
  assert.deepEqual(changes, [{ subject: 'model', name: model, change: 'changed', breaking: true, detail: 'new required property `MadeUpField` (string)' }]);
});

test('adding an optional field to a request model is not breaking', () => {
  const { model, changes } = addProperty(false);
  assert.deepEqual(changes, [{ subject: 'model', name: model, change: 'changed', breaking: false, detail: 'new optional property `MadeUpField` (string)' }]);
});

test('an unchanged copy of the spec has no changes', () => {
  assert.deepEqual(changesAfter(() => {}), []);
});

test('the whole spec regenerates fast', async (t) => {
  const started = performance.now();
  const { files } = await generateWithReport(original, { templateDir });
  const ms = Math.round(performance.now() - started);
  t.diagnostic(`${original.operations.length} operations, ${original.models.size} models -> ${files.size} files in ${ms} ms`);
  assert.ok(ms < 30_000, `generation took ${ms} ms`);
});

