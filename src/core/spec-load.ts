/**
 * Reads the spec folder, validates every file against meta-schema.json with ajv, then checks what a
 * schema cannot: references between files, path parameters, async and pagination wiring.
 * Every problem is reported with its file, JSON pointer and a hint, all in one pass: a file the schema rejects
 * stays out of the reference checks, but the names it declares count as defined, so that its mistakes do not
 * hide the other files' (nor make their references to it look broken). A JSON syntax error names its line and
 * column.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { describeJsonSyntaxError } from './json-position.js';
import type {
  GroupSpec, LocatedModel, LocatedOperation, ModelSpec, PropertySpec, ServiceSpec, Spec,
} from './spec-types.js';

export type * from './spec-types.js';

/** The spec folder of this package (spec/, beside dist/). */
export const defaultSpecDir = fileURLToPath(new URL('../../../spec/', import.meta.url));

export interface SpecProblem {
  file: string;
  pointer: string;
  message: string;
}

export class SpecError extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(`The spec has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
      problems.map((p) => `  ${p.file}#${p.pointer}: ${p.message}`).join('\n'));
    this.name = 'SpecError';
  }
}

function compileMetaSchema(dir: string) {
  const metaSchema = JSON.parse(readFileSync(join(dir, 'meta-schema.json'), 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addSchema(metaSchema);
  return {
    service: ajv.getSchema(`${metaSchema.$id}#/$defs/service`)!,
    group: ajv.getSchema(`${metaSchema.$id}#/$defs/group`)!,
  };
}

function describeSchemaError(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `unknown member "${String(params['additionalProperty'])}" (rule: additionalProperties)`;
  if (e.keyword === 'enum') return `${e.message ?? 'not allowed'}: ${JSON.stringify(params['allowedValues'])} (rule: enum)`;
  return `${e.message ?? 'invalid'} (rule: ${e.keyword})`;
}

function readJson(file: string, dir: string, problems: SpecProblem[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push({ file: relative(dir, file), pointer: '', message: `cannot be read: ${(err as Error).message}` });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    problems.push({ file: relative(dir, file), pointer: '', message: `not valid JSON at ${describeJsonSyntaxError(text, err as Error)}; hint: fix the syntax there (a trailing comma, a missing quote or bracket)` });
    return undefined;
  }
}

/**
 * Names declared by files the schema rejected: they count as defined for the reference checks, which do not see
 * those files, so that a reference to them is not reported as broken on top of the file's own problems.
 */
interface Unchecked {
  models: Set<string>;
  operations: Set<string>;
  /** service.json could not be checked: the checks that need it are skipped. */
  service: boolean;
}

function declaredNames(group: unknown, unchecked: Unchecked): void {
  if (typeof group !== 'object' || group === null) return;
  const { operations, models } = group as { operations?: unknown; models?: unknown };
  if (Array.isArray(operations)) {
    for (const op of operations) {
      const name = (op as { name?: unknown } | null)?.name;
      if (typeof name === 'string') unchecked.operations.add(name);
    }
  }
  if (typeof models === 'object' && models !== null && !Array.isArray(models)) for (const name of Object.keys(models)) unchecked.models.add(name);
}

/** Loads and checks the spec; throws SpecError listing every problem found. */
export function loadSpec(dir: string = defaultSpecDir): Spec {
  const problems: SpecProblem[] = [];
  const validate = compileMetaSchema(dir);
  const schemaCheck = (file: string, value: unknown, check: typeof validate.service): boolean => {
    if (check(value)) return true;
    // oneOf/if branches repeat their children's errors; the deepest ones name the real problem.
    for (const e of check.errors ?? []) {
      if (e.keyword === 'oneOf' || e.keyword === 'if' || e.keyword === 'not' && (check.errors ?? []).length > 1) continue;
      problems.push({ file, pointer: e.instancePath || '/', message: describeSchemaError(e) });
    }
    return false;
  };

  const serviceFile = join(dir, 'service.json');
  const service = readJson(serviceFile, dir, problems) as ServiceSpec | undefined;
  const unchecked: Unchecked = { models: new Set(), operations: new Set(), service: false };
  if (service === undefined || !schemaCheck('service.json', service, validate.service)) unchecked.service = true;

  const spec: Spec = { dir, service: service!, groups: [], operations: [], models: new Map() };
  const groupDir = join(dir, 'groups');
  for (const name of readdirSync(groupDir).filter((n) => n.endsWith('.json')).sort()) {
    const file = `groups/${name}`;
    const group = readJson(join(groupDir, name), dir, problems) as GroupSpec | undefined;
    if (group === undefined) continue;
    if (!schemaCheck(file, group, validate.group)) {
      declaredNames(group, unchecked);
      continue;
    }
    spec.groups.push({ name: group.group, doc: group.doc, file });
    (group.operations ?? []).forEach((op, i) => {
      spec.operations.push({ ...op, group: group.group, file, pointer: `/operations/${i}` });
    });
    for (const [modelName, model] of Object.entries(group.models ?? {})) {
      const pointer = `/models/${modelName}`;
      const twin = spec.models.get(modelName);
      if (twin) {
        problems.push({ file, pointer, message: `duplicate model name ${modelName} (also ${twin.file}#${twin.pointer}); hint: model names are global` });
        continue;
      }
      spec.models.set(modelName, { ...model, name: modelName, group: group.group, file, pointer });
    }
  }
  const basesBefore = problems.length;
  resolveBases(spec, problems, unchecked);
  // A model whose base is broken has no full member list: checking references on it would only add noise.
  if (problems.length === basesBefore) checkReferences(spec, problems, unchecked);
  if (problems.length > 0) throw new SpecError(problems);
  spec.operations.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return spec;
}

/**
 * Gives every model that extends another its base's members first, so that everything downstream (generator,
 * emulator, docs) sees one full list in wire order; `extends` stays for the generated interface.
 */
function resolveBases(spec: Spec, problems: SpecProblem[], unchecked: Unchecked): void {
  const resolved = new Set<string>();
  const resolve = (model: LocatedModel, chain: string[]): void => {
    if (model.extends === undefined || resolved.has(model.name)) return;
    const at = (message: string): void => { problems.push({ file: model.file, pointer: `${model.pointer}/extends`, message }); };
    const base = spec.models.get(model.extends);
    if (!base && unchecked.models.has(model.extends)) return;
    if (!base) return at(`unknown model reference "${model.extends}"; hint: define it under "models" in some group file`);
    if (chain.includes(base.name)) return at(`models extend each other in a cycle: ${[...chain, base.name].join(' -> ')}; hint: let one of them list its members itself`);
    if (base.variants) return at(`${base.name} is polymorphic and cannot be extended; hint: extend one of its variants`);
    resolve(base, [...chain, base.name]);
    const own = model.properties ?? [];
    const clash = own.find((p) => (base.properties ?? []).some((b) => b.name === p.name));
    if (clash) return at(`${model.name} repeats ${clash.name}, which it inherits from ${base.name}; hint: list only the members ${base.name} lacks`);
    model.properties = [...(base.properties ?? []), ...own];
    resolved.add(model.name);
  };
  for (const model of spec.models.values()) resolve(model, [model.name]);
}

function checkReferences(spec: Spec, problems: SpecProblem[], unchecked: Unchecked): void {
  const modelRef = (name: string | undefined, file: string, pointer: string) => {
    if (name !== undefined && !spec.models.has(name) && !unchecked.models.has(name)) {
      problems.push({ file, pointer, message: `unknown model reference "${name}"; hint: define it under "models" in some group file` });
    }
  };
  checkOperations(spec, problems, modelRef, unchecked);
  for (const model of spec.models.values()) checkModel(spec, model, problems, modelRef);
  checkGroups(spec, problems);
  checkSharedUrls(spec, problems);
  checkGeneratedNames(spec, problems);
}

/** One file per group: each group is one docs page (docs/api/<group>.md) and one section of the client. */
function checkGroups(spec: Spec, problems: SpecProblem[]): void {
  const seen = new Map<string, string>();
  for (const g of spec.groups) {
    const twin = seen.get(g.name);
    if (twin) problems.push({ file: g.file, pointer: '/group', message: `duplicate group ${g.name} (also ${twin}); hint: give each file its own group name, or move these operations into ${twin}` });
    seen.set(g.name, g.file);
  }
}

/**
 * Operations may share verb, path and fixed query (role operations all POST to …/Operations), but then the body
 * must tell them apart — by its root element or by a const member — or neither the emulator's router nor a
 * reader can.
 */
function checkSharedUrls(spec: Spec, problems: SpecProblem[]): void {
  const routes = new Map<string, LocatedOperation>();
  for (const op of spec.operations) {
    const consts = (spec.models.get(op.request?.model ?? '')?.properties ?? []).filter((p) => p.const !== undefined).map((p) => `${p.name}=${p.const}`);
    const key = [op.method, op.path.replace(/\{[^}]+\}/g, '{}'), new URLSearchParams(op.fixedQuery).toString(), op.request?.element ?? '', ...consts].join(' ');
    const twin = routes.get(key);
    if (twin) {
      problems.push({ file: op.file, pointer: op.pointer, message: `${op.name} has the same verb, path and body root as ${twin.name} (${twin.file}#${twin.pointer}); hint: give one a different root element or a const member (e.g. OperationType), or a fixedQuery` });
    }
    routes.set(key, op);
  }
}

/**
 * The generated index exports every model (X and XShape) beside every operation (XOperation and XInput): a model
 * named like an operation's generated names would clash there.
 */
function checkGeneratedNames(spec: Spec, problems: SpecProblem[]): void {
  const generated = new Map<string, string>();
  for (const op of spec.operations) for (const name of [`${op.name}Operation`, `${op.name}Input`]) generated.set(name, op.name);
  for (const model of spec.models.values()) {
    for (const name of [model.name, `${model.name}Shape`]) {
      const op = generated.get(name);
      if (op) problems.push({ file: model.file, pointer: model.pointer, message: `model ${model.name} clashes with ${name}, generated for operation ${op}; hint: rename the model (e.g. ${model.name}Body) — the element name on the wire stays as it is` });
    }
  }
}

type ModelRefCheck = (name: string | undefined, file: string, pointer: string) => void;

function checkOperations(spec: Spec, problems: SpecProblem[], modelRef: ModelRefCheck, unchecked: Unchecked): void {
  const byName = new Map<string, LocatedOperation>();
  for (const op of spec.operations) {
    const at = (suffix: string, message: string) => problems.push({ file: op.file, pointer: op.pointer + suffix, message });
    const twin = byName.get(op.name);
    if (twin) at('/name', `duplicate operation name ${op.name} (also ${twin.file}#${twin.pointer}); hint: operation names are global`);
    byName.set(op.name, op);

    const placeholders = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).filter((n) => n !== 'subscriptionId');
    const params = op.params ?? [];
    params.forEach((p, i) => {
      if (p.in === 'path' && !placeholders.includes(p.name)) at(`/params/${i}`, `path parameter ${p.name} is declared but not used in the path "${op.path}"; hint: add {${p.name}} to the path or set "in" to query`);
      if (p.value !== undefined && p.type !== 'boolean') at(`/params/${i}/value`, `"value" is for boolean query flags only; ${p.name} is ${p.type}`);
    });
    for (const name of placeholders) {
      if (!params.some((p) => p.in === 'path' && p.name === name)) at('/path', `path placeholder {${name}} has no parameter; hint: add { "name": "${name}", "in": "path", ... } to "params"`);
    }
    const names = new Set<string>();
    params.forEach((p, i) => {
      if (names.has(p.name)) at(`/params/${i}/name`, `duplicate parameter ${p.name}`);
      names.add(p.name);
    });

    if (op.request) {
      modelRef(op.request.model, op.file, `${op.pointer}/request/model`);
      modelRef(op.request.list?.model, op.file, `${op.pointer}/request/list/model`);
      if (op.request.member === undefined && op.request.model !== undefined && spec.models.has(op.request.model)) {
        for (const field of bodyFieldNames(spec, op.request.model)) {
          if (names.has(field)) at('/request', `body field ${field} has the name of a parameter; hint: set "member" so that the body sits under its own input member`);
        }
      }
      if (op.request.member !== undefined && names.has(op.request.member)) at('/request/member', `member ${op.request.member} clashes with a parameter`);
      if (op.method === 'GET') at('/request', 'a GET cannot send a body');
    }
    op.responses.forEach((r, i) => {
      if (r.body?.member !== undefined) at(`/responses/${i}/body/member`, '"member" is for request bodies only; hint: remove it: a response body is what the call resolves with');
      if (r.body?.contentType !== undefined) at(`/responses/${i}/body/contentType`, '"contentType" is for request bodies only; hint: remove it: the client reads the response\'s own Content-Type');
      modelRef(r.body?.model, op.file, `${op.pointer}/responses/${i}/body/model`);
      modelRef(r.body?.list?.model, op.file, `${op.pointer}/responses/${i}/body/list/model`);
    });
    const statuses = op.responses.map((r) => r.status);
    if (new Set(statuses).size !== statuses.length) at('/responses', 'duplicate response status');
    if (op.async && !statuses.includes(202)) at('/async', 'an asynchronous operation must list a 202 response; hint: add { "status": 202 } to "responses"');
    if (!op.async && statuses.includes(202)) at('/responses', 'a 202 response means the operation is asynchronous; hint: add "async": {}');
    if (op.pagination) checkPagination(spec, op, at);
  }
  for (const op of spec.operations) {
    if (!op.async || (op.async.poll === undefined && unchecked.service)) continue;
    const poll = op.async.poll ?? spec.service.operationStatus;
    const pollOp = byName.get(poll);
    if (!pollOp && unchecked.operations.has(poll)) continue;
    if (!pollOp) problems.push({ file: op.file, pointer: `${op.pointer}/async`, message: `asynchronous operation polls ${poll}, which is not an operation of the spec; hint: define it or set "async.poll"` });
    else if (pollOp.method !== 'GET' || (pollOp.params ?? []).filter((p) => p.in === 'path').length !== 1) {
      problems.push({ file: op.file, pointer: `${op.pointer}/async`, message: `status operation ${poll} must be a GET with exactly one path parameter (the request id)` });
    }
    if (op.async.idFromBody !== undefined && !op.responses.some((r) => r.status === 202 && r.body)) {
      problems.push({ file: op.file, pointer: `${op.pointer}/async/idFromBody`, message: 'idFromBody needs a 202 response with a body' });
    }
  }
  if (unchecked.service) return;
  if (!byName.has(spec.service.operationStatus) && !unchecked.operations.has(spec.service.operationStatus)) {
    problems.push({ file: 'service.json', pointer: '/operationStatus', message: `operationStatus ${spec.service.operationStatus} is not an operation of the spec` });
  }
  if (!spec.models.has(spec.service.errorModel) && !unchecked.models.has(spec.service.errorModel)) {
    problems.push({ file: 'service.json', pointer: '/errorModel', message: `errorModel ${spec.service.errorModel} is not a model of the spec` });
  }
}

