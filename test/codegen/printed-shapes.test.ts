/**
 * The descriptors and model shapes in generated/ are the objects shapesFromSpec builds (the ones the emulator
 * reads), printed: loaded back, every one of them equals its builder object, lazy references resolving to the
 * same models and operations.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { allOperations } from '../../generated/operations/index.js';
import { serviceShape } from '../../generated/service.js';
import { shapesFromSpec } from '../../src/core/shapes-from-spec.js';
import { loadSpec } from '../../src/core/spec-load.js';
import { repoRoot } from './repo-root.js';

const spec = loadSpec(join(repoRoot, 'spec'));

/**
 * A shape as plain data: each lazy reference replaced by `model:Name` or `operation:Name`, and the shapes it
 * reaches collected in `reached`, so that two graphs compare without following cycles.
 */
function plain(value: unknown, reached: Map<string, unknown>): unknown {
  if (typeof value === 'function') {
    const target = (value as () => unknown)();
    return Array.isArray(target) ? target.map((t) => reference(t, reached)) : reference(target, reached);
  }
  if (Array.isArray(value)) return value.map((v) => plain(v, reached));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, reached)]));
  return value;
}

function reference(target: unknown, reached: Map<string, unknown>): string {
  const shape = target as { name: string };
  const key = `${'responses' in shape ? 'operation' : 'model'}:${shape.name}`;
  if (!reached.has(key)) {
    reached.set(key, undefined);
    reached.set(key, plain(shape, reached));
  }
  return key;
}

test('every generated descriptor, model shape and the service shape equal what shapesFromSpec builds', () => {
  const built = shapesFromSpec(spec, { resolveDefaultPoll: false });
  const fromBuilder = new Map<string, unknown>();
  const fromGenerated = new Map<string, unknown>();
  assert.deepEqual(plain(serviceShape, fromGenerated), plain(built.service, fromBuilder));
  assert.deepEqual(
    allOperations.map((op) => reference(op, fromGenerated)).sort(),
    built.operations.map((op) => reference(op, fromBuilder)).sort(),
  );
  assert.deepEqual([...fromGenerated.keys()].sort(), [...fromBuilder.keys()].sort());
  for (const [key, shape] of fromBuilder) assert.deepEqual(fromGenerated.get(key), shape, key);
  assert.equal([...fromBuilder.keys()].filter((k) => k.startsWith('model:')).length, spec.models.size, 'every model is reached');
});

test('where the spec names no poll operation, neither does the descriptor: the runtime polls the service\'s', () => {
  const del = allOperations.find((op) => op.name === 'DeleteHostedService')!;
  assert.deepEqual(del.async, {});
  assert.equal(shapesFromSpec(spec).operation('DeleteHostedService').async?.poll?.().name, spec.service.operationStatus, 'the emulator still gets it resolved');
});
