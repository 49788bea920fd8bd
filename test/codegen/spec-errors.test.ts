/**
 * Spec errors are precise: each names the file, the JSON pointer of the culprit and a hint. Every test writes a
 * small spec folder (service.json, groups/*.json, a copy of meta-schema.json) with one mistake in it.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SpecError, loadSpec, type GroupSpec, type SpecProblem } from '../../src/core/spec-load.js';
import { baseGroup, withSpecDir } from './spec-fixtures.js';

function problemsOf(groups: GroupSpec[]): SpecProblem[] {
  return withSpecDir(groups, (dir) => {
    try {
      loadSpec(dir);
    } catch (err) {
      assert.ok(err instanceof SpecError, `expected a SpecError, got ${String(err)}`);
      return err.problems;
    }
    return assert.fail('the spec loaded without problems');
  });
}

/** Asserts that one problem sits at file#pointer, says `what` and gives a hint. */
function assertProblem(problems: SpecProblem[], file: string, pointer: string, what: RegExp): void {
  const found = problems.find((p) => p.file === file && p.pointer === pointer);
  assert.ok(found, `no problem at ${file}#${pointer}; got:\n${problems.map((p) => `  ${p.file}#${p.pointer}: ${p.message}`).join('\n')}`);
  assert.match(found.message, what);
  assert.match(found.message, /hint: \S/, `no hint in: ${found.message}`);
}

const op = (g: GroupSpec, name: string) => g.operations!.find((o) => o.name === name)!;
const opIndex = (g: GroupSpec, name: string) => g.operations!.findIndex((o) => o.name === name);

test('a spec without mistakes loads', () => {
  const spec = withSpecDir([baseGroup()], (dir) => loadSpec(dir));
  assert.deepEqual(spec.operations.map((o) => o.name), ['CreateWidget', 'GetOperationStatus', 'GetWidget']);
});

test('unknown model reference', () => {
  const g = baseGroup();
  g.models!['Widget']!.properties!.push({ name: 'Part', type: 'model', model: 'Gadget' });
  assertProblem(problemsOf([g]), 'groups/widgets.json', '/models/Widget/properties/2/model', /unknown model reference "Gadget"/);
});

test('unknown model reference in a response body', () => {
  const g = baseGroup();
  op(g, 'GetWidget').responses[0]!.body!.model = 'Gadget';
  assertProblem(problemsOf([g]), 'groups/widgets.json', `/operations/${opIndex(g, 'GetWidget')}/responses/0/body/model`, /unknown model reference "Gadget"/);
});

test('duplicate operation name, across files', () => {
  const other: GroupSpec = { group: 'zebras', doc: 'Zebras.', operations: [{ ...op(baseGroup(), 'GetWidget'), path: '/{subscriptionId}/zebras/{WidgetName}' }] };
  assertProblem(problemsOf([baseGroup(), other]), 'groups/zebras.json', '/operations/0/name', /duplicate operation name GetWidget \(also groups\/widgets\.json#\/operations\/1\)/);
});

test('path parameter not declared', () => {
  const g = baseGroup();
  op(g, 'GetWidget').path = '/{subscriptionId}/widgets/{WidgetName}/parts/{PartName}';
  assertProblem(problemsOf([g]), 'groups/widgets.json', `/operations/${opIndex(g, 'GetWidget')}/path`, /path placeholder \{PartName\} has no parameter/);
});

test('path parameter declared and unused', () => {
  const g = baseGroup();
  op(g, 'GetWidget').params!.push({ name: 'PartName', in: 'path', type: 'string', required: true, doc: 'Part.' });
  assertProblem(problemsOf([g]), 'groups/widgets.json', `/operations/${opIndex(g, 'GetWidget')}/params/1`, /path parameter PartName is declared but not used/);
});

test('element order conflict: a property listed twice in a model', () => {
  const g = baseGroup();
  g.models!['Widget']!.properties!.push({ name: 'Name', type: 'string' });
  assertProblem(problemsOf([g]), 'groups/widgets.json', '/models/Widget/properties/2/name', /duplicate property Name/);
});

test('asynchronous operation without a 202 response', () => {
  const g = baseGroup();
  op(g, 'CreateWidget').async = {};
  assertProblem(problemsOf([g]), 'groups/widgets.json', `/operations/${opIndex(g, 'CreateWidget')}/async`, /must list a 202 response/);
});

test('a 202 response on an operation not marked asynchronous', () => {
  const g = baseGroup();
  op(g, 'CreateWidget').responses = [{ status: 202 }];
  assertProblem(problemsOf([g]), 'groups/widgets.json', `/operations/${opIndex(g, 'CreateWidget')}/responses`, /202 response means the operation is asynchronous/);
});

test('asynchronous operation whose poll operation is missing', () => {
  const g = baseGroup();
  Object.assign(op(g, 'CreateWidget'), { responses: [{ status: 202 }], async: { poll: 'GetWidgetStatus' } });
  assertProblem(problemsOf([g]), 'groups/widgets.json', `/operations/${opIndex(g, 'CreateWidget')}/async`, /polls GetWidgetStatus, which is not an operation of the spec/);
});

test('every problem is reported at once, not only the first', () => {
  const g = baseGroup();
  g.models!['Widget']!.properties!.push({ name: 'Part', type: 'model', model: 'Gadget' }, { name: 'Name', type: 'string' });
  op(g, 'CreateWidget').async = {};
  assert.equal(problemsOf([g]).length, 3);
});

test('a schema violation names the member and the rule', () => {
  const g = baseGroup();
  (op(g, 'GetWidget') as unknown as Record<string, unknown>)['verb'] = 'GET';
  const problems = problemsOf([g]);
  const found = problems.find((p) => p.pointer === `/operations/${opIndex(g, 'GetWidget')}`);
  assert.ok(found);
  assert.match(found.message, /unknown member "verb" \(rule: additionalProperties\)/);
});


test('a model named like an operation descriptor or input type clashes in the generated index', () => {
  const g = baseGroup();
  g.models!['CreateWidgetOperation'] = { doc: 'Clashes with the descriptor of CreateWidget.', properties: [{ name: 'A', type: 'string' }] };
  assertProblem(problemsOf([g]), 'groups/widgets.json', '/models/CreateWidgetOperation', /clashes with .*CreateWidget/);
});

test('two group files with the same group name', () => {
  const other: GroupSpec = { group: 'widgets', doc: 'Again.', models: { Gadget: { doc: 'A gadget.', properties: [{ name: 'A', type: 'string' }] } } };
  const problems = withSpecDir([baseGroup()], (dir) => {
    writeFileSync(join(dir, 'groups', 'widgets2.json'), JSON.stringify(other));
    try {
      loadSpec(dir);
      return [];
    } catch (err) {
      return (err as SpecError).problems;
    }
  });
  assertProblem(problems, 'groups/widgets2.json', '/group', /duplicate group widgets/);
});

test('two operations with the same verb, path and body root cannot be told apart', () => {
  const g = baseGroup();
  g.operations!.push({ ...op(g, 'CreateWidget'), name: 'CreateWidgetAgain' });
  assertProblem(problemsOf([g]), 'groups/widgets.json', `/operations/${g.operations!.length - 1}`, /same verb, path and body root as CreateWidget/);
});

test('a response body with a request-only member', () => {
  const g = baseGroup();
  op(g, 'GetWidget').responses[0]!.body!.member = 'Widget';
  assertProblem(problemsOf([g]), 'groups/widgets.json', `/operations/${opIndex(g, 'GetWidget')}/responses/0/body/member`, /request bodies only/);
});

test('a variant whose discriminator property does not hold its discriminatorValue as const', () => {
  const g = baseGroup();
  g.models!['Shape'] = { doc: 'A shape.', discriminator: 'Kind', variants: ['Circle'] };
  g.models!['Circle'] = { doc: 'A circle.', discriminatorValue: 'Circle', properties: [{ name: 'Kind', type: 'string' }, { name: 'Radius', type: 'int' }] };
  assertProblem(problemsOf([g]), 'groups/widgets.json', '/models/Circle/properties/0', /"const": "Circle"/);
});

test('a model extending another gets its members first, in the base\'s order', () => {
  const g = baseGroup();
  g.models!['WidgetDetails'] = { doc: 'A widget with details.', extends: 'Widget', properties: [{ name: 'Detail', type: 'string' }] };
  const spec = withSpecDir([g], (dir) => loadSpec(dir));
  const base = spec.models.get('Widget')!.properties!.map((p) => p.name);
  assert.deepEqual(spec.models.get('WidgetDetails')!.properties!.map((p) => p.name), [...base, 'Detail']);
});

test('extends: an unknown base, a cycle, or a member repeated from the base', () => {
  const unknown = baseGroup();
  unknown.models!['WidgetDetails'] = { doc: 'd', extends: 'Gadget', properties: [] };
  assertProblem(problemsOf([unknown]), 'groups/widgets.json', '/models/WidgetDetails/extends', /unknown model reference "Gadget"/);

  const cycle = baseGroup();
  cycle.models!['A'] = { doc: 'a', extends: 'B', properties: [] };
  cycle.models!['B'] = { doc: 'b', extends: 'A', properties: [] };
  assertProblem(problemsOf([cycle]), 'groups/widgets.json', '/models/B/extends', /cycle: A -> B -> A/);

  const repeated = baseGroup();
  const first = repeated.models!['Widget']!.properties![0]!;
  repeated.models!['WidgetDetails'] = { doc: 'd', extends: 'Widget', properties: [{ ...first }] };
  assertProblem(problemsOf([repeated]), 'groups/widgets.json', '/models/WidgetDetails/extends', new RegExp(`repeats ${first.name}, which it inherits from Widget`));
});

/** A polymorphic Shape whose variants the service read as one flat contract. */
function flatShapes(wireOrder: string[], square: string[] = ['Kind', 'Side', 'Colour']): GroupSpec {
  const g = baseGroup();
  const prop = (name: string) => (name === 'Kind' ? { name, type: 'string' as const, const: 'Square' } : { name, type: 'string' as const });
  g.models!['Shape'] = { doc: 'A shape.', discriminator: 'Kind', variants: ['Circle', 'Square'], wireOrder };
  g.models!['Circle'] = { doc: 'A circle.', discriminatorValue: 'Circle', properties: [{ name: 'Kind', type: 'string', const: 'Circle' }, { name: 'Radius', type: 'int' }, { name: 'Colour', type: 'string' }] };
  g.models!['Square'] = { doc: 'A square.', discriminatorValue: 'Square', properties: square.map(prop) };
  return g;
}

test('wireOrder: a flat contract that lists every variant element in each variant\'s order loads', () => {
  const spec = withSpecDir([flatShapes(['Kind', 'Radius', 'Side', 'Colour'])], (dir) => loadSpec(dir));
  assert.deepEqual(spec.models.get('Shape')!.wireOrder, ['Kind', 'Radius', 'Side', 'Colour']);
});

test('wireOrder: a variant element it lacks, a variant out of its order, a name no variant has, one name with two types', () => {
  assertProblem(problemsOf([flatShapes(['Kind', 'Radius', 'Colour'])]), 'groups/widgets.json', '/models/Shape/wireOrder', /Square has the element Side, which wireOrder does not list/);
  assertProblem(problemsOf([flatShapes(['Kind', 'Radius', 'Side', 'Colour'], ['Kind', 'Colour', 'Side'])]), 'groups/widgets.json', '/models/Shape/wireOrder', /Square lists Side after Colour, but wireOrder has it before/);
  assertProblem(problemsOf([flatShapes(['Kind', 'Radius', 'Side', 'Colour', 'Texture'])]), 'groups/widgets.json', '/models/Shape/wireOrder', /lists Texture, which no variant of Shape has/);
  const typed = flatShapes(['Kind', 'Radius', 'Side', 'Colour']);
  typed.models!['Square']!.properties![1] = { name: 'Side', type: 'string' };
  typed.models!['Square']!.properties!.splice(1, 0, { name: 'Radius', type: 'string' });
  assertProblem(problemsOf([typed]), 'groups/widgets.json', '/models/Shape/wireOrder', /Radius has one type in Circle and another in Square/);
});
