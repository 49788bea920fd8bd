/**
 * Input validation with ajv. The JSON Schema of an operation's input is derived from its shapes (parameters plus
 * the body's members) and compiled on first use only, so start-up pays for nothing.
 */
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { ajv as loadAjv } from './deferred-modules.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import {
  isPolymorphic, type Constraints, type ItemShape, type MemberShape, type ModelShape, type OperationDescriptor,
  type ParamShape, type ScalarShape, type TypeShape,
} from './shapes.js';

type Schema = Record<string, unknown>;

let ajv: Ajv | undefined;
function getAjv(): Ajv {
  if (ajv) return ajv;
  ajv = new (loadAjv().Ajv)({ allErrors: true, strict: false, discriminator: true, code: { optimize: false } });
  // A dateTime member takes a Date or an ISO 8601 string.
  // JSON Schema's number and integer admit Infinity (Infinity % 1 is NaN, which ajv's integer test lets by); the
  // wire cannot carry it.
  ajv.addKeyword({
    keyword: 'x-finite',
    errors: false,
    validate: (_schema: unknown, data: unknown) => typeof data !== 'number' || Number.isFinite(data),
  });
  ajv.addKeyword({
    keyword: 'x-date',
    errors: false,
    validate: (_schema: unknown, data: unknown) =>
      (data instanceof Date && !Number.isNaN(data.getTime())) || (typeof data === 'string' && !Number.isNaN(Date.parse(data))),
  });
  return ajv;
}

function constraints(c: Constraints & { enum?: readonly string[] }): Schema {
  const s: Schema = {};
  if (c.minimum !== undefined) s['minimum'] = c.minimum;
  if (c.maximum !== undefined) s['maximum'] = c.maximum;
  if (c.minLength !== undefined) s['minLength'] = c.minLength;
  if (c.maxLength !== undefined) s['maxLength'] = c.maxLength;
  if (c.pattern !== undefined) s['pattern'] = c.pattern;
  if (c.enum !== undefined) s['enum'] = [...c.enum];
  return s;
}

function scalarSchema(type: ScalarShape | ParamShape['type'], extra: Schema = {}): Schema {
  const kind = typeof type === 'string' ? type : type.kind;
  const base: Schema = kind === 'boolean' ? { type: 'boolean' }
    : kind === 'int' || kind === 'long' ? { type: 'integer', 'x-finite': true }
    : kind === 'double' ? { type: 'number', 'x-finite': true }
    : kind === 'dateTime' ? { 'x-date': true }
    : { type: 'string' };
  const fromType = typeof type === 'string' || type.enum === undefined ? {} : { enum: [...type.enum] };
  return { ...base, ...fromType, ...extra };
}

class SchemaBuilder {
  readonly defs: Record<string, Schema> = {};

  model(shape: ModelShape): Schema {
    if (!(shape.name in this.defs)) {
      this.defs[shape.name] = {};
      this.defs[shape.name] = isPolymorphic(shape) ? this.polymorphic(shape) : this.structure(shape.members);
    }
    return { $ref: `#/$defs/${shape.name}` };
  }

  private polymorphic(shape: Extract<ModelShape, { discriminator: string }>): Schema {
    return {
      type: 'object',
      discriminator: { propertyName: shape.discriminator },
      required: [shape.discriminator],
      oneOf: shape.variants().map((v) => {
        const schema = this.structure(v.members);
        const props = schema['properties'] as Record<string, Schema>;
        props[shape.discriminator] = { const: v.discriminatorValue };
        return schema;
      }),
    };
  }

  structure(members: readonly MemberShape[]): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const m of members) {
      properties[m.name] = m.const !== undefined ? { const: m.const } : this.type(m.type, constraints(m));
      if (m.required && m.const === undefined) required.push(m.name);
    }
    return { type: 'object', properties, required, additionalProperties: false };
  }

  type(type: TypeShape, extra: Schema = {}): Schema {
    if (type.kind === 'model') return this.model(type.model());
    if (type.kind === 'list') return { type: 'array', items: this.item(type.item) };
    return scalarSchema(type, extra);
  }

  private item(item: ItemShape): Schema {
    return item.type.kind === 'model' ? this.model(item.type.model()) : scalarSchema(item.type);
  }
}

/** The JSON Schema of an operation's input (parameters and body members). */
export function inputSchema(op: OperationDescriptor): Schema {
  const builder = new SchemaBuilder();
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const p of op.params) {
    properties[p.name] = scalarSchema(p.type, constraints(p));
    if (p.required || p.in === 'path') required.push(p.name);
  }
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
      }
    }
  } else if (body && 'list' in body && body.member !== undefined) {
    properties[body.member] = builder.type({ kind: 'list', wrapped: true, item: body.list });
    required.push(body.member);
  } else if (body && 'text' in body && body.member !== undefined) {
    properties[body.member] = { type: 'string' };
    required.push(body.member);
  }
  return { ...schema, $defs: builder.defs };
}

const compiled = new WeakMap<OperationDescriptor, ValidateFunction>();

function issuesOf(errors: ErrorObject[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const e of errors) {
    // oneOf/discriminator branches repeat the real error of the chosen variant.
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const path = e.instancePath.split('/').slice(1).reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') issues.push({ path: path ? `${path}.${String(params['missingProperty'])}` : String(params['missingProperty']), rule: 'required' });
    else if (e.keyword === 'additionalProperties') issues.push({ path: path ? `${path}.${String(params['additionalProperty'])}` : String(params['additionalProperty']), rule: 'unknown member' });
    else if (e.keyword === 'x-finite') issues.push({ path: path || '(input)', rule: 'must be a finite number' });
    else if (e.keyword === 'x-date') issues.push({ path: path || '(input)', rule: 'must be a Date or an ISO 8601 string' });
    else if (e.keyword === 'enum') issues.push({ path: path || '(input)', rule: `must be one of ${(params['allowedValues'] as unknown[]).join(', ')}` });
    else if (e.keyword === 'const') issues.push({ path: path || '(input)', rule: `must be ${String(params['allowedValue'])}` });
    else if (e.keyword === 'discriminator') issues.push({ path: path ? `${path}.${String(params['tag'])}` : String(params['tag']), rule: 'must select a known variant' });
    else issues.push({ path: path || '(input)', rule: e.message ?? e.keyword });
  }
  // The same issue can come from several branches; report it once.
  return issues.filter((issue, i) => issues.findIndex((o) => o.path === issue.path && o.rule === issue.rule) === i);
}

/** Throws ValidationError naming every problem; compiles the operation's schema on first use. */
export function validateInput(op: OperationDescriptor, input: unknown): void {
  let validate = compiled.get(op);
  if (validate === undefined) {
    validate = getAjv().compile(inputSchema(op));
    compiled.set(op, validate);
  }
  if (!validate(input)) throw new ValidationError(op.name, issuesOf(validate.errors ?? []));
}
