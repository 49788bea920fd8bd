/**
 * All spec problems in one pass: a file the schema rejects does not hide the reference errors of the others
 * (nor make their references to its names look broken), and a JSON syntax error names its line and column.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SpecError, loadSpec, type GroupSpec, type SpecProblem } from '../../src/core/spec-load.js';
import { baseGroup, service, withSpecDir } from './spec-fixtures.js';

function problemsIn(dir: string): SpecProblem[] {
  try {
    loadSpec(dir);
  } catch (err) {
    assert.ok(err instanceof SpecError, `expected a SpecError, got ${String(err)}`);
    return err.problems;
  }
  return assert.fail('the spec loaded without problems');
}

const lines = (problems: SpecProblem[]): string[] => problems.map((p) => `${p.file}#${p.pointer}: ${p.message}`);

/** A second group whose operation returns a model nobody defines, and one defined in the widgets group. */
function gadgets(model: string): GroupSpec {
  return {
    group: 'gadgets',
    doc: 'Gadgets.',
    operations: [{
      name: 'GetGadget', doc: 'Gets a gadget.', method: 'GET', path: '/{subscriptionId}/gadgets/{GadgetName}',
      params: [{ name: 'GadgetName', in: 'path', type: 'string', required: true, doc: 'Name.' }],
      responses: [{ status: 200, body: { element: 'Gadget', model } }],
    }],
  };
}

test('a schema error in one file and a reference error in another arrive together', () => {
  const widgets = baseGroup();
  (widgets.models!['Widget'] as unknown as Record<string, unknown>)['colour'] = 'red';
  const problems = withSpecDir([widgets, gadgets('Gizmo')], problemsIn);
  assert.deepEqual(lines(problems), [
    'groups/widgets.json#/models/Widget: unknown member "colour" (rule: additionalProperties)',
    'groups/gadgets.json#/operations/0/responses/0/body/model: unknown model reference "Gizmo"; hint: define it under "models" in some group file',
  ]);
});

test('a reference to a model of a file the schema rejected is not reported as unknown', () => {
  const widgets = baseGroup();
  (widgets.models!['Widget'] as unknown as Record<string, unknown>)['colour'] = 'red';
  const problems = withSpecDir([widgets, gadgets('Widget')], problemsIn);
  assert.deepEqual(lines(problems), ['groups/widgets.json#/models/Widget: unknown member "colour" (rule: additionalProperties)']);
});

test('a schema error in service.json does not hide the groups\' reference errors', () => {
  const problems = withSpecDir([baseGroup(), gadgets('Gizmo')], problemsIn, { ...service, apiVersion: 42 as unknown as string });
  assert.equal(problems.length, 2, lines(problems).join('\n'));
  assert.match(lines(problems)[0]!, /^service\.json#\/apiVersion: must be string \(rule: type\)$/);
  assert.match(lines(problems)[1]!, /^groups\/gadgets\.json#.*unknown model reference "Gizmo"/);
});

test('a JSON syntax error names line and column, and the other files are still checked', () => {
  withSpecDir([baseGroup(), gadgets('Gizmo')], (dir) => {
    // A trailing comma on line 3 (column 3 is where the property name was expected).
    writeFileSync(join(dir, 'groups', 'broken.json'), '{\n  "group": "broken",\n  }\n');
    // A misspelt literal: JSON.parse names no position for this one.
    writeFileSync(join(dir, 'groups', 'typo.json'), '{\n  "group": "typo",\n  "doc": tru\n}\n');
    const problems = problemsIn(dir);
    assert.deepEqual(lines(problems), [
      'groups/broken.json#: not valid JSON at line 3, column 3: Expected double-quoted property name; hint: fix the syntax there (a trailing comma, a missing quote or bracket)',
      'groups/typo.json#: not valid JSON at line 3, column 13: Unexpected token \'\\n\'; hint: fix the syntax there (a trailing comma, a missing quote or bracket)',
      'groups/gadgets.json#/operations/0/responses/0/body/model: unknown model reference "Gizmo"; hint: define it under "models" in some group file',
    ]);
  });
});
