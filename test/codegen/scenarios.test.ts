/**
 * Every scenario under scenarios/ through loadSpec and generate(): each declaration a scenario shows must be
 * exactly what the generator makes. After an intended generator change, `npm run scenarios:update` rewrites
 * them; read the diff.
 */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import { parseScenario, readScenario, updateScenario } from './support/scenario-file.js';
import { assertScenario, compareScenario, listScenarios, runScenario, scenarioPaths } from './support/scenarios.js';
import { repoRoot } from './repo-root.js';

const scenarios = listScenarios(repoRoot);

test('the scenarios cover every spec feature', () => {
  const names = scenarios.map((f) => basename(f, '.md'));
  for (const feature of ['lists', 'polymorphism', 'base64', 'query-flags', 'async', 'pagination', 'shared-url', 'attributes', 'body-member', 'flat-contract']) {
    assert.ok(names.includes(feature), `no scenario ${feature}.md`);
  }
});

for (const file of scenarios) {
  test(`scenario ${basename(file)}`, async () => {
    const scenario = readScenario(file);
    assertScenario(scenario, await runScenario(scenario, scenarioPaths(repoRoot)));
  });
}

/** A one-operation scenario; `blocks` are the expected blocks after the spec. */
function tinyScenario(...blocks: string[]): string {
  return [
    '# Tiny', '', '```json spec',
    JSON.stringify({
      group: 'tiny', doc: 'Tiny.',
      operations: [{ name: 'GetTiny', doc: 'Gets it.', method: 'GET', path: '/{subscriptionId}/tiny', responses: [{ status: 200, body: { element: 'Tiny', model: 'Tiny' } }] }],
      models: { Tiny: { doc: 'Tiny.', properties: [{ name: 'A', type: 'string', doc: 'The A.' }] } },
    }),
    '```', '', 'Prose kept.', '', ...blocks,
  ].join('\n');
}

test('updating an up-to-date scenario changes nothing', async () => {
  const scenario = readScenario(scenarios[0]!);
  const text = scenario.lines.join('\n');
  assert.equal(updateScenario(scenario, await runScenario(scenario, scenarioPaths(repoRoot))), text.endsWith('\n') ? text : `${text}\n`);
});

test('updating a scenario rewrites a stale declaration in place and shows missing files declaration by declaration', async () => {
  const scenario = parseScenario(tinyScenario('```ts generated/models/Tiny.ts interface Tiny', 'stale', '```', ''));
  const files = await runScenario(scenario, scenarioPaths(repoRoot));
  const updated = updateScenario(scenario, files);
  assert.ok(updated.includes('Prose kept.'));
  assert.ok(updated.includes('```ts generated/models/Tiny.ts interface Tiny\n/** Tiny. */\nexport interface Tiny {\n'), updated);
  assert.ok(!updated.includes('stale'));
  for (const shown of ['generated/operations/GetTiny.ts type GetTinyInput', 'generated/operations/GetTiny.ts const GetTinyOperation', 'generated/operations/GetTiny.ts function getTiny']) {
    assert.ok(updated.includes(`\`\`\`ts ${shown}\n`), `${shown} not appended`);
  }
  assert.ok(!updated.includes('```ts generated/models/Tiny.ts const TinyShape'), 'a file already shown gets no more blocks');
  assert.ok(updated.includes('### docs/api/tiny.md\n\n```md docs/api/tiny.md # tiny\n# tiny\n'), 'a docs page is shown section by section');
  assert.ok(updated.includes('````md docs/api/tiny.md ## getTiny\n## getTiny\n'), 'a section that holds fences gets a longer one');
  assert.deepEqual(compareScenario(parseScenario(updated), files), []);
});

test('updating a scenario drops the block of a declaration no longer generated, and a heading left empty', async () => {
  const scenario = readScenario(scenarios[0]!);
  const files = await runScenario(scenario, scenarioPaths(repoRoot));
  const gone = scenario.outputs[0]!.path;
  files.delete(gone);
  const updated = updateScenario(scenario, files);
  assert.ok(!updated.includes(gone), `${gone} still named`);
  assert.ok(!/\n\n\n/.test(updated), 'no run of blank lines left behind');
});

test('a wrong expectation fails with a line diff of that declaration alone, naming it', async () => {
  const scenario = parseScenario(updateScenario(parseScenario(tinyScenario()), await runScenario(parseScenario(tinyScenario()), scenarioPaths(repoRoot))));
  const files = await runScenario(scenario, scenarioPaths(repoRoot));
  const block = scenario.outputs.find((b) => b.info === 'generated/models/Tiny.ts interface Tiny')!;
  block.content = block.content.replace('A?: string;', 'A?: number;');
  assert.throws(() => assertScenario(scenario, files), (err: unknown) => {
    assert.ok(err instanceof assert.AssertionError);
    assert.match(err.message, /^generated\/models\/Tiny\.ts interface Tiny differs from the scenario \(- scenario, \+ generated\):\n/);
    assert.match(err.message, /\n {4}\/\*\* The A\. \*\/\n- {3}A\?: number;\n\+ {3}A\?: string;\n {2}\}\n/, 'the changed line between its neighbours');
    assert.match(err.message, /\ngenerated\/models\/Tiny\.ts interface Tiny: differs\n/);
    assert.doesNotMatch(err.message, /TinyShape|GetTiny/, 'nothing of other declarations');
    return true;
  });
});

test('a change of the file header or of another declaration leaves a declaration\'s expectation alone', async () => {
  const scenario = parseScenario(updateScenario(parseScenario(tinyScenario()), await runScenario(parseScenario(tinyScenario()), scenarioPaths(repoRoot))));
  const files = await runScenario(scenario, scenarioPaths(repoRoot));
  scenario.outputs = scenario.outputs.filter((b) => b.info === 'generated/models/Tiny.ts interface Tiny' || b.path !== 'generated/models/Tiny.ts');
  const model = files.get('generated/models/Tiny.ts')!;
  files.set('generated/models/Tiny.ts', model.replace(/^\/\/ Generated by .*$/m, '// Another header.').replace("name: 'Tiny'", "name: 'Renamed'"));
  assert.notEqual(files.get('generated/models/Tiny.ts'), model);
  assertScenario(scenario, files);
});
