/**
 * Generator scenarios, in the manner of typespec-ts: each markdown file under test/codegen/scenarios/ holds a
 * spec fragment and the files the generator must make of it (see scenario-file.ts). The test runs every scenario
 * through loadSpec and generate() and compares; `npm run scenarios:update` rewrites the expected blocks when a
 * change is intended.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSpec, type GroupSpec, type ServiceSpec } from '../../../src/core/spec-load.js';
import { generate } from '../../../src/codegen/generate.js';
import { defaultOutputs, parseScenario, updateScenario, type Scenario } from './scenario-file.js';

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
export function runScenario(scenario: Scenario, paths: ScenarioPaths): Map<string, string> {
  const groups = [scenario.spec];
  if (!scenario.spec.operations?.some((op) => op.name === 'GetOperationStatus')) groups.push(statusGroup);
  const dir = writeSpecDir(paths.metaSchema, groups);
  try {
    return generate(loadSpec(dir), { templateDir: paths.templateDir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Mismatch {
  path: string;
  problem: 'differs' | 'not generated' | 'not shown';
}

export function compareScenario(scenario: Scenario, files: Map<string, string>): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const block of scenario.outputs) {
    const text = files.get(block.info);
    if (text === undefined) mismatches.push({ path: block.info, problem: 'not generated' });
    else if (text !== block.content) mismatches.push({ path: block.info, problem: 'differs' });
  }
  for (const path of defaultOutputs(scenario)) {
    if (!scenario.outputs.some((b) => b.info === path)) mismatches.push({ path, problem: 'not shown' });
  }
  return mismatches;
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
export function updateScenarioFiles(root: string, only: string[] = []): string[] {
  const files = only.length > 0 ? only.map((f) => resolve(f)) : listScenarios(root);
  const changed: string[] = [];
  for (const file of files) {
    const before = readFileSync(file, 'utf8');
    const scenario = parseScenario(before);
    const after = updateScenario(scenario, runScenario(scenario, scenarioPaths(root)));
    if (after !== before) {
      writeFileSync(file, after);
      changed.push(file);
    }
  }
  return changed;
}
