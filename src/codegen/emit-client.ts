/** The client class (every operation as a method), the service description, and the index files. */
import { Scope, StructureKind, type MethodDeclarationStructure, type OptionalKind, type Project } from 'ts-morph';
import type { Spec } from '../core/spec-load.js';
import type { OperationSignature } from './emit-operations.js';
import { constStatement, generatedHeader, separateDeclarations } from './file-header.js';
import { compareNames, operationConst, shapeName } from './names.js';
import { ShapeRefs, type ShapePrinter } from './print-shapes.js';

/** The statement that takes an operation's function from its module, imported on first use (see `modules`). */
function lazyCall(s: OperationSignature, fn: string, call = 'return'): string {
  return `const { ${fn} } = await modules.${s.op.name}();\n${call} ${fn}(this, input, options);`;
}

/** Each operation's module, imported on its first call and kept: a client costs nothing per operation at start-up. */
function moduleTable(signatures: OperationSignature[]): string {
  const entries = signatures.map((s) => `  ${s.op.name}: loadOnce(() => import('./operations/${s.op.name}.js')),`);
  return `/** Each operation's module, imported on its first call and kept. */\nconst modules = {\n${entries.join('\n')}\n};`;
}

function clientMethods(signatures: OperationSignature[]): OptionalKind<MethodDeclarationStructure>[] {
  const methods: OptionalKind<MethodDeclarationStructure>[] = [];
  for (const s of signatures) {
    const input = { name: 'input', type: s.inputType, ...(s.inputOptional ? { initializer: '{}' } : {}) };
    const options = { name: 'options', type: s.op.async ? 'O' : 'RequestOptions', hasQuestionToken: true };
    methods.push({
      name: s.method, isAsync: true, docs: [{ description: s.doc }],
      // One signature, so one doc comment: for an asynchronous operation the options' type decides whether it waits.
      typeParameters: s.op.async ? [{ name: 'O', constraint: 'AsyncRequestOptions', default: 'RequestOptions' }] : [],
      parameters: [input, options],
      returnType: s.op.async ? 'Promise<AsyncResult<O>>' : `Promise<${s.outputType}>`,
      statements: lazyCall(s, s.method),
    });
    if (s.paginator) {
      methods.push({
        name: s.paginator.name, isAsync: true, isGenerator: true,
        docs: [{ description: `Every ${s.paginator.itemType} of {@link ${s.method}}, page after page.` }],
        parameters: [input, { name: 'options', type: 'RequestOptions', hasQuestionToken: true }],
        returnType: `AsyncGenerator<${s.paginator.itemType}, void, undefined>`,
        statements: lazyCall(s, s.paginator.name, 'yield*'),
      });
    }
  }
  return methods;
}

export function emitClient(project: Project, spec: Spec, signatures: OperationSignature[]): string {
  const models = [...new Set(signatures.flatMap((s) => s.models))].sort();
  const file = project.createSourceFile('generated/client.ts', {
    statements: [
      generatedHeader('spec/ (every operation)'),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../src/client/client.js', namedImports: ['ServiceClient', { name: 'ClientOptions', isTypeOnly: true }, { name: 'RequestOptions', isTypeOnly: true }, { name: 'ResponseMetadata', isTypeOnly: true }] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../src/client/async-result.js', isTypeOnly: true, namedImports: ['AsyncRequestOptions', 'AsyncResult'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../src/client/load-once.js', namedImports: ['loadOnce'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './service.js', namedImports: ['serviceShape'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './operations/index.js', isTypeOnly: true, namedImports: signatures.map((s) => s.inputType) },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './models/index.js', isTypeOnly: true, namedImports: models },
      moduleTable(signatures),
      {
        kind: StructureKind.Class, name: spec.service.name, isExported: true, extends: 'ServiceClient',
        docs: [{ description: `${spec.service.doc}\n\nEvery operation of the spec as a method; each loads its operation's module on first use. Each is also importable alone from \`operations/\`.` }],
        ctors: [{ parameters: [{ name: 'options', type: 'ClientOptions' }], statements: 'super(options, serviceShape);', scope: Scope.Public }],
        methods: clientMethods(signatures),
      },
    ],
  }, { overwrite: true });
  return file.getFullText();
}

export function emitService(project: Project, printer: ShapePrinter, spec: Spec): string {
  const refs = new ShapeRefs();
  const shape = printer.service(refs);
  const file = project.createSourceFile('generated/service.ts', {
    statements: [
      generatedHeader('spec/service.json'),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../src/client/client.js', namedImports: ['ServiceClient', { name: 'ClientOptions', isTypeOnly: true }] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../src/core/shapes.js', isTypeOnly: true, namedImports: ['ServiceShape'] },
      ...[...refs.models].sort(compareNames).map((m) => ({ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: `./models/${m}.js`, namedImports: [shapeName(m)] })),
      ...[...refs.operations].sort(compareNames).map((o) => ({ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: `./operations/${o}.js`, namedImports: [operationConst(o)] })),
      constStatement('The service as the runtime sees it: default host, x-ms-version, XML namespace, error body and status operation.', 'serviceShape', 'ServiceShape', shape),
      `/**
 * A bare client for the functions of \`operations/\`: import only the operations you call and bundlers drop the
 * rest.
 */
export function createServiceClient(options: ClientOptions): ServiceClient {
  return new ServiceClient(options, serviceShape);
}`,
    ],
  }, { overwrite: true });
  return separateDeclarations(file.getFullText());
}

