/** One file per operation: its input type, its shape, and a typed function that sends it. */
import {
  StructureKind, type FunctionDeclarationOverloadStructure, type OptionalKind,
  type ParameterDeclarationStructure, type Project, type StatementStructures,
} from 'ts-morph';
import type { BodySpec, LocatedOperation, Spec } from '../core/spec-load.js';
import { constStatement, generatedHeader, separateDeclarations } from './file-header.js';
import { modelImports } from './emit-models.js';
import { inputTypeName, memberKey, methodName, operationConst, quote, shapeName } from './names.js';
import type { TextTemplates } from './templates.js';
import { ModelRefs, itemShape, itemType, paramShape, paramType } from './typescript-types.js';

/** What the client class and the index need to know of an emitted operation. */
export interface OperationSignature {
  op: LocatedOperation;
  method: string;
  inputType: string;
  inputOptional: boolean;
  outputType: string;
  doc: string;
  paginator?: { name: string; itemType: string };
  /** Model names the signature mentions. */
  models: string[];
}

function bodyType(body: BodySpec, refs: ModelRefs): string {
  if (body.model !== undefined) return refs.add(body.model);
  if (body.list !== undefined) {
    const item = itemType(body.list, refs);
    return item.includes('|') ? `Array<${item}>` : `${item}[]`;
  }
  return 'string';
}

function bodyShape(body: BodySpec, refs: ModelRefs): string {
  const parts = [`element: ${quote(body.element)}`];
  if (body.model !== undefined) parts.push(`model: () => ${shapeName(refs.add(body.model))}`);
  else if (body.list !== undefined) parts.push(`list: ${itemShape(body.list, refs)}`);
  else parts.push('text: true');
  if (body.member !== undefined) parts.push(`member: ${quote(body.member)}`);
  if (body.contentType !== undefined) parts.push(`contentType: ${quote(body.contentType)}`);
  return `{ ${parts.join(', ')} }`;
}

function operationShape(op: LocatedOperation, refs: ModelRefs, pollImport: Set<string>): string {
  const lines = [`  name: ${quote(op.name)},`, `  method: ${quote(op.method)},`, `  path: ${quote(op.path)},`];
  if (op.apiVersion) lines.push(`  apiVersion: ${quote(op.apiVersion)},`);
  if (op.fixedQuery) lines.push(`  fixedQuery: { ${Object.entries(op.fixedQuery).map(([k, v]) => `${memberKey(k)}: ${quote(v)}`).join(', ')} },`);
  const params = op.params ?? [];
  lines.push(params.length === 0 ? '  params: [],' : `  params: [\n${params.map((p) => `    ${paramShape(p)},`).join('\n')}\n  ],`);
  if (op.request) lines.push(`  request: ${bodyShape(op.request, refs)},`);
  lines.push(`  responses: [\n${op.responses.map((r) => `    { status: ${r.status}${r.body ? `, body: ${bodyShape(r.body, refs)}` : ''} },`).join('\n')}\n  ],`);
  if (op.async) {
    const parts: string[] = [];
    if (op.async.poll) {
      pollImport.add(op.async.poll);
      parts.push(`poll: () => ${operationConst(op.async.poll)}`);
    }
    if (op.async.idFromBody) parts.push(`idFromBody: ${quote(op.async.idFromBody)}`);
    lines.push(parts.length === 0 ? '  async: {},' : `  async: { ${parts.join(', ')} },`);
  }
  if (op.pagination) {
    const p = op.pagination;
    lines.push(`  pagination: { inputToken: ${quote(p.inputToken)}, outputToken: ${quote(p.outputToken)}, items: ${quote(p.items)} },`);
  }
  return `{\n${lines.join('\n')}\n}`;
}

function inputStatement(spec: Spec, op: LocatedOperation, refs: ModelRefs): { statement: StatementStructures; optional: boolean } {
  const name = inputTypeName(op.name);
  const params = op.params ?? [];
  const docs = [{ description: `Input of {@link ${methodName(op.name)}}.` }];
  const properties = params.map((p) => ({
    name: memberKey(p.name),
    type: paramType(p),
    hasQuestionToken: !(p.required || p.in === 'path'),
    docs: [{ description: p.doc }],
  }));
  const body = op.request;
  if (body && body.member !== undefined) {
    properties.push({ name: memberKey(body.member), type: bodyType(body, refs), hasQuestionToken: false, docs: [{ description: `The ${body.element} body.` }] });
  }
  const flattened = body !== undefined && body.member === undefined && body.model !== undefined ? refs.add(body.model) : undefined;
  if (flattened !== undefined && spec.models.get(flattened)?.variants) {
    // A union body cannot be extended; intersect it with the parameters instead.
    const paramsType = properties.length === 0 ? '' : `{ ${properties.map((p) => `${p.name}${p.hasQuestionToken ? '?' : ''}: ${p.type}`).join('; ')} } & `;
    return { statement: { kind: StructureKind.TypeAlias, name, isExported: true, docs, type: `${paramsType}${flattened}` }, optional: false };
  }
  if (flattened !== undefined && properties.length === 0) {
    return { statement: { kind: StructureKind.TypeAlias, name, isExported: true, docs, type: flattened }, optional: false };
  }
  if (flattened === undefined && properties.length === 0) {
    return { statement: { kind: StructureKind.TypeAlias, name, isExported: true, docs, type: 'Record<string, never>' }, optional: true };
  }
  const optional = flattened === undefined && properties.every((p) => p.hasQuestionToken);
  return {
    statement: { kind: StructureKind.Interface, name, isExported: true, docs, extends: flattened ? [flattened] : [], properties },
    optional,
  };
}

