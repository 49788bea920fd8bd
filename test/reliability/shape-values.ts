/**
 * fast-check arbitraries of typed values, derived from the runtime's shapes: valid inputs for any operation (all
 * required members, within the spec's constraints) and valid response values (any subset of members), in the form
 * the runtime hands back — Dates for dateTime, decoded strings for base64. The suites mutate these or serialize
 * them, so that every case starts from something the spec calls correct.
 */
import fc from 'fast-check';
import {
  isPolymorphic, type ItemShape, type MemberShape, type ModelShape, type OperationDescriptor, type ParamShape,
  type ScalarShape, type StructureShape, type TypeShape,
} from '../../src/core/shapes.js';

export type ValueMode = 'input' | 'response';

/** Text that exercises escaping and encoding: XML specials, quotes, accents, CJK, astral characters. */
const UNIT = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('<', '>', '&', '"', "'", 'é', 'ß', '字', '😀', ']]>', '&amp;') },
);

const MAX_LIST = 3;

interface Limits {
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  enum?: readonly string[];
}

function text(limits: Limits, mode: ValueMode): fc.Arbitrary<string> {
  if (limits.enum !== undefined && limits.enum.length > 0) return fc.constantFrom(...limits.enum);
  const min = limits.minLength ?? 0;
  const max = Math.max(min, Math.min(limits.maxLength ?? 24, 24));
  if (limits.pattern !== undefined) {
    return fc.stringMatching(new RegExp(limits.pattern)).filter((s) => s.length >= min && s.length <= (limits.maxLength ?? Infinity));
  }
  const arb = fc.string({ unit: UNIT, minLength: min, maxLength: max });
  // The reader trims XML white space off text nodes, so a response value is generated already trimmed.
  return mode === 'response' ? arb.map((s) => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')) : arb;
}

export function scalarArbitrary(kind: ScalarShape['kind'], limits: Limits, mode: ValueMode): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'string':
    case 'base64':
      return text(limits, mode);
    case 'int':
      return fc.integer({ min: limits.minimum ?? -(2 ** 31), max: limits.maximum ?? 2 ** 31 - 1 });
    case 'long':
      return fc.integer({ min: limits.minimum ?? Number.MIN_SAFE_INTEGER, max: limits.maximum ?? Number.MAX_SAFE_INTEGER });
    case 'double':
      // -0 is written as "0": keep it out so that a round trip compares equal.
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: limits.minimum ?? -1e12, max: limits.maximum ?? 1e12 }).map((n) => (n === 0 ? 0 : n));
    case 'boolean':
      return fc.boolean();
    case 'dateTime':
      return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true });
  }
}

export class ValueArbitraries {
  readonly #memo = new Map<string, fc.Arbitrary<Record<string, unknown>>>();

  constructor(readonly mode: ValueMode, readonly maxDepth = 3) {}

  model(shape: ModelShape, depth = 0): fc.Arbitrary<Record<string, unknown>> {
    const key = `${shape.name}|${depth}`;
    let arb = this.#memo.get(key);
    if (arb) return arb;
    arb = isPolymorphic(shape)
      ? fc.oneof(...shape.variants().map((v) => this.#structure(v, depth).map((r) => ({ ...r, [shape.discriminator]: v.discriminatorValue }))))
      : this.#structure(shape, depth);
    this.#memo.set(key, arb);
    return arb;
  }

  type(type: TypeShape, limits: Limits, depth: number): fc.Arbitrary<unknown> {
    if (type.kind === 'model') return this.model(type.model(), depth + 1);
    if (type.kind === 'list') {
      // An unwrapped list with no items has no element at all, and reads back as absent.
      const minLength = !type.wrapped && this.mode === 'response' ? 1 : 0;
      return fc.array(this.item(type.item, depth), { minLength, maxLength: MAX_LIST });
    }
    return scalarArbitrary(type.kind, { ...limits, ...(type.enum ? { enum: type.enum } : {}) }, this.mode);
  }

  item(item: ItemShape, depth: number): fc.Arbitrary<unknown> {
    return item.type.kind === 'model' ? this.model(item.type.model(), depth + 1) : scalarArbitrary(item.type.kind, item.type.enum ? { enum: item.type.enum } : {}, this.mode);
  }

  #structure(structure: StructureShape, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const fields: Record<string, fc.Arbitrary<unknown>> = {};
    const required: string[] = [];
    for (const member of structure.members) {
      if (member.const !== undefined) {
        // The writer fills const members itself; the reader hands them back.
        if (this.mode === 'response') {
          fields[member.name] = fc.constant(member.const);
          required.push(member.name);
        }
        continue;
      }
      // A response-only member is refused on input (ValidationError `readOnly`): a valid input leaves it out.
      if (member.readOnly === true && this.mode === 'input') continue;
      const needed = this.mode === 'input' && member.required === true;
      // Below maxDepth only what is required nests further, so that values stay small.
      if (!needed && depth >= this.maxDepth && (member.type.kind === 'model' || member.type.kind === 'list')) continue;
      fields[member.name] = this.type(member.type, limitsOf(member), depth);
      if (needed) required.push(member.name);
    }
    // Plain objects, as the reader builds them (fast-check may otherwise make null-prototype ones).
    return fc.record(fields, { requiredKeys: required, noNullPrototype: true });
  }
}

function limitsOf(member: MemberShape | ParamShape): Limits {
  const limits: Limits = {};
  if (member.minLength !== undefined) limits.minLength = member.minLength;
  if (member.maxLength !== undefined) limits.maxLength = member.maxLength;
  if (member.minimum !== undefined) limits.minimum = member.minimum;
  if (member.maximum !== undefined) limits.maximum = member.maximum;
  if (member.pattern !== undefined) limits.pattern = member.pattern;
  if ('enum' in member && member.enum !== undefined) limits.enum = member.enum;
  return limits;
}

/** A plain path segment: what a resource name usually looks like. */
export const SEGMENT = fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/);

export function paramArbitrary(param: ParamShape): fc.Arbitrary<unknown> {
  if (param.value !== undefined) return fc.boolean();
  if (param.in === 'path' && param.type === 'string' && param.enum === undefined && param.pattern === undefined) return SEGMENT;
  const kind = param.type === 'int' ? 'int' : param.type;
  return scalarArbitrary(kind, limitsOf(param), 'input');
}

/** A valid input of an operation: its parameters plus its body (flattened, or under the body's member). */
export function inputArbitrary(op: OperationDescriptor, values: ValueArbitraries): fc.Arbitrary<Record<string, unknown>> {
  const params: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const p of op.params) {
    params[p.name] = paramArbitrary(p);
    if (p.required || p.in === 'path') required.push(p.name);
  }
  const paramRecord = fc.record(params, { requiredKeys: required, noNullPrototype: true });
  const body = op.request;
  if (body === undefined) return paramRecord;
  let bodyArb: fc.Arbitrary<Record<string, unknown>>;
  if ('model' in body) {
    const model = values.model(body.model());
    bodyArb = body.member === undefined ? model : model.map((m) => ({ [body.member!]: m }));
  } else if ('list' in body) {
    bodyArb = fc.array(values.item(body.list, 0), { maxLength: MAX_LIST }).map((items) => ({ [body.member ?? body.element]: items }));
  } else {
    bodyArb = text({}, 'input').map((t) => ({ [body.member ?? body.element]: t }));
  }
  return fc.tuple(paramRecord, bodyArb).map(([p, b]) => ({ ...b, ...p }));
}
