/**
 * The one validator, with ajv: the client checks an operation's input before sending it, and the emulator checks
 * the parameters and body it read from a request, against JSON Schemas derived from the same shapes. Each schema
 * is compiled on first use only, so start-up pays for nothing.
 */
import type { Ajv, ErrorObject, SchemaValidateFunction, ValidateFunction } from 'ajv';
import { isIsoDate, unicodeProblem, xmlTextProblem } from './codec.js';
import { ajv as loadAjv } from './deferred-modules.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import {
  constraintsOf, isPolymorphic, type BodyShape, type CrossFieldRule, type ItemShape, type MemberShape, type ModelShape,
  type OperationDescriptor, type ParamShape, type ScalarShape, type StructureShape, type TypeShape, type ValueConstraints,
} from './shapes.js';

type Schema = Record<string, unknown>;

/**
 * What is checked. `input`: what a caller hands the client, which fills in const members itself. `wire`: a body
 * as it arrived, which must carry its const members. Both refuse response-only members and apply the rules
 * between members. `response`: a body the service answered, which may carry response-only members and leave out
 * members that input requires; the rules between members are input rules, so they do not apply.
 */
export type Mode = 'input' | 'wire' | 'response';

/** One broken rule: `keyword` is the JSON Schema keyword, `params` ajv's details of it (limit, allowedValues...). */
export interface Violation {
  /** The member concerned, e.g. `ExtendedProperties[0].Name`; '' for the value itself. */
  readonly path: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** ajv's wording, for a keyword the callers do not phrase themselves. */
  readonly message: string;
}

let ajv: Ajv | undefined;
function getAjv(): Ajv {
  if (ajv) return ajv;
  // verbose: a failed check carries its schema, which tells a missing const member and a discriminator's variants.
  ajv = new (loadAjv().Ajv)({ allErrors: true, strict: false, discriminator: true, verbose: true, code: { optimize: false } });
  // JSON Schema's number and integer admit Infinity (Infinity % 1 is NaN, which ajv's integer test lets by); the
  // wire cannot carry it.
  ajv.addKeyword({
    keyword: 'x-finite',
    errors: false,
    validate: (_schema: unknown, data: unknown) => typeof data !== 'number' || Number.isFinite(data),
  });
  // The service matched enum values case-insensitively (and readers give the spec's spelling): so does the check.
  ajv.addKeyword({ keyword: 'x-enum', validate: enumCheck, errors: true });
  ajv.addKeyword({ keyword: 'x-readOnly', validate: readOnlyCheck, errors: true });
  ajv.addKeyword({ keyword: 'x-rules', validate: rulesCheck, errors: true });
  // Past 2^53 a number stands for more than one integer.
  ajv.addKeyword({
    keyword: 'x-safe-integer',
    errors: false,
    validate: (_schema: unknown, data: unknown) => typeof data !== 'number' || !Number.isInteger(data) || Number.isSafeInteger(data),
  });
  // A dateTime member takes a Date or an ISO 8601 string (codec.ts's isIsoDate: the service's form, a real day).
  ajv.addKeyword({
    keyword: 'x-date',
    errors: false,
    validate: (_schema: unknown, data: unknown) =>
      (data instanceof Date && !Number.isNaN(data.getTime())) || (typeof data === 'string' && isIsoDate(data) && !Number.isNaN(Date.parse(data))),
  });
  // Text in a body must be text XML can carry; text in a URL must at least be encodable as UTF-8.
  ajv.addKeyword({ keyword: 'x-xml-text', errors: false, validate: (_schema: unknown, data: unknown) => typeof data !== 'string' || xmlTextProblem(data) === undefined });
  ajv.addKeyword({ keyword: 'x-unicode', errors: false, validate: (_schema: unknown, data: unknown) => typeof data !== 'string' || unicodeProblem(data) === undefined });
  return ajv;
}

/** A keyword whose check returns its errors (none: the value keeps the rule); ajv fills in their instancePath. */
function keyword<S>(check: (schema: S, data: unknown, at: string) => Partial<ErrorObject>[]): SchemaValidateFunction {
  const validate: SchemaValidateFunction = (schema: S, data: unknown, _parent?: unknown, context?: { instancePath: string }) => {
    validate.errors = check(schema, data, context?.instancePath ?? '');
    return validate.errors.length === 0;
  };
  return validate;
}