function outputType(op: LocatedOperation, refs: ModelRefs): string {
  const types = new Set<string>();
  for (const r of op.responses) types.add(r.body ? bodyType(r.body, refs) : 'ResponseMetadata');
  return [...types].join(' | ');
}

function paginatorFor(spec: Spec, op: LocatedOperation, refs: ModelRefs): { name: string; itemType: string } | undefined {
  if (!op.pagination) return undefined;
  const model = op.responses.find((r) => r.body?.model)!.body!.model!;
  const items = spec.models.get(model)!.properties!.find((p) => p.name === op.pagination!.items)!;
  return { name: `paginate${op.name}`, itemType: itemType(items.items!, refs) };
}

function params(inputType: string, inputOptional: boolean, optionsType: string, optionsOptional = true): OptionalKind<ParameterDeclarationStructure>[] {
  return [
    { name: 'client', type: 'ServiceClient' },
    { name: 'input', type: inputType, ...(inputOptional ? { initializer: '{}' } : {}) },
    { name: 'options', type: optionsType, hasQuestionToken: optionsOptional },
  ];
}

export function emitOperation(project: Project, spec: Spec, op: LocatedOperation, templates: TextTemplates): { text: string; signature: OperationSignature } {
  const refs = new ModelRefs();
  const pollImports = new Set<string>();
  const method = methodName(op.name);
  const { statement: input, optional: inputOptional } = inputStatement(spec, op, refs);
  const output = outputType(op, refs);
  const paginator = paginatorFor(spec, op, refs);
  const shapeText = operationShape(op, refs, pollImports);
  const doc = templates.operationDoc(op, paginator?.name);
  const inputType = inputTypeName(op.name);
  const constName = operationConst(op.name);

  const runtimeTypes = ['ServiceClient', 'RequestOptions'];
  const statements: StatementStructures[] = [];
  const fn = { kind: StructureKind.Function as const, name: method, isExported: true, docs: [{ description: doc }] };
  if (op.async) {
    runtimeTypes.push('AcceptedOperation', 'CompletedOperation', 'WaitingRequestOptions');
    const overloads: OptionalKind<FunctionDeclarationOverloadStructure>[] = [
      { parameters: params(inputType, false, 'WaitingRequestOptions', false), returnType: 'Promise<CompletedOperation>', docs: [{ description: doc }] },
      { parameters: params(inputType, inputOptional, 'RequestOptions'), returnType: 'Promise<AcceptedOperation>', docs: [{ description: doc }] },
    ];
    statements.push({
      ...fn, docs: [], overloads,
      parameters: params(inputType, inputOptional, 'RequestOptions | WaitingRequestOptions'),
      returnType: 'Promise<AcceptedOperation | CompletedOperation>',
      statements: `return invokeAsync(client, ${constName}, input, options);`,
    });
  }
  if (output.includes('ResponseMetadata')) runtimeTypes.push('ResponseMetadata');
  if (!op.async) {
    statements.push({ ...fn, parameters: params(inputType, inputOptional, 'RequestOptions'), returnType: `Promise<${output}>`, statements: `return invoke(client, ${constName}, input, options);` });
  }
  if (paginator) {
    const pag = op.pagination!;
    statements.push({
      kind: StructureKind.Function, name: paginator.name, isExported: true, isAsync: true, isGenerator: true,
      docs: [{ description: `Every ${paginator.itemType} of {@link ${method}}, page after page (following ${pag.outputToken}).` }],
      parameters: params(inputType, inputOptional, 'RequestOptions'),
      returnType: `AsyncGenerator<${paginator.itemType}, void, undefined>`,
      statements: [
        `let token: string | undefined = input.${pag.inputToken};`,
        'do {',
        `  const page: ${output} = await ${method}(client, { ...input, ${pag.inputToken}: token }, options);`,
        `  yield* page.${pag.items} ?? [];`,
        `  token = page.${pag.outputToken} || undefined;`,
        '} while (token !== undefined);',
      ].join('\n'),
    });
  }

  const file = project.createSourceFile(`generated/operations/${op.name}.ts`, {
    statements: [
      generatedHeader(`spec/${op.file} (operation ${op.name})`),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../../src/client/client.js', isTypeOnly: true, namedImports: runtimeTypes.filter((t) => !['AcceptedOperation', 'CompletedOperation'].includes(t)) },
      ...(op.async ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: '../../src/client/poller.js', isTypeOnly: true, namedImports: ['AcceptedOperation', 'CompletedOperation'] }] : []),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../../src/client/invoke.js', namedImports: [op.async ? 'invokeAsync' : 'invoke'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../../src/core/shapes.js', isTypeOnly: true, namedImports: ['OperationDescriptor'] },
      ...modelImports(refs, 'operations'),
      ...[...pollImports].sort().map((p) => ({ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: `./${p}.js`, namedImports: [operationConst(p)] })),
      input,
      constStatement(`What the runtime needs to send {@link ${method}} and read its response.`, constName, `OperationDescriptor<${inputType}, ${output}>`, shapeText),
      ...statements,
    ],
  }, { overwrite: true });
  return {
    text: separateDeclarations(file.getFullText()),
    signature: { op, method, inputType, inputOptional, outputType: output, doc, paginator, models: [...refs.names] },
  };
}
