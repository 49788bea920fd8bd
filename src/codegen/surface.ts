/**
 * The API surface: what code that calls the generated client depends on — per operation its verb, path, inputs
 * and output; per model its properties — written as generated/api-surface.json so that the next regeneration can
 * tell what it changes. Wire-only details (element names, wire names, attribute placement) are kept too, since a
 * reviewer wants to see them, but the diff does not count them as breaking.
 */
import type { BodySpec, ListItemsSpec, LocatedModel, LocatedOperation, ParamSpec, PropertySpec, Spec } from '../core/spec-load.js';
import { constraintsOf as definedConstraints, type ValueConstraints } from '../core/shapes.js';
import { compareNames } from './names.js';

/** The version of api-surface.json's format; a snapshot of another version is not compared. */
export const surfaceFormatVersion = 1;

/** A member's or parameter's value rules, as core lists them (the one constraint list). */
export type Constraints = ValueConstraints;

export interface ParamSurface {
  name: string;
  in: 'path' | 'query' | 'header';
  wireName?: string;
  /** Spec type: string, int, boolean or dateTime. */
  type: string;
  /** A boolean query flag's value (sent as wireName=value when true). */
  value?: string;
  enum?: string[];
  required: boolean;
  constraints?: Constraints;
  doc: string;
}

export interface BodySurface {
  /** Root element name on the wire. */
  element: string;
  /** A model name, `Item[]` for a list root, or `text`. */
  type: string;
  /** The input member that holds a request body; absent when its fields sit directly in the input. */
  member?: string;
  contentType?: string;
}

export interface ResponseSurface {
  status: number;
  body?: BodySurface;
}

export interface OperationSurface {
  group: string;
  doc: string;
  method: string;
  path: string;
  /** Query pairs always sent, as `a=b&c=d`. */
  fixedQuery?: string;
  apiVersion?: string;
  params: ParamSurface[];
  request?: BodySurface;
  responses: ResponseSurface[];
  /** Present for an asynchronous operation: the status operation it polls. */
  async?: { poll: string };
  pagination?: { inputToken: string; outputToken: string; items: string };
  deprecated?: string;
}

export interface PropertySurface {
  name: string;
  /** A scalar type, a model name, or `Item[]` for a list. */
  type: string;
  enum?: string[];
  const?: string;
  required: boolean;
  xml?: 'attribute' | 'text';
  /** Only for lists whose items repeat in the parent with no wrapper element. */
  wrapped?: false;
  secret?: true;
  constraints?: Constraints;
  doc: string;
}

export type Usage = 'input' | 'output';

export interface ModelSurface {
  group: string;
  doc: string;
  /** Whether callers send it (input), receive it (output), or both — decides which changes break them. */
  usage: Usage[];
  properties?: PropertySurface[];
  discriminator?: string;
  variants?: string[];
  /** A polymorphic model's one flat wire contract, when it has one. */
  wireOrder?: string[];
  discriminatorValue?: string;
}

export interface ApiSurface {
  formatVersion: number;
  client: string;
  apiVersion: string;
  operations: Record<string, OperationSurface>;
  models: Record<string, ModelSurface>;
}

/** Copies the listed keys whose values are defined, in the order given, so the JSON reads the same every time. */
function defined<T extends object>(entries: Array<[keyof T & string, unknown]>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) if (value !== undefined) out[key] = value;
  return out as T;
}

function constraintsOf(source: Constraints): Constraints | undefined {
  const c = definedConstraints(source);
  return Object.keys(c).length === 0 ? undefined : c;
}

function itemTypeName(items: ListItemsSpec): string {
  return items.type === 'model' ? items.model! : items.type;
}

function bodySurface(body: BodySpec): BodySurface {
  const type = body.model ?? (body.list ? `${itemTypeName(body.list)}[]` : 'text');
  return defined<BodySurface>([['element', body.element], ['type', type], ['member', body.member], ['contentType', body.contentType]]);
}

function paramSurface(p: ParamSpec): ParamSurface {
  return defined<ParamSurface>([
    ['name', p.name], ['in', p.in], ['wireName', p.wireName], ['type', p.type], ['value', p.value], ['enum', p.enum],
    // Path parameters are always required: the URL cannot be built without them.
    ['required', p.in === 'path' || p.required === true], ['constraints', constraintsOf(p)], ['doc', p.doc],
  ]);
}