function checkPagination(spec: Spec, op: LocatedOperation, at: (suffix: string, message: string) => void): void {
  const pag = op.pagination!;
  if (!(op.params ?? []).some((p) => p.name === pag.inputToken && p.in === 'query')) at('/pagination/inputToken', `no query parameter ${pag.inputToken}`);
  const model = spec.models.get(op.responses.find((r) => r.body?.model)?.body?.model ?? '');
  const props = model?.properties ?? [];
  if (!props.some((p) => p.name === pag.outputToken)) at('/pagination/outputToken', `the response model has no property ${pag.outputToken}`);
  if (!props.some((p) => p.name === pag.items && p.type === 'list')) at('/pagination/items', `the response model has no list property ${pag.items}`);
}

/** Names of the input members a body model contributes when flattened into the input. */
export function bodyFieldNames(spec: Spec, modelName: string): string[] {
  const model = spec.models.get(modelName);
  if (!model) return [];
  if (model.variants) return [...new Set(model.variants.flatMap((v) => bodyFieldNames(spec, v)))];
  return (model.properties ?? []).filter((p) => p.const === undefined).map((p) => p.name);
}

function checkModel(spec: Spec, model: LocatedModel, problems: SpecProblem[], modelRef: ModelRefCheck): void {
  const at = (suffix: string, message: string) => problems.push({ file: model.file, pointer: model.pointer + suffix, message });
  if (model.variants) {
    model.variants.forEach((v, i) => {
      const variant = spec.models.get(v);
      if (!variant) return modelRef(v, model.file, `${model.pointer}/variants/${i}`);
      if (variant.discriminatorValue === undefined) at(`/variants/${i}`, `variant ${v} has no discriminatorValue`);
      const selector = (variant.properties ?? []).findIndex((p) => p.name === model.discriminator);
      if (selector < 0) {
        at(`/variants/${i}`, `variant ${v} has no ${model.discriminator} property; hint: list it among its properties at its wire position`);
      } else if (variant.discriminatorValue !== undefined && variant.properties![selector]!.const !== variant.discriminatorValue) {
        // The generated type makes the discriminator the literal that selects the variant; the const is that literal.
        problems.push({ file: variant.file, pointer: `${variant.pointer}/properties/${selector}`, message: `${model.discriminator} selects variant ${v} of ${model.name}, so it must be "const": "${variant.discriminatorValue}" (its discriminatorValue); hint: add "const": "${variant.discriminatorValue}" to the property` });
      }
    });
    if (model.wireOrder !== undefined) checkWireOrder(spec, model, at);
    return;
  }
  const seen = new Set<string>();
  (model.properties ?? []).forEach((p: PropertySpec, i) => {
    const pointer = `${model.pointer}/properties/${i}`;
    if (seen.has(p.name)) at(`/properties/${i}/name`, `duplicate property ${p.name}; hint: element order is the order of "properties", each name once`);
    seen.add(p.name);
    modelRef(p.model, model.file, `${pointer}/model`);
    modelRef(p.items?.model, model.file, `${pointer}/items/model`);
    if (p.xml !== undefined && (p.type === 'model' || p.type === 'list')) at(`/properties/${i}/xml`, `${p.xml} members must be scalars`);
    if (p.wrapped === false && p.items && p.items.element !== p.name) at(`/properties/${i}`, `an unwrapped list repeats its item element: name it ${p.items.element} too`);
    if (p.readOnly === true && (p.required === true || p.const !== undefined)) at(`/properties/${i}/readOnly`, 'a response-only member can be neither required nor const on input');
  });
  (model.rules ?? []).forEach((rule, i) => {
    for (const name of [...rule.members, ...(rule.when === undefined ? [] : [rule.when])]) {
      if (!seen.has(name)) at(`/rules/${i}`, `the rule names ${name}, which is not a property of ${model.name}`);
    }
  });
}