export function emitOperationIndex(signatures: OperationSignature[]): string {
  const lines = signatures.map((s) => `export * from './${s.op.name}.js';`);
  const consts = signatures.map((s) => `  ${operationConst(s.op.name)},`);
  const byName = signatures.map((s) => `  ${s.op.name}: ${operationConst(s.op.name)},`);
  return `${generatedHeader('spec/ (every operation)')}import type { OperationDescriptor } from '../../src/core/shapes.js';\n${signatures.map((s) => `import { ${operationConst(s.op.name)} } from './${s.op.name}.js';`).join('\n')}\n\n${lines.join('\n')}\n\n/** Every operation of the spec, for tools that look operations up by verb and path. */\nexport const allOperations: readonly OperationDescriptor[] = [\n${consts.join('\n')}\n];\n\n/** Every operation's descriptor by its name, e.g. \`operationsByName.CreateHostedService\`. */\nexport const operationsByName = {\n${byName.join('\n')}\n} as const;\n\n/** The name of an operation of the spec. */\nexport type OperationName = keyof typeof operationsByName;\n\n/** The typed input of the operation named \`N\`. */\nexport type OperationInput<N extends OperationName> = (typeof operationsByName)[N] extends OperationDescriptor<infer I, unknown> ? I : never;\n`;
}

/** validate() and validateDocument(), taking an operation by name or by descriptor. */
export function emitValidate(): string {
  return `${generatedHeader('spec/')}import type { OperationDescriptor } from '../src/core/shapes.js';
import { checkDocument, checkInput, type DocumentOptions, type ValidationResult } from '../src/core/payload-validation.js';
import { operationsByName, type OperationInput, type OperationName } from './operations/index.js';
import { serviceShape } from './service.js';

export type { DocumentOptions, PayloadIssue, ValidationResult } from '../src/core/payload-validation.js';

/** The descriptor of an operation given by name or by descriptor; an unknown name throws a TypeError listing how to find names. */
export function operationDescriptor(operation: OperationName | OperationDescriptor): OperationDescriptor {
  if (typeof operation !== 'string') return operation;
  const found = (operationsByName as Readonly<Record<string, OperationDescriptor>>)[operation];
  if (found === undefined || !Object.hasOwn(operationsByName, operation)) throw new TypeError(\`\${String(operation)} is not an operation of the spec (see operationsByName, or \\\`asm-sdk operations\\\`)\`);
  return found;
}

/**
 * Checks a typed input against the operation's rules (the same the client applies before sending), without
 * throwing: \`{ valid, issues: [{ path, rule, message }] }\`.
 */
export function validate<N extends OperationName>(operation: N, input: OperationInput<N>): ValidationResult;
export function validate<I>(operation: OperationDescriptor<I>, input: I): ValidationResult;
export function validate(operation: OperationName | OperationDescriptor, input: unknown): ValidationResult {
  return checkInput(operationDescriptor(operation), input);
}

/**
 * Checks a wire document, XML or JSON, as the operation's request body (every rule the emulator applies on
 * receipt) or as its response body (elements the spec does not know are warnings).
 */
export function validateDocument(operation: OperationName | OperationDescriptor, text: string, options: DocumentOptions = {}): ValidationResult {
  return checkDocument(operationDescriptor(operation), text, serviceShape.namespace, options);
}
`;
}

export function emitModelIndex(spec: Spec): string {
  const names = [...spec.models.keys()].sort();
  return `${generatedHeader('spec/ (every model)')}${names.map((n) => `export * from './${n}.js';`).join('\n')}\n`;
}

export function emitIndex(spec: Spec): string {
  return `${generatedHeader('spec/')}/** ${spec.service.doc} */
export { ${spec.service.name} } from './client.js';
export { createServiceClient, serviceShape } from './service.js';
export { operationDescriptor, validate, validateDocument } from './validate.js';
export type { DocumentOptions, PayloadIssue, ValidationResult } from './validate.js';
export { allOperations, operationsByName } from './operations/index.js';
export type * from './operations/index.js';
export type * from './models/index.js';
export * from '../src/client/index.js';
`;
}