function operationSurface(spec: Spec, op: LocatedOperation): OperationSurface {
  return defined<OperationSurface>([
    ['group', op.group], ['doc', op.doc], ['method', op.method], ['path', op.path],
    ['fixedQuery', op.fixedQuery ? Object.entries(op.fixedQuery).map(([k, v]) => `${k}=${v}`).join('&') : undefined],
    ['apiVersion', op.apiVersion],
    ['params', (op.params ?? []).map(paramSurface)],
    ['request', op.request ? bodySurface(op.request) : undefined],
    ['responses', op.responses.map((r) => defined<ResponseSurface>([['status', r.status], ['body', r.body ? bodySurface(r.body) : undefined]]))],
    ['async', op.async ? { poll: op.async.poll ?? spec.service.operationStatus } : undefined],
    ['pagination', op.pagination ? { inputToken: op.pagination.inputToken, outputToken: op.pagination.outputToken, items: op.pagination.items } : undefined],
    ['deprecated', op.deprecated],
  ]);
}

function propertySurface(p: PropertySpec): PropertySurface {
  const type = p.type === 'model' ? p.model! : p.type === 'list' ? `${itemTypeName(p.items!)}[]` : p.type;
  return defined<PropertySurface>([
    ['name', p.name], ['type', type], ['enum', p.enum ?? p.items?.enum], ['const', p.const], ['required', p.required === true],
    ['xml', p.xml], ['wrapped', p.wrapped === false ? false : undefined], ['secret', p.secret ? true : undefined],
    ['constraints', constraintsOf(p)], ['doc', p.doc ?? ''],
  ]);
}

function modelSurface(model: LocatedModel, usage: Usage[]): ModelSurface {
  return defined<ModelSurface>([
    ['group', model.group], ['doc', model.doc], ['usage', usage],
    ['properties', model.properties ? model.properties.map(propertySurface) : undefined],
    ['discriminator', model.discriminator], ['variants', model.variants ? [...model.variants] : undefined],
    ['wireOrder', model.wireOrder ? [...model.wireOrder] : undefined], ['discriminatorValue', model.discriminatorValue],
  ]);
}

/** Models a model refers to: its properties' models, list item models and variants. */
function referencedModels(model: LocatedModel): string[] {
  const names = [...(model.variants ?? [])];
  for (const p of model.properties ?? []) {
    if (p.model) names.push(p.model);
    if (p.items?.model) names.push(p.items.model);
  }
  return names;
}

function bodyModel(body: BodySpec | undefined): string | undefined {
  return body?.model ?? body?.list?.model;
}

/** Marks every model reachable from request bodies as input, and from responses (and error bodies) as output. */
function modelUsage(spec: Spec): Map<string, Set<Usage>> {
  const usage = new Map<string, Set<Usage>>();
  const mark = (name: string | undefined, how: Usage): void => {
    const model = name === undefined ? undefined : spec.models.get(name);
    if (!model) return;
    const seen = usage.get(model.name) ?? new Set<Usage>();
    if (seen.has(how)) return;
    usage.set(model.name, seen.add(how));
    for (const next of referencedModels(model)) mark(next, how);
  };
  for (const op of spec.operations) {
    mark(bodyModel(op.request), 'input');
    for (const r of op.responses) mark(bodyModel(r.body), 'output');
  }
  mark(spec.service.errorModel, 'output');
  return usage;
}

/** The surface of a loaded spec, with operations and models sorted by name. */
export function buildSurface(spec: Spec): ApiSurface {
  const usage = modelUsage(spec);
  const operations: Record<string, OperationSurface> = {};
  for (const op of [...spec.operations].sort((a, b) => compareNames(a.name, b.name))) operations[op.name] = operationSurface(spec, op);
  const models: Record<string, ModelSurface> = {};
  for (const name of [...spec.models.keys()].sort(compareNames)) {
    const how = usage.get(name) ?? new Set<Usage>();
    models[name] = modelSurface(spec.models.get(name)!, (['input', 'output'] as const).filter((u) => how.has(u)));
  }
  return { formatVersion: surfaceFormatVersion, client: spec.service.name, apiVersion: spec.service.apiVersion, operations, models };
}
