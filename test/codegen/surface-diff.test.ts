/** How each kind of spec change is classified: breaking for callers of the client, or not. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSpec, type GroupSpec, type ModelSpec, type OperationSpec } from '../../src/core/spec-load.js';
import { buildSurface } from '../../src/codegen/surface.js';
import { parseSurface, surfaceText } from '../../src/codegen/surface-file.js';
import { diffSurfaces, type ApiChange } from '../../src/codegen/surface-diff.js';
import { baseGroup, withSpecDir } from './spec-fixtures.js';

const surfaceOf = (g: GroupSpec) => withSpecDir([g], (dir) => buildSurface(loadSpec(dir)));
const before = surfaceOf(baseGroup());

/** The changes one edit of the base group makes, as `breaking|non-breaking subject name: detail` lines. */
function changesOf(edit: (g: GroupSpec, op: (name: string) => OperationSpec, model: (name: string) => ModelSpec) => void): string[] {
  const g = baseGroup();
  edit(g, (name) => g.operations!.find((o) => o.name === name)!, (name) => g.models![name]!);
  return diffSurfaces(before, surfaceOf(g)).map(line);
}

const line = (c: ApiChange) => `${c.breaking ? 'breaking' : 'non-breaking'} ${c.subject} ${c.name} ${c.change}${c.detail ? `: ${c.detail}` : ''}`;

test('the surface snapshot reads back as it was written', () => {
  assert.deepEqual(parseSurface(surfaceText(before)), before);
  assert.equal(parseSurface('{"formatVersion": 99, "operations": {}, "models": {}}'), undefined);
  assert.equal(parseSurface('not json'), undefined);
});

test('the snapshot records usage: request models are input, response models output', () => {
  assert.deepEqual(before.models['CreateWidget']!.usage, ['input']);
  assert.deepEqual(before.models['Widget']!.usage, ['output']);
  assert.deepEqual(before.models['ErrorDetails']!.usage, ['output']);
});

test('operations: verb, path and fixed query changes are breaking', () => {
  assert.deepEqual(changesOf((_, op) => { op('GetWidget').method = 'POST'; }), ['breaking operation GetWidget changed: verb GET → POST']);
  assert.deepEqual(changesOf((_, op) => { op('CreateWidget').path = '/{subscriptionId}/gadgets'; }), ['breaking operation CreateWidget changed: path `/{subscriptionId}/widgets` → `/{subscriptionId}/gadgets`']);
  assert.deepEqual(changesOf((_, op) => { op('CreateWidget').fixedQuery = { comp: 'x' }; }), ['breaking operation CreateWidget changed: fixed query `(none)` → `comp=x`']);
});

test('parameters: new required or removed or retyped is breaking, new optional is not', () => {
  const query = { name: 'Filter', in: 'query' as const, type: 'string' as const, doc: 'Filter.' };
  assert.deepEqual(changesOf((_, op) => { op('GetWidget').params!.push(query); }), ['non-breaking operation GetWidget changed: new optional query parameter `Filter` (string)']);
  assert.deepEqual(changesOf((_, op) => { op('GetWidget').params!.push({ ...query, required: true }); }), ['breaking operation GetWidget changed: new required query parameter `Filter` (string)']);
  assert.deepEqual(changesOf((_, op) => { op('GetWidget').params![0]!.type = 'int'; }), ['breaking operation GetWidget changed: path parameter `WidgetName`: type string → int']);
  assert.deepEqual(changesOf((_, op) => {
    op('GetWidget').params = [];
    op('GetWidget').path = '/{subscriptionId}/widget';
  }), ['breaking operation GetWidget changed: path `/{subscriptionId}/widgets/{WidgetName}` → `/{subscriptionId}/widget`', 'breaking operation GetWidget changed: path parameter `WidgetName` removed']);
});

test('outputs and asynchrony', () => {
  assert.deepEqual(changesOf((_, op) => { op('GetWidget').responses[0]!.body!.model = 'CreateWidget'; }), ['breaking operation GetWidget changed: output `Widget` → `CreateWidget`']);
  assert.deepEqual(changesOf((_, op) => Object.assign(op('CreateWidget'), { responses: [{ status: 202 }], async: {} })), [
    'non-breaking operation CreateWidget changed: success statuses 201 → 202',
    'breaking operation CreateWidget changed: now asynchronous: resolves with an AcceptedOperation',
  ]);
  assert.deepEqual(changesOf((_, op) => { op('GetWidget').responses.push({ status: 204 }); }), [
    'breaking operation GetWidget changed: output `Widget` → `Widget | ResponseMetadata`',
    'non-breaking operation GetWidget changed: success statuses 200 → 200, 204',
  ]);
});