const enumCheck = keyword((values: readonly string[], data) =>
  typeof data !== 'string' || values.some((v) => v.toLowerCase() === data.toLowerCase())
    ? [] : [{ keyword: 'enum', params: { allowedValues: values }, message: `must be one of ${values.join(', ')}` }]);

const readOnlyCheck = keyword((_schema: true, data) =>
  data === undefined ? [] : [{ keyword: 'readOnly', params: {}, message: 'is returned by the service only and cannot be sent' }]);

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The broken rule between members, as an ajv error; the path is the member concerned, or the structure for a count. */
function brokenRule(rule: CrossFieldRule, record: Record<string, unknown>, at: string): Partial<ErrorObject> | undefined {
  const given = rule.members.filter((m) => present(record[m]));
  const params = { members: rule.members, ...(rule.message === undefined ? {} : { serviceMessage: rule.message }) };
  const names = rule.members.join(', ');
  if (rule.kind === 'exactlyOne' && given.length !== 1) return { keyword: rule.kind, instancePath: at, params, message: `exactly one of ${names} must be given` };
  if (rule.kind === 'atMostOne' && given.length > 1) return { keyword: rule.kind, instancePath: at, params, message: `at most one of ${names} may be given` };
  if (rule.kind === 'atLeastOne' && given.length === 0) return { keyword: rule.kind, instancePath: at, params, message: `at least one of ${names} must be given` };
  if (rule.kind !== 'requiredIf') return undefined;
  const trigger = record[rule.when!];
  const fires = present(trigger) && (rule.equals === undefined || rule.equals.some((v) => v.toLowerCase() === String(trigger).toLowerCase()));
  const missing = rule.members.find((m) => !present(record[m]));
  if (!fires || missing === undefined) return undefined;
  const condition = rule.equals === undefined ? `${rule.when} is given` : `${rule.when} is ${rule.equals.join(' or ')}`;
  return { keyword: rule.kind, instancePath: `${at}/${missing}`, params: { ...params, when: rule.when }, message: `is required when ${condition}` };
}

const rulesCheck = keyword((rules: readonly CrossFieldRule[], data, at) => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  return rules.flatMap((rule) => brokenRule(rule, data as Record<string, unknown>, at) ?? []);
});

/** The rules as JSON Schema keywords: they have the same names (enum is x-enum, which ignores case). */
function constraints(c: ValueConstraints & { enum?: readonly string[] }): Schema {
  return { ...constraintsOf(c), ...(c.enum === undefined ? {} : { 'x-enum': [...c.enum] }) };
}

function scalarSchema(type: ScalarShape | ParamShape['type'], extra: Schema = {}): Schema {
  const kind = typeof type === 'string' ? type : type.kind;
  const base: Schema = kind === 'boolean' ? { type: 'boolean' }
    : kind === 'int' || kind === 'long' ? { type: 'integer', 'x-finite': true, 'x-safe-integer': true }
    : kind === 'double' ? { type: 'number', 'x-finite': true }
    : kind === 'dateTime' ? { 'x-date': true }
    // A parameter travels in the URL or a header, a string member in the body (base64 ones encoded first).
    : typeof type === 'string' || kind === 'base64' ? { type: 'string', 'x-unicode': true }
    : { type: 'string', 'x-xml-text': true };
  const fromType = typeof type === 'string' || type.enum === undefined ? {} : { 'x-enum': [...type.enum] };
  return { ...base, ...fromType, ...extra };
}

class SchemaBuilder {
  readonly defs: Record<string, Schema> = {};

  constructor(private readonly mode: Mode) {}

  model(shape: ModelShape): Schema {
    if (!(shape.name in this.defs)) {
      this.defs[shape.name] = {};
      this.defs[shape.name] = isPolymorphic(shape) ? this.polymorphic(shape) : this.structure(shape);
    }
    return { $ref: `#/$defs/${shape.name}` };
  }

  private polymorphic(shape: Extract<ModelShape, { discriminator: string }>): Schema {
    return {
      type: 'object',
      discriminator: { propertyName: shape.discriminator },
      required: [shape.discriminator],
      oneOf: shape.variants().map((v) => {
        const schema = this.structure(v);
        const props = schema['properties'] as Record<string, Schema>;
        props[shape.discriminator] = { const: v.discriminatorValue };
        return schema;
      }),
    };
  }

