/**
 * Ways to break a valid input, one rule at a time: drop a required field, give a field a value of the wrong type,
 * step outside a constraint, add an unknown field, or give a path or query parameter a hostile value (`/`, `..`,
 * `?`, `#`, spaces, non-ASCII, percent-escapes, control characters). The first four must be refused by validation
 * naming the field; the hostile parameters may be refused or sent, but only ever encoded into their own place.
 */
import fc from 'fast-check';
import type { OperationDescriptor, ScalarKind } from '../../../src/core/shapes.js';
import { DELETE, formatPath, withValue, type Field, type PathPart } from './fields.js';

export type MutationKind = 'missing' | 'wrong-type' | 'out-of-range' | 'unknown-field' | 'unencodable' | 'hostile-path' | 'hostile-query' | 'valid';

export interface Mutation {
  kind: MutationKind;
  /** The field the ValidationError must name (for refused kinds), or the parameter under test. */
  field?: string;
  input: Record<string, unknown>;
  /** True when the SDK must refuse the input; false when refusing (naming the field) and sending are both fine. */
  mustRefuse: boolean;
}

export const HOSTILE_VALUES = [
  'a/b', '..', '.', '../../../x', '?comp=media', 'x?y=1', '#frag', 'sp ace', 'é字😀', '%2e%2e', '%2F', '..%2F..', '',
  'a\r\nX-Injected: 1', '\u0000', 'C:\\x', 'a;b=c', '&x=1', '+plus', '//', 'x'.repeat(2_000),
];

/** Text no request can carry: characters XML 1.0 forbids (body text only) and lone surrogates (anywhere). */
export const NOT_XML_TEXT = ['a\u0000b', 'a\u000bb', '\u001b[0m', 'x\uffff', 'x\ufffe'];
export const LONE_SURROGATES = ['a\ud800b', '\udc00', 'x\ud83d'];

/** The unencodable values for a field: XML-forbidden characters only where they would go into XML text. */
function unencodable(field: Field): string[] {
  const kind = scalarKind(field);
  if (kind === 'string' && field.type.kind !== 'param' && field.raw !== true && !('enum' in field.type && field.type.enum !== undefined)) return [...NOT_XML_TEXT, ...LONE_SURROGATES];
  return kind === 'string' || kind === 'base64' ? LONE_SURROGATES : [];
}

function scalarKind(field: Field): ScalarKind | 'model' | 'list' {
  if (field.type.kind === 'param') return field.type.type === 'int' ? 'int' : field.type.type;
  return field.type.kind;
}

/** Values of the wrong JSON type for a field (never one the schema could accept). */
function wrongValues(field: Field): unknown[] {
  switch (scalarKind(field)) {
    case 'string': case 'base64': return [12_345, true, {}, ['x']];
    case 'int': case 'long': return ['12', 1.5, Number.NaN, Number.POSITIVE_INFINITY, true];
    case 'double': return ['1.5', Number.NaN, Number.POSITIVE_INFINITY, {}];
    case 'boolean': return ['true', 1, 'yes'];
    case 'dateTime': return [12_345, 'not a date', {}, true];
    case 'model': return ['text', ['x'], 5];
    case 'list': return [{}, 'x', 5];
  }
}

/** Values just outside the field's constraints, or none when it has none. */
function outOfRange(field: Field): unknown[] {
  const rules = field.member ?? field.param;
  if (rules === undefined) return [];
  const values: unknown[] = [];
  if (rules.maxLength !== undefined) values.push('x'.repeat(rules.maxLength + 1));
  if (rules.minLength !== undefined && rules.minLength > 0) values.push('x'.repeat(rules.minLength - 1));
  if (rules.maximum !== undefined) values.push(rules.maximum + 1);
  if (rules.minimum !== undefined) values.push(rules.minimum - 1);
  const allowed = field.param?.enum ?? (field.type.kind !== 'param' && 'enum' in field.type ? field.type.enum : undefined);
  if (allowed !== undefined) values.push('NotAnAllowedValue');
  if (rules.pattern !== undefined && !new RegExp(rules.pattern).test('!! !!')) values.push('!! !!');
  return values;
}

export function mutationArbitrary(op: OperationDescriptor, base: Record<string, unknown>, fields: Field[]): fc.Arbitrary<Mutation> {
  const pick = <T>(items: T[]) => fc.constantFrom(...items);
  const required = fields.filter((f) => f.required && !(f.param?.in === 'path'));
  const withRange = fields.filter((f) => outOfRange(f).length > 0);
  const objects = [[] as PathPart[], ...fields.filter((f) => f.type.kind === 'model').map((f) => f.path)];
  const pathParams = op.params.filter((p) => p.in === 'path' && p.type === 'string');
  const queryParams = op.params.filter((p) => p.in === 'query' && p.type === 'string' && p.enum === undefined);
  const options: Array<fc.Arbitrary<Mutation>> = [fc.constant({ kind: 'valid' as const, input: base, mustRefuse: false })];
  if (required.length > 0) options.push(pick(required).map((f) => ({ kind: 'missing' as const, field: formatPath(f.path), input: withValue(base, f.path, DELETE), mustRefuse: true })));
  if (fields.length > 0) {
    options.push(pick(fields).chain((f) => pick(wrongValues(f)).map((v) => ({ kind: 'wrong-type' as const, field: formatPath(f.path), input: withValue(base, f.path, v), mustRefuse: true }))));
  }
  if (withRange.length > 0) {
    options.push(pick(withRange).chain((f) => pick(outOfRange(f)).map((v) => ({ kind: 'out-of-range' as const, field: formatPath(f.path), input: withValue(base, f.path, v), mustRefuse: true }))));
  }
  const textFields = fields.filter((f) => unencodable(f).length > 0);
  if (textFields.length > 0) {
    options.push(pick(textFields).chain((f) => pick(unencodable(f)).map((v) => ({ kind: 'unencodable' as const, field: formatPath(f.path), input: withValue(base, f.path, v), mustRefuse: true }))));
  }
  options.push(fc.tuple(pick(objects), fc.constantFrom('Unknown', 'serviceName', '__proto__', 'constructor')).map(([at, name]) => ({
    kind: 'unknown-field' as const, field: formatPath([...at, name]), input: withValue(base, [...at, name], 'surprise'), mustRefuse: true,
  })));
  if (pathParams.length > 0) {
    options.push(fc.tuple(pick(pathParams), pick(HOSTILE_VALUES)).map(([p, v]) => ({ kind: 'hostile-path' as const, field: p.name, input: { ...base, [p.name]: v }, mustRefuse: false })));
  }
  if (queryParams.length > 0) {
    options.push(fc.tuple(pick(queryParams), pick(HOSTILE_VALUES)).map(([p, v]) => ({ kind: 'hostile-query' as const, field: p.name, input: { ...base, [p.name]: v }, mustRefuse: false })));
  }
  return fc.oneof(...options);
}
