/**
 * generated/emulator/handlers.ts types every handler: each operation of the spec has its entry there, with the
 * request body its spec names, so that no handler falls back to an untyped body. The file is read as TypeScript
 * (not as text), so that its formatting does not matter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Project, SyntaxKind } from 'ts-morph';
import { loadSpec } from '../../src/core/spec-load.js';
import { specDir } from './helpers.js';

/** Operation name → the text of its entry's `body` type. */
function bodyTypes(): Map<string, string> {
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const file = project.addSourceFileAtPath(join(process.cwd(), 'generated', 'emulator', 'handlers.ts'));
  const entries = new Map<string, string>();
  for (const entry of file.getInterfaceOrThrow('OperationTypes').getProperties()) {
    const body = entry.getTypeNodeOrThrow().asKindOrThrow(SyntaxKind.TypeLiteral).getPropertyOrThrow('body');
    entries.set(entry.getName(), body.getTypeNodeOrThrow().getText());
  }
  return entries;
}

test('every operation of the spec has its typed entry, with the body its request names', () => {
  const entries = bodyTypes();
  const spec = loadSpec(specDir);
  assert.equal(entries.size, spec.operations.length);
  for (const op of spec.operations) {
    const request = op.request;
    const expected = request === undefined ? 'undefined' : request.model ?? (request.text ? 'string' : undefined);
    if (expected !== undefined) assert.equal(entries.get(op.name), expected, op.name);
    else assert.match(entries.get(op.name) ?? '', /(\[\]|^Array<.*>)$/, `${op.name}: a list body`);
  }
});