/**
 * A flat wire contract (`wireOrder`) must be the variants' elements exactly: each variant's elements appear in it
 * and in its order (so that writing a variant is writing the flat contract), each name it lists is some variant's
 * element (which gives it a type to read), and variants sharing a name share its type.
 */
function checkWireOrder(spec: Spec, model: LocatedModel, at: (suffix: string, message: string) => void): void {
  const order = model.wireOrder!;
  const position = new Map(order.map((name, i) => [name, i]));
  const typeOf = new Map<string, { variant: string; type: string }>();
  for (const v of model.variants ?? []) {
    const variant = spec.models.get(v);
    if (!variant) continue;
    let last = -1;
    let lastName = '';
    for (const p of (variant.properties ?? []).filter((q) => q.xml === undefined)) {
      const index = position.get(p.name);
      if (index === undefined) {
        at('/wireOrder', `${v} has the element ${p.name}, which wireOrder does not list; hint: add it at its place in the service's contract`);
        continue;
      }
      if (index < last) at('/wireOrder', `${v} lists ${p.name} after ${lastName}, but wireOrder has it before; hint: order ${v}'s properties as wireOrder does`);
      else { last = index; lastName = p.name; }
      const type = JSON.stringify({ type: p.type, model: p.model, items: p.items, wrapped: p.wrapped });
      const twin = typeOf.get(p.name);
      if (twin && twin.type !== type) at('/wireOrder', `${p.name} has one type in ${twin.variant} and another in ${v}; hint: one flat contract gives each element one type`);
      else typeOf.set(p.name, { variant: v, type });
    }
  }
  for (const name of order) {
    if (!typeOf.has(name)) at('/wireOrder', `wireOrder lists ${name}, which no variant of ${model.name} has; hint: add it to the variant that uses it, or remove it`);
  }
}

export function isPolymorphic(model: ModelSpec): boolean {
  return model.variants !== undefined;
}
