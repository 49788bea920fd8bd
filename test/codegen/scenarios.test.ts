/**
 * Every scenario under scenarios/ through loadSpec and generate(): the generated files must be exactly the ones
 * the scenario shows. After an intended generator change, `npm run scenarios:update` rewrites them; read the diff.
 */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import { parseScenario, readScenario, updateScenario } from './support/scenario-file.js';
import { compareScenario, listScenarios, runScenario, scenarioPaths } from './support/scenarios.js';
import { repoRoot } from './repo-root.js';

const scenarios = listScenarios(repoRoot);

test('the scenarios cover every spec feature', () => {
  const names = scenarios.map((f) => basename(f, '.md'));
  for (const feature of ['lists', 'polymorphism', 'base64', 'query-flags', 'async', 'pagination', 'shared-url', 'attributes', 'body-member']) {
    assert.ok(names.includes(feature), `no scenario ${feature}.md`);
  }
});

for (const file of scenarios) {
  test(`scenario ${basename(file)}`, () => {
    const scenario = readScenario(file);
    const files = runScenario(scenario, scenarioPaths(repoRoot));
    const mismatches = compareScenario(scenario, files);
    if (mismatches.length > 0) {
      // Show the first difference the way a reviewer would look for it.
      const first = scenario.outputs.find((b) => b.info === mismatches.find((m) => m.problem === 'differs')?.path);
      if (first) assert.equal(files.get(first.info), first.content, `${first.info} differs from the scenario`);
      assert.fail(`${mismatches.map((m) => `${m.path}: ${m.problem}`).join('\n')}\nrun \`npm run scenarios:update\` if the change is meant`);
    }
  });
}

test('updating an up-to-date scenario changes nothing', () => {
  const scenario = readScenario(scenarios[0]!);
  const text = scenario.lines.join('\n');
  assert.equal(updateScenario(scenario, runScenario(scenario, scenarioPaths(repoRoot))), text.endsWith('\n') ? text : `${text}\n`);
});

test('updating a scenario rewrites a stale block in place and appends missing ones', () => {
  const text = [
    '# Tiny', '', '```json spec',
    JSON.stringify({
      group: 'tiny', doc: 'Tiny.',
      operations: [{ name: 'GetTiny', doc: 'Gets it.', method: 'GET', path: '/{subscriptionId}/tiny', responses: [{ status: 200, body: { element: 'Tiny', model: 'Tiny' } }] }],
      models: { Tiny: { doc: 'Tiny.', properties: [{ name: 'A', type: 'string' }] } },
    }),
    '```', '', 'Prose kept.', '', '```ts generated/models/Tiny.ts', 'stale', '```', '',
  ].join('\n');
  const scenario = parseScenario(text);
  const files = runScenario(scenario, scenarioPaths(repoRoot));
  const updated = updateScenario(scenario, files);
  assert.ok(updated.includes('Prose kept.'));
  assert.ok(updated.includes(`\`\`\`ts generated/models/Tiny.ts\n${files.get('generated/models/Tiny.ts')}\`\`\``));
  assert.ok(updated.includes('### docs/api/tiny.md\n\n````md docs/api/tiny.md\n'), 'docs pages hold fences, so theirs is longer');
  assert.deepEqual(compareScenario(parseScenario(updated), files), []);
});

test('updating a scenario drops the block of a file no longer generated, with its heading', () => {
  const scenario = readScenario(scenarios[0]!);
  const files = runScenario(scenario, scenarioPaths(repoRoot));
  const gone = scenario.outputs[0]!.info;
  files.delete(gone);
  const updated = updateScenario(scenario, files);
  assert.ok(!updated.includes(gone), `${gone} still named`);
  assert.ok(!/\n\n\n/.test(updated), 'no run of blank lines left behind');
});
