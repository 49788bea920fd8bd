/**
 * The data the generated code hands to the runtime: models and operations as plain objects, derived from the
 * spec. The runtime reads them to build URLs, (de)serialize XML and JSON, validate input and poll; it knows
 * nothing of any single operation.
 */

export type ScalarKind = 'string' | 'int' | 'long' | 'double' | 'boolean' | 'dateTime' | 'base64';

export interface ScalarShape {
  readonly kind: ScalarKind;
  readonly enum?: readonly string[];
}

export interface ModelRefShape {
  readonly kind: 'model';
  /** Lazy, because models refer to each other (and to themselves). */
  readonly model: () => ModelShape;
}

export interface ListShape {
  readonly kind: 'list';
  /** False when items repeat directly inside the parent, with no wrapper element. */
  readonly wrapped: boolean;
  readonly item: ItemShape;
}

export interface ItemShape {
  readonly element: string;
  readonly type: ScalarShape | ModelRefShape;
}

export type TypeShape = ScalarShape | ModelRefShape | ListShape;

/** The spec's rules on a scalar value; each is the JSON Schema keyword of the same name. */
export interface ValueConstraints {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

/** Every rule of {@link ValueConstraints}, listed once: copying or checking rules goes through this list. */
export const CONSTRAINT_KEYWORDS = Object.keys({
  minimum: true, maximum: true, minLength: true, maxLength: true, pattern: true,
} satisfies Record<keyof ValueConstraints, true>) as ReadonlyArray<keyof ValueConstraints>;

/** The rules `source` defines, and only those (no `key: undefined`). */
export function constraintsOf(source: ValueConstraints): ValueConstraints {
  const picked: Record<string, unknown> = {};
  for (const key of CONSTRAINT_KEYWORDS) if (source[key] !== undefined) picked[key] = source[key];
  return picked as ValueConstraints;
}

export interface Constraints extends ValueConstraints {
  readonly required?: boolean;
}

export interface MemberShape extends Constraints {
  /** Element (or attribute) name on the wire, and the TypeScript member name. */
  readonly name: string;
  readonly type: TypeShape;
  readonly xml?: 'attribute' | 'text';
  /** Redacted from logs and errors. */
  readonly secret?: boolean;
  /** Fixed wire value the client fills in. */
  readonly const?: string;
  /** Response-only: the service returns it and never read it, so input carrying it is refused. */
  readonly readOnly?: true;
}

/**
 * A rule between members of one structure, checked on input (by the client before sending, by the emulator on
 * receipt and by validate()) and not on responses. `message` is the service's wording of the refusal.
 */
export interface CrossFieldRule {
  readonly kind: 'exactlyOne' | 'atMostOne' | 'atLeastOne' | 'requiredIf';
  readonly members: readonly string[];
  /** requiredIf: the member whose presence (with one of `equals`, if given) makes `members` required. */
  readonly when?: string;
  readonly equals?: readonly string[];
  readonly message?: string;
}

export interface StructureShape {
  readonly name: string;
  readonly namespace?: string;
  readonly members: readonly MemberShape[];
  readonly rules?: readonly CrossFieldRule[];
  /** For a variant of a polymorphic model. */
  readonly discriminatorValue?: string;
  readonly typeName?: string;
}

export interface PolymorphicShape {
  readonly name: string;
  readonly discriminator: string;
  readonly variants: () => readonly StructureShape[];
  /**
   * The service read every variant as ONE data contract with these elements, in this order: each variant's members
   * follow it, and a reader accepts any of them in any variant (see {@link flatContract}).
   */
  readonly wireOrder?: readonly string[];
}

export type ModelShape = StructureShape | PolymorphicShape;

export function isPolymorphic(shape: ModelShape): shape is PolymorphicShape {
  return 'discriminator' in shape;
}

/**
 * The structure a value of `shape` has: the shape itself, or the variant its discriminator value selects
 * (undefined when it selects none). The one chooser for writing XML and reading or writing JSON.
 */
export function variantFor(shape: ModelShape, selector: unknown): StructureShape | undefined {
  if (!isPolymorphic(shape)) return shape;
  return shape.variants().find((v) => v.discriminatorValue === selector);
}

const flatContracts = new WeakMap<PolymorphicShape, StructureShape>();

/**
 * The one data contract a polymorphic model with a `wireOrder` had on the service: every variant's members, each
 * once, in wire order (the first variant that has a member gives its shape; the spec loader checks they agree).
 * Undefined when the variants were separate contracts. Memoized per shape.
 */
export function flatContract(shape: PolymorphicShape): StructureShape | undefined {
  if (shape.wireOrder === undefined) return undefined;
  let flat = flatContracts.get(shape);
  if (flat === undefined) {
    const members = new Map<string, MemberShape>();
    for (const v of shape.variants()) for (const m of v.members) if (m.xml === undefined && !members.has(m.name)) members.set(m.name, m);
    flat = { name: shape.name, members: shape.wireOrder.flatMap((name) => members.get(name) ?? []) };
    flatContracts.set(shape, flat);
  }
  return flat;
}

/** The discriminator values of a polymorphic model, for an error that lists them. */
export function variantNames(shape: PolymorphicShape): string {
  return shape.variants().map((v) => v.discriminatorValue).join(', ');
}

export interface ParamShape extends Constraints {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly wireName?: string;
  readonly type: 'string' | 'int' | 'boolean' | 'dateTime';
  /** Boolean query flag: sent as wireName=value when true. */
  readonly value?: string;
  readonly enum?: readonly string[];
}

/** A request or response body: a model, a list of items, or opaque text. */
export type BodyShape =
  | { readonly element: string; readonly model: () => ModelShape; readonly member?: string; readonly contentType?: string }
  | { readonly element: string; readonly list: ItemShape; readonly member?: string; readonly contentType?: string }
  | { readonly element: string; readonly text: true; readonly member?: string; readonly contentType?: string };

export interface ResponseShape {
  readonly status: number;
  readonly body?: BodyShape;
}

/**
 * One operation, as data. `Input` and `Output` tie a generated descriptor to its generated types, so that sending
 * it is type-checked (`invoke(client, GetHostedServiceOperation, input)` resolves to a `HostedService`); they exist
 * only for the compiler.
 */
export interface OperationDescriptor<Input = unknown, Output = unknown> {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly apiVersion?: string;
  readonly fixedQuery?: Readonly<Record<string, string>>;
  readonly params: readonly ParamShape[];
  readonly request?: BodyShape;
  readonly responses: readonly ResponseShape[];
  readonly async?: {
    readonly poll?: () => OperationDescriptor;
    readonly idFromBody?: string;
  };
  readonly pagination?: { readonly inputToken: string; readonly outputToken: string; readonly items: string };
  /** Never set: carries the input and output types (covariantly) for the compiler. */
  readonly types?: { readonly input: Input; readonly output: Output };
}

/** What a generated client tells the runtime about its service. */
export interface ServiceShape {
  readonly name: string;
  readonly host: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly error: () => ModelShape;
  readonly operationStatus: () => OperationDescriptor;
}
