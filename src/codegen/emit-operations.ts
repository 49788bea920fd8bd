/** One file per operation: its input type, its shape, and a typed function that sends it. */
import { StructureKind, type OptionalKind, type ParameterDeclarationStructure, type Project, type StatementStructures } from 'ts-morph';
import type { BodySpec, LocatedOperation, Spec } from '../core/spec-load.js';
import { constStatement, generatedHeader, separateDeclarations } from './file-header.js';
import { modelImports } from './emit-models.js';
import { compareNames, inputTypeName, memberKey, methodName, operationConst } from './names.js';
import { ShapeRefs, type ShapePrinter } from './print-shapes.js';
import type { TextTemplates } from './templates.js';
import { ModelRefs, itemType, paramType } from './typescript-types.js';

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

function params(inputType: string, inputOptional: boolean, optionsType: string): OptionalKind<ParameterDeclarationStructure>[] {
  return [
    { name: 'client', type: 'ServiceClient' },
    { name: 'input', type: inputType, ...(inputOptional ? { initializer: '{}' } : {}) },
    { name: 'options', type: optionsType, hasQuestionToken: true },
  ];
}

export function emitOperation(project: Project, printer: ShapePrinter, spec: Spec, op: LocatedOperation, templates: TextTemplates): { text: string; signature: OperationSignature } {
  const types = new ModelRefs();
  const shapes = new ShapeRefs({ operation: op.name });
  const method = methodName(op.name);
  const { statement: input, optional: inputOptional } = inputStatement(spec, op, types);
  const output = outputType(op, types);
  const paginator = paginatorFor(spec, op, types);
  const shapeText = printer.operation(op.name, shapes);
  const doc = templates.operationDoc(op, paginator?.name);
  const inputType = inputTypeName(op.name);
  const constName = operationConst(op.name);

  const clientTypes = ['ServiceClient', 'RequestOptions'];
  if (output.includes('ResponseMetadata')) clientTypes.push('ResponseMetadata');
  const statements: StatementStructures[] = [];
  const fn = { kind: StructureKind.Function as const, name: method, isExported: true, docs: [{ description: doc }] };
  if (op.async) {
    // One signature, so one doc comment: the options' type decides whether the call waits for completion.
    statements.push({
      ...fn,
      typeParameters: [{ name: 'O', constraint: 'AsyncRequestOptions', default: 'RequestOptions' }],
      parameters: params(inputType, inputOptional, 'O'),
      returnType: 'Promise<AsyncResult<O>>',
      statements: `return invokeAsync(client, ${constName}, input, options) as Promise<AsyncResult<O>>;`,
    });
  } else {
    statements.push({ ...fn, parameters: params(inputType, inputOptional, 'RequestOptions'), returnType: `Promise<${output}>`, statements: `return invoke(client, ${constName}, input, options);` });
  }
  if (paginator) {
    statements.push({
      kind: StructureKind.Function, name: paginator.name, isExported: true,
      docs: [{ description: `Every ${paginator.itemType} of {@link ${method}}, page after page (following ${op.pagination!.outputToken}).` }],
      parameters: params(inputType, inputOptional, 'RequestOptions'),
      returnType: `AsyncGenerator<${paginator.itemType}, void, undefined>`,
      statements: `return paginate(client, ${constName}, input, options);`,
    });
  }

  const file = project.createSourceFile(`generated/operations/${op.name}.ts`, {
    statements: [
      generatedHeader(`spec/${op.file} (operation ${op.name})`),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../../src/client/client.js', isTypeOnly: true, namedImports: clientTypes },
      ...(op.async ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: '../../src/client/async-result.js', isTypeOnly: true, namedImports: ['AsyncRequestOptions', 'AsyncResult'] }] : []),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../../src/client/invoke.js', namedImports: [op.async ? 'invokeAsync' : 'invoke'] },
      ...(paginator ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: '../../src/client/paginator.js', namedImports: ['paginate'] }] : []),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../../src/core/shapes.js', isTypeOnly: true, namedImports: ['OperationDescriptor'] },
      ...modelImports(types, shapes, 'operations'),
      ...[...shapes.operations].sort(compareNames).map((p) => ({ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: `./${p}.js`, namedImports: [operationConst(p)] })),
      input,
      constStatement(`What the runtime needs to send {@link ${method}} and read its response.`, constName, `OperationDescriptor<${inputType}, ${output}>`, shapeText),
      ...statements,
    ],
  }, { overwrite: true });
  return {
    text: separateDeclarations(file.getFullText()),
    signature: { op, method, inputType, inputOptional, outputType: output, doc, paginator, models: [...types.names] },
  };
}
