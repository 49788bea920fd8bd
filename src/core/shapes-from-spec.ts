/**
 * The one spec→shape builder: the runtime's shapes (shapes.ts) from the loaded spec. The generator prints what it
 * returns into generated/, and the emulator uses it directly, so that both read and write bodies with xml.ts
 * exactly alike. Model shapes are built on first use and memoized by
 * name; references between models stay lazy thunks, because models refer to each other and to themselves.
 */
import type {
  BodySpec, ListItemsSpec, LocatedModel, LocatedOperation, ParamSpec, PropertySpec, Spec,
} from './spec-load.js';
import {
  constraintsOf, type BodyShape, type ItemShape, type MemberShape, type ModelShape, type OperationDescriptor, type ParamShape,
  type ServiceShape, type StructureShape, type TypeShape,
} from './shapes.js';

export interface SpecShapes {
  readonly service: ServiceShape;
  model(name: string): ModelShape;
  operation(name: string): OperationDescriptor;
  /** Every operation of the spec, in the spec's order. */
  readonly operations: readonly OperationDescriptor[];
  /** The error body every failure answers with: <Error> holding the service's error model. */
  readonly errorBody: BodyShape;
}

/** Copies only the keys whose value is defined, so that shapes carry no `key: undefined` noise. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export interface ShapesOptions {
  /**
   * Whether an asynchronous operation that names no poll operation gets the service's status operation as its
   * `async.poll` (default true, as the emulator reads it), or none: the runtime then falls back to
   * `service.operationStatus`, which is how the generated descriptors say it.
   */
  resolveDefaultPoll?: boolean;
}

export function shapesFromSpec(spec: Spec, options: ShapesOptions = {}): SpecShapes {
  const models = new Map<string, ModelShape>();
  const operations = new Map<string, OperationDescriptor>();
  const byName = new Map(spec.operations.map((op) => [op.name, op]));

  const modelRef = (name: string) => () => model(name);

  function itemShape(items: ListItemsSpec): ItemShape {
    const type = items.type === 'model'
      ? { kind: 'model' as const, model: modelRef(items.model!) }
      : defined({ kind: items.type, enum: items.enum });
    return { element: items.element, type };
  }

  function typeShape(p: PropertySpec): TypeShape {
    if (p.type === 'model') return { kind: 'model', model: modelRef(p.model!) };
    if (p.type === 'list') return { kind: 'list', wrapped: p.wrapped ?? true, item: itemShape(p.items!) };
    return defined({ kind: p.type, enum: p.enum });
  }

  function memberShape(p: PropertySpec): MemberShape {
    return defined({
      name: p.name, type: typeShape(p), xml: p.xml, secret: p.secret, const: p.const, required: p.required, readOnly: p.readOnly,
      ...constraintsOf(p),
    });
  }

  function buildModel(m: LocatedModel): ModelShape {
    if (m.variants !== undefined) {
      const variants = m.variants;
      return defined({
        name: m.name, discriminator: m.discriminator!, variants: () => variants.map((v) => model(v) as StructureShape), wireOrder: m.wireOrder,
      });
    }
    return defined({
      name: m.name, namespace: m.namespace, members: (m.properties ?? []).map(memberShape),
      discriminatorValue: m.discriminatorValue, typeName: m.typeName,
      rules: m.rules?.map((r) => defined({ kind: r.kind, members: r.members, when: r.when, equals: r.equals, message: r.message })),
    });
  }

  function model(name: string): ModelShape {
    let shape = models.get(name);
    if (shape === undefined) {
      const m = spec.models.get(name);
      if (m === undefined) throw new Error(`the spec has no model ${name}`);
      shape = buildModel(m);
      models.set(name, shape);
    }
    return shape;
  }

  function bodyShape(b: BodySpec): BodyShape {
    const common = defined({ member: b.member, contentType: b.contentType });
    if (b.model !== undefined) return { element: b.element, model: modelRef(b.model), ...common };
    if (b.list !== undefined) return { element: b.element, list: itemShape(b.list), ...common };
    return { element: b.element, text: true, ...common };
  }

  function paramShape(p: ParamSpec): ParamShape {
    return defined({
      name: p.name, in: p.in, wireName: p.wireName, type: p.type, value: p.value, enum: p.enum, required: p.required,
      ...constraintsOf(p),
    });
  }

  function buildOperation(op: LocatedOperation): OperationDescriptor {
    const poll = op.async?.poll ?? (options.resolveDefaultPoll === false ? undefined : spec.service.operationStatus);
    return defined({
      name: op.name, method: op.method, path: op.path, apiVersion: op.apiVersion, fixedQuery: op.fixedQuery,
      params: (op.params ?? []).map(paramShape),
      request: op.request === undefined ? undefined : bodyShape(op.request),
      responses: op.responses.map((r) => defined({ status: r.status, body: r.body === undefined ? undefined : bodyShape(r.body) })),
      async: op.async === undefined ? undefined : defined({ poll: poll === undefined ? undefined : () => operation(poll), idFromBody: op.async.idFromBody }),
      pagination: op.pagination,
    });
  }

  function operation(name: string): OperationDescriptor {
    let shape = operations.get(name);
    if (shape === undefined) {
      const op = byName.get(name);
      if (op === undefined) throw new Error(`the spec has no operation ${name}`);
      shape = buildOperation(op);
      operations.set(name, shape);
    }
    return shape;
  }

  const service: ServiceShape = {
    name: spec.service.name,
    host: spec.service.host,
    apiVersion: spec.service.apiVersion,
    namespace: spec.service.namespace,
    error: () => model(spec.service.errorModel),
    operationStatus: () => operation(spec.service.operationStatus),
  };
  // The element is <Error> whatever the model is called; the SDK reads error bodies the same way.
  const errorBody: BodyShape = { element: 'Error', model: service.error };
  return { service, model, operation, operations: spec.operations.map((op) => operation(op.name)), errorBody };
}