  structure(shape: Pick<StructureShape, 'members' | 'rules'>): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    const onInput = this.mode !== 'response';
    for (const m of shape.members) {
      properties[m.name] = m.const !== undefined ? { const: m.const }
        : m.readOnly && onInput ? { 'x-readOnly': true }
        : this.type(m.type, constraints(m));
      if (m.const !== undefined ? this.mode === 'wire' : m.required && onInput) required.push(m.name);
    }
    const rules = onInput && shape.rules !== undefined ? { 'x-rules': shape.rules } : {};
    return { type: 'object', properties, required, additionalProperties: false, ...rules };
  }

  type(type: TypeShape, extra: Schema = {}): Schema {
    if (type.kind === 'model') return this.model(type.model());
    if (type.kind === 'list') return { type: 'array', items: this.item(type.item) };
    return scalarSchema(type, extra);
  }

  item(item: ItemShape): Schema {
    return item.type.kind === 'model' ? this.model(item.type.model()) : scalarSchema(item.type);
  }
}

function paramProperties(op: OperationDescriptor): { properties: Record<string, Schema>; required: string[] } {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const p of op.params) {
    properties[p.name] = scalarSchema(p.type, constraints(p));
    if (p.required || p.in === 'path') required.push(p.name);
  }
  return { properties, required };
}

/** The JSON Schema of an operation's input (parameters and body members). */
export function inputSchema(op: OperationDescriptor): Schema {
  const builder = new SchemaBuilder('input');
  const { properties, required } = paramProperties(op);
  let schema: Schema = { type: 'object', properties, required, additionalProperties: false };
  const body = op.request;
  if (body && 'model' in body) {
    if (body.member !== undefined) {
      properties[body.member] = builder.model(body.model());
      required.push(body.member);
    } else {
      const shape = body.model();
      const ref = builder.model(shape);
      // Flattened body: the input is the body model plus the parameters.
      const def = builder.defs[shape.name]!;
      if (isPolymorphic(shape)) schema = { allOf: [ref], type: 'object' };
      else {
        Object.assign(properties, (def['properties'] ?? {}) as Record<string, Schema>);
        required.push(...((def['required'] ?? []) as string[]));
        if (def['x-rules'] !== undefined) schema['x-rules'] = def['x-rules'];
      }
    }
  } else if (body && 'list' in body && body.member !== undefined) {
    properties[body.member] = builder.type({ kind: 'list', wrapped: true, item: body.list });
    required.push(body.member);
  } else if (body && 'text' in body && body.member !== undefined) {
    properties[body.member] = { type: 'string', 'x-unicode': true };
    required.push(body.member);
  }
  return { ...schema, $defs: builder.defs };
}

/** The JSON Schema of a body as it arrives (a model or a list; text bodies have no rules), as a request or a response. */
function bodySchema(body: BodyShape, mode: Mode = 'wire'): Schema {
  const builder = new SchemaBuilder(mode);
  const root = 'model' in body ? builder.model(body.model()) : 'list' in body ? { type: 'array', items: builder.item(body.list) } : {};
  return { ...root, $defs: builder.defs };
}

function paramsSchema(op: OperationDescriptor): Schema {
  return { type: 'object', ...paramProperties(op), additionalProperties: false };
}

function memberSchema(member: MemberShape): Schema {
  const builder = new SchemaBuilder('wire');
  return { ...builder.structure({ members: [member] }), $defs: builder.defs };
}

/** Compiles a schema once per key (an operation, a body or a member shape), on its first use. */
function lazily<K extends object>(build: (key: K) => Schema): (key: K) => ValidateFunction {
  const compiled = new WeakMap<K, ValidateFunction>();
  return (key) => {
    let validate = compiled.get(key);
    if (validate === undefined) {
      validate = getAjv().compile(build(key));
      compiled.set(key, validate);
    }
    return validate;
  };
}

const inputValidator = lazily(inputSchema);
const bodyValidator = lazily(bodySchema);
const responseBodyValidator = lazily((body: BodyShape) => bodySchema(body, 'response'));
const paramsValidator = lazily(paramsSchema);
const memberValidator = lazily(memberSchema);

function joinPath(base: string, member: string): string {
  return base ? `${base}.${member}` : member;
}

/** ajv's `/ConfigurationSets/0/Name` as the SDK names members: `ConfigurationSets[0].Name`. */
function pathOf(instancePath: string): string {
  return instancePath.split('/').slice(1).reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : joinPath(acc, part)), '');
}

