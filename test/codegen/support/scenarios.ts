/**
 * Generator scenarios, in the manner of typespec-ts: each markdown file under test/codegen/scenarios/ holds a
 * spec fragment and the declarations the generator must make of it (see scenario-file.ts). The test runs every
 * scenario through loadSpec and generate() and compares each declaration shown; `npm run scenarios:update`
 * rewrites the expected blocks when a change is intended.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSpec, type GroupSpec, type ServiceSpec } from '../../../src/core/spec-load.js';
import { generate } from '../../../src/codegen/generate.js';
import { lineDiff } from './line-diff.js';
import { defaultOutputs, parseScenario, shownText, updateScenario, type Scenario } from './scenario-file.js';

/** The service every scenario runs in, and the status operation and error model every spec needs. */
const service: ServiceSpec = {
  formatVersion: 1, name: 'ScenarioClient', doc: 'A client generated from one scenario.', host: 'management.example.test',
  apiVersion: '2014-10-01', namespace: 'http://schemas.microsoft.com/windowsazure', errorModel: 'ErrorDetails', operationStatus: 'GetOperationStatus',
};

const statusGroup: GroupSpec = {
  group: 'status',
  doc: 'Status of asynchronous requests.',
  operations: [{
    name: 'GetOperationStatus', doc: 'Status of an asynchronous request.', method: 'GET', path: '/{subscriptionId}/operations/{RequestId}',
    params: [{ name: 'RequestId', in: 'path', type: 'string', required: true, doc: 'The request id.' }],
    responses: [{ status: 200, body: { element: 'Operation', model: 'Operation' } }],
  }],
  models: {
    Operation: { doc: 'Status of an asynchronous request.', properties: [{ name: 'ID', type: 'string' }, { name: 'Status', type: 'string' }, { name: 'Error', type: 'model', model: 'ErrorDetails' }] },
    ErrorDetails: { doc: 'Error body.', properties: [{ name: 'Code', type: 'string' }, { name: 'Message', type: 'string' }] },
  },
};

/** Writes a spec folder (service.json, groups/, meta-schema.json) into a fresh temporary folder. */
export function writeSpecDir(metaSchema: string, groups: GroupSpec[], serviceSpec: ServiceSpec = service): string {
  const dir = mkdtempSync(join(tmpdir(), 'asm-spec-'));
  mkdirSync(join(dir, 'groups'));
  copyFileSync(metaSchema, join(dir, 'meta-schema.json'));
  writeFileSync(join(dir, 'service.json'), JSON.stringify(serviceSpec, null, 2));
  for (const g of groups) writeFileSync(join(dir, 'groups', `${g.group}.json`), JSON.stringify(g, null, 2));
  return dir;
}

export interface ScenarioPaths {
  /** spec/meta-schema.json to validate against. */
  metaSchema: string;
  templateDir: string;
}

/** Every file generated from the scenario's spec. */
export async function runScenario(scenario: Scenario, paths: ScenarioPaths): Promise<Map<string, string>> {
  const groups = [scenario.spec];
  if (!scenario.spec.operations?.some((op) => op.name === 'GetOperationStatus')) groups.push(statusGroup);
  const dir = writeSpecDir(paths.metaSchema, groups);
  let spec;
  try {
    spec = loadSpec(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return generate(spec, { templateDir: paths.templateDir });
}

export interface Mismatch {
  /** The block's path and selector, as its fence names them. */
  shows: string;
  problem: 'differs' | 'not generated' | 'no such declaration' | 'not shown';
}

export function compareScenario(scenario: Scenario, files: Map<string, string>): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const block of scenario.outputs) {
    const text = shownText(block, files);
    if (text === undefined) mismatches.push({ shows: block.info, problem: files.has(block.path) ? 'no such declaration' : 'not generated' });
    else if (text !== block.content) mismatches.push({ shows: block.info, problem: 'differs' });
  }
  for (const path of defaultOutputs(scenario)) {
    if (!scenario.outputs.some((b) => b.path === path)) mismatches.push({ shows: path, problem: 'not shown' });
  }
  return mismatches;
}

/**
 * Fails unless the generated files show what the scenario expects. A block that differs is reported as a line
 * diff of its one declaration, first of all; then every mismatch, one per line.
 */
export function assertScenario(scenario: Scenario, files: Map<string, string>): void {
  const mismatches = compareScenario(scenario, files);
  if (mismatches.length === 0) return;
  const summary = `${mismatches.map((m) => `${m.shows}: ${m.problem}`).join('\n')}\nrun \`npm run scenarios:update\` if the change is meant`;
  const first = scenario.outputs.find((b) => b.info === mismatches.find((m) => m.problem === 'differs')?.shows);
  if (first === undefined) assert.fail(summary);
  assert.fail(`${first.info} differs from the scenario (- scenario, + generated):\n${lineDiff(first.content, shownText(first, files)!)}\n\n${summary}`);
}

/** The scenarios folder of a checkout. */
export const scenarioDir = (root: string): string => join(root, 'test', 'codegen', 'scenarios');

export function scenarioPaths(root: string): ScenarioPaths {
  return { metaSchema: join(root, 'spec', 'meta-schema.json'), templateDir: join(root, 'src', 'codegen', 'templates') };
}

export function listScenarios(root: string): string[] {
  const dir = scenarioDir(root);
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => join(dir, f));
}

/** Rewrites the expected blocks of the given scenario files (default: all); returns those that changed. */
export async function updateScenarioFiles(root: string, only: string[] = []): Promise<string[]> {
  const files = only.length > 0 ? only.map((f) => resolve(f)) : listScenarios(root);
  const changed: string[] = [];
  for (const file of files) {
    const before = readFileSync(file, 'utf8');
    const scenario = parseScenario(before);
    const after = updateScenario(scenario, await runScenario(scenario, scenarioPaths(root)));
    if (after !== before) {
      writeFileSync(file, after);
      changed.push(file);
    }
  }
  return changed;
}