test('documentation and wire-only changes are not breaking', () => {
  assert.deepEqual(changesOf((_, op) => { op('GetWidget').doc = 'Fetches a widget.'; }), ['non-breaking operation GetWidget changed: doc changed']);
  assert.deepEqual(changesOf((_, op) => { op('GetWidget').apiVersion = '2015-01-01'; }), ['non-breaking operation GetWidget changed: x-ms-version default → 2015-01-01']);
  assert.deepEqual(changesOf((_, op) => { op('CreateWidget').request!.element = 'NewWidget'; }), ['non-breaking operation CreateWidget changed: request root element CreateWidget → NewWidget']);
  assert.deepEqual(changesOf((_, _op, model) => { model('Widget').properties!.reverse(); }), ['non-breaking model Widget changed: element order changed']);
  assert.deepEqual(changesOf((_, _op, model) => { model('Widget').properties![0]!.doc = 'The name.'; }), ['non-breaking model Widget changed: property `Name`: doc changed']);
});

test('models: added is not breaking, removed is', () => {
  assert.deepEqual(changesOf((g) => { g.models!['Gadget'] = { doc: 'A gadget.', properties: [{ name: 'A', type: 'string' }] }; }), ['non-breaking model Gadget added: A gadget.']);
  assert.deepEqual(changesOf((g, op) => {
    op('CreateWidget').request = { element: 'CreateWidget', model: 'Widget' };
    delete g.models!['CreateWidget'];
  }), ['breaking operation CreateWidget changed: request body `CreateWidget` → `Widget`', 'breaking model CreateWidget removed: Body of CreateWidget.']);
});

test('properties: judged by whether callers send the model or receive it', () => {
  const required = { name: 'Color', type: 'string' as const, required: true, doc: 'Color.' };
  assert.deepEqual(changesOf((_, _op, model) => { model('CreateWidget').properties!.push(required); }), ['breaking model CreateWidget changed: new required property `Color` (string)']);
  assert.deepEqual(changesOf((_, _op, model) => { model('Widget').properties!.push(required); }), ['non-breaking model Widget changed: new required property `Color` (string)']);
  assert.deepEqual(changesOf((_, _op, model) => { model('Widget').properties!.pop(); }), ['breaking model Widget changed: property `Size` removed']);
  assert.deepEqual(changesOf((_, _op, model) => { model('Widget').properties![1]!.type = 'string'; }), ['breaking model Widget changed: property `Size`: type int → string']);
  assert.deepEqual(changesOf((_, _op, model) => { model('CreateWidget').properties![0]!.required = false; }), ['non-breaking model CreateWidget changed: property `Name`: now optional']);
  assert.deepEqual(changesOf((_, _op, model) => { model('Widget').properties![0]!.required = true; }), ['non-breaking model Widget changed: property `Name`: now required']);
});

test('enums and rules: fewer values or tighter rules on inputs are breaking', () => {
  const withEnum = (values: string[]) => (g: GroupSpec) => { g.models!['CreateWidget']!.properties![0]!.enum = values; };
  const base = baseGroup();
  withEnum(['a', 'b'])(base);
  const from = surfaceOf(base);
  const diff = (edit: (g: GroupSpec) => void) => {
    const g = baseGroup();
    edit(g);
    return diffSurfaces(from, surfaceOf(g)).map(line);
  };
  assert.deepEqual(diff(withEnum(['a', 'b', 'c'])), ['non-breaking model CreateWidget changed: property `Name`: new values: c']);
  assert.deepEqual(diff(withEnum(['a'])), ['breaking model CreateWidget changed: property `Name`: values removed: b']);
  assert.deepEqual(changesOf((_, _op, model) => { model('CreateWidget').properties![0]!.maxLength = 10; }), ['breaking model CreateWidget changed: property `Name`: tighter rules: maxLength none → 10']);
  assert.deepEqual(changesOf((_, _op, model) => { model('Widget').properties![1]!.minimum = 1; }), ['non-breaking model Widget changed: property `Size`: tighter rules: minimum none → 1']);
});

test('an unchanged spec has no changes', () => {
  assert.deepEqual(changesOf(() => {}), []);
});