function violationOf(e: ErrorObject): Violation | undefined {
  // oneOf/discriminator branches repeat the real error of the chosen variant.
  if (e.keyword === 'oneOf' || e.keyword === 'if') return undefined;
  const path = pathOf(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const message = e.message ?? e.keyword;
  if (e.keyword === 'required') {
    const missing = String(params['missingProperty']);
    const property = ((e.parentSchema as Schema | undefined)?.['properties'] as Record<string, Schema> | undefined)?.[missing];
    // A const member that did not arrive breaks its const rule (the client fills it in; a raw request may not).
    if (property?.['const'] !== undefined) return { path: joinPath(path, missing), keyword: 'const', params: { allowedValue: property['const'] }, message };
    return { path: joinPath(path, missing), keyword: 'required', params, message };
  }
  if (e.keyword === 'additionalProperties') return { path: joinPath(path, String(params['additionalProperty'])), keyword: e.keyword, params, message };
  if (e.keyword === 'discriminator') {
    const variants = ((e.parentSchema as Schema | undefined)?.['oneOf'] as Schema[] | undefined) ?? [];
    const tag = String(params['tag']);
    const allowed = variants.map((v) => ((v['properties'] as Record<string, Schema>)[tag]?.['const']));
    return { path: joinPath(path, tag), keyword: e.keyword, params: { ...params, allowedValues: allowed }, message };
  }
  return { path, keyword: e.keyword, params, message };
}

function violationsOf(validate: ValidateFunction, value: unknown): Violation[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map(violationOf).filter((v): v is Violation => v !== undefined);
}

/** The client's wording of a broken rule. */
function inputRule(v: Violation): string {
  switch (v.keyword) {
    case 'required': return 'required';
    case 'additionalProperties': return 'unknown member';
    case 'x-finite': return 'must be a finite number';
    case 'x-safe-integer': return 'must be a safe integer (within ±(2^53 - 1))';
    case 'x-date': return 'must be a Date or an ISO 8601 string';
    case 'x-xml-text': return 'must contain only characters XML can carry (no C0 control but tab, LF and CR; no U+FFFE, U+FFFF or lone surrogate)';
    case 'x-unicode': return 'must not contain a lone surrogate (it cannot be encoded as UTF-8)';
    case 'enum': return `must be one of ${(v.params['allowedValues'] as unknown[]).join(', ')}`;
    case 'const': return `must be ${String(v.params['allowedValue'])}`;
    case 'discriminator': return 'must select a known variant';
    case 'readOnly': return 'response only: the service does not accept it';
    case 'exactlyOne':
    case 'atMostOne':
    case 'atLeastOne':
    case 'requiredIf': return v.message;
    default: return v.message;
  }
}

/** Throws ValidationError naming every problem; compiles the operation's schema on first use. */
export function validateInput(op: OperationDescriptor, input: unknown): void {
  const violations = inputViolations(op, input);
  if (violations.length === 0) return;
  const issues: ValidationIssue[] = violations.map((v) => ({ path: v.path || '(input)', rule: inputRule(v) }));
  // The same issue can come from several branches; report it once.
  throw new ValidationError(op.name, issues.filter((issue, i) => issues.findIndex((o) => o.path === issue.path && o.rule === issue.rule) === i));
}

/**
 * The rules a request body read from the wire (XML or JSON, as the typed value the client would have sent)
 * breaks; paths start at the body's root, e.g. `ExtendedProperties[0].Name`, or `[2].Name` in a list body.
 */
export function bodyViolations(body: BodyShape, value: unknown, as: 'request' | 'response' = 'request'): Violation[] {
  if ('text' in body) return [];
  return violationsOf((as === 'request' ? bodyValidator : responseBodyValidator)(body), value);
}

/** The rules an operation's typed input (parameters and body members) breaks, without throwing. */
export function inputViolations(op: OperationDescriptor, input: unknown): Violation[] {
  return violationsOf(inputValidator(op), input);
}

/** The rules typed parameter values (by spec name) break. */
export function paramViolations(op: OperationDescriptor, values: Readonly<Record<string, unknown>>): Violation[] {
  return violationsOf(paramsValidator(op), values);
}

/** Whether one member's value keeps its rules, e.g. to tell whether a name would be accepted. */
export function memberAccepts(member: MemberShape, value: unknown): boolean {
  return violationsOf(memberValidator(member), { [member.name]: value }).length === 0;
}
