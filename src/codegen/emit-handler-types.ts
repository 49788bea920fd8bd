/**
 * generated/emulator/handlers.ts: for every operation, the typed request body and parameters an emulator handler
 * receives and the bodies it may answer, in the generated model types. The emulator's handler table is keyed by
 * it, so that a handler reads `ctx.body` as the model the client sent instead of casting it.
 */
import { StructureKind, type Project } from 'ts-morph';
import type { BodySpec, LocatedOperation, ParamSpec, Spec } from '../core/spec-load.js';
import { generatedHeader, separateDeclarations } from './file-header.js';
import { compareNames, memberKey, quote } from './names.js';
import { ModelRefs, itemType } from './typescript-types.js';

export const handlerTypesPath = 'generated/emulator/handlers.ts';

function bodyType(body: BodySpec | undefined, refs: ModelRefs): string {
  if (body === undefined) return 'undefined';
  if (body.model !== undefined) return refs.add(body.model);
  if (body.list !== undefined) {
    const item = itemType(body.list, refs);
    return item.includes('|') ? `Array<${item}>` : `${item}[]`;
  }
  return 'string';
}

/** What the emulator's parameter reader yields: dates are Date, absent boolean flags are false. */
function paramType(p: ParamSpec): string {
  if (p.enum !== undefined) return p.enum.map(quote).join(' | ');
  return p.type === 'int' ? 'number' : p.type === 'dateTime' ? 'Date' : p.type;
}

function paramsType(params: readonly ParamSpec[]): string {
  const members = params.map((p) => {
    const always = p.required === true || p.in === 'path' || (p.type === 'boolean' && p.value !== undefined);
    return `${memberKey(p.name)}${always ? '' : '?'}: ${paramType(p)}`;
  });
  return members.length === 0 ? 'Record<string, never>' : `{ ${members.join('; ')} }`;
}

function operationType(op: LocatedOperation, refs: ModelRefs): string {
  const responses = op.responses.map((r) => `${r.status}: ${bodyType(r.body, refs)}`).join('; ');
  return `{ body: ${bodyType(op.request, refs)}; params: ${paramsType(op.params ?? [])}; responses: { ${responses} } }`;
}

export function emitHandlerTypes(project: Project, spec: Spec): string {
  const refs = new ModelRefs();
  const operations = [...spec.operations].sort((a, b) => compareNames(a.name, b.name));
  const properties = operations.map((op) => ({
    name: op.name, type: operationType(op, refs), docs: [{ description: `${op.method} ${op.path}` }],
  }));
  const file = project.createSourceFile(handlerTypesPath, {
    statements: [
      generatedHeader('spec/ (every operation)'),
      ...(refs.names.size === 0 ? [] : [{
        kind: StructureKind.ImportDeclaration as const, moduleSpecifier: '../models/index.js', isTypeOnly: true,
        namedImports: [...refs.names].sort(compareNames),
      }]),
      {
        kind: StructureKind.Interface,
        name: 'OperationTypes',
        isExported: true,
        docs: [{ description: 'Per operation: the request body as read (undefined when it takes none), the path, query and header\nparameters by spec name, and the body of each response status (undefined when it has none).' }],
        properties,
      },
    ],
  }, { overwrite: true });
  return separateDeclarations(file.getFullText());
}
