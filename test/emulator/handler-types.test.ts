/**
 * generated/emulator/handlers.ts types every handler: each operation of the spec has its entry there, with the
 * request body its spec names, so that no handler falls back to an untyped body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec } from '../../src/core/spec-load.js';
import { specDir } from './helpers.js';

test('every operation of the spec has its typed entry, with the body its request names', () => {
  const text = readFileSync(join(process.cwd(), 'generated', 'emulator', 'handlers.ts'), 'utf8');
  const entries = new Map([...text.matchAll(/^ {2}(\w+): \{ body: ([^;]+);/gm)].map((m) => [m[1]!, m[2]!]));
  const spec = loadSpec(specDir);
  assert.equal(entries.size, spec.operations.length);
  for (const op of spec.operations) {
    const request = op.request;
    const expected = request === undefined ? 'undefined' : request.model ?? (request.text ? 'string' : undefined);
    if (expected !== undefined) assert.equal(entries.get(op.name), expected, op.name);
    else assert.match(entries.get(op.name) ?? '', /(\[\]|^Array<.*>)$/, `${op.name}: a list body`);
  }
});
