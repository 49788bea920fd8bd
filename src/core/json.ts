/**
 * The JSON form of a body (the seeds' serializetype JSON): the same object as the typed value, except that base64
 * members stay base64-encoded strings and dates are ISO 8601 strings, so that the wire carries what the XML
 * carries. Scalars go through codec.ts, as in the XML path. Used by the client and by the emulator.
 */
import { ValueFormatError, canonicalEnum, formatScalar, isBase64, isEmptyDate, parseScalar } from './codec.js';
import type { ValidationIssue as Issue } from './errors.js';
import {
  isPolymorphic, variantFor, variantNames, type BodyShape, type ItemShape, type MemberShape, type ModelShape, type ScalarShape, type StructureShape,
} from './shapes.js';
import { structureToWrite } from './xml.js';

/** The variant a value selects, or an issue naming the discriminator's values. */
function structureFor(shape: ModelShape, value: Record<string, unknown>, path: string, issues: Issue[]): StructureShape | undefined {
  const structure = variantFor(shape, isPolymorphic(shape) ? value[shape.discriminator] : undefined);
  if (structure === undefined && isPolymorphic(shape)) {
    issues.push({ path: `${path}.${shape.discriminator}`, rule: `must be one of ${variantNames(shape)} (rule: discriminator)` });
  }
  return structure;
}

export interface JsonReadOptions {
  /** Members the spec does not know: an issue (requests) or ignored (responses, for forward compatibility). */
  unknownMembers?: 'report' | 'ignore';
  /** Enum values in any case read as the spec spells them, as the service read requests. */
  enumsIgnoreCase?: boolean;
}

// ---------------------------------------------------------------------------------------------- typed → JSON

function scalarToJson(type: ScalarShape, value: unknown): unknown {
  if (type.kind === 'base64' || type.kind === 'dateTime') return formatScalar(type, value);
  return value;
}

function itemToJson(item: ItemShape, value: unknown): unknown {
  return item.type.kind === 'model' ? modelToJson(item.type.model(), value) : scalarToJson(item.type, value);
}

function memberToJson(member: MemberShape, value: unknown): unknown {
  const type = member.type;
  if (type.kind === 'model') return modelToJson(type.model(), value);
  if (type.kind === 'list') return (value as unknown[]).map((v) => itemToJson(type.item, v));
  return scalarToJson(type, value);
}

function modelToJson(shape: ModelShape, value: unknown): Record<string, unknown> {
  const record = value as Record<string, unknown>;
  const structure = structureToWrite(shape, record, '');
  const out: Record<string, unknown> = {};
  for (const member of structure.members) {
    const v = member.const ?? record[member.name];
    if (v !== undefined && v !== null) out[member.name] = memberToJson(member, v);
  }
  return out;
}

/** A response body as JSON text. */
export function writeJsonBody(body: BodyShape, value: unknown): string {
  if ('model' in body) return JSON.stringify(modelToJson(body.model(), value));
  if ('list' in body) return JSON.stringify((value as unknown[]).map((v) => itemToJson(body.list, v)));
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------- JSON → typed

function scalarFromJson(type: ScalarShape, value: unknown, path: string, issues: Issue[], options: JsonReadOptions): unknown {
  const expect = (what: string) => { issues.push({ path, rule: `expected ${what} (rule: type ${type.kind})` }); return undefined; };
  switch (type.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? value : expect('true or false');
    case 'int':
    case 'long':
      // JSON.parse has already rounded a long past 2^53: such a value is refused, as in XML (codec.ts).
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : expect('an integer within ±(2^53 - 1)');
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? value : expect('a number');
    case 'string':
      if (typeof value !== 'string') return expect('a string');
      return options.enumsIgnoreCase ? canonicalEnum(type.enum, value) : value;
    case 'base64':
      if (typeof value !== 'string' || !isBase64(value)) return expect('a base64-encoded string');
      return parseScalar(type, value);
    case 'dateTime':
      if (typeof value !== 'string') return expect('an ISO 8601 date string');
      try {
        return parseScalar(type, value);
      } catch (err) {
        if (err instanceof ValueFormatError) return expect('an ISO 8601 date string');
        throw err;
      }
  }
}

function itemFromJson(item: ItemShape, value: unknown, path: string, issues: Issue[], options: JsonReadOptions): unknown {
  return item.type.kind === 'model' ? modelFromJson(item.type.model(), value, path, issues, options) : scalarFromJson(item.type, value, path, issues, options);
}

function memberFromJson(member: MemberShape, value: unknown, path: string, issues: Issue[], options: JsonReadOptions): unknown {
  const type = member.type;
  if (type.kind === 'model') return modelFromJson(type.model(), value, path, issues, options);
  if (type.kind !== 'list') return scalarFromJson(type, value, path, issues, options);
  if (!Array.isArray(value)) {
    issues.push({ path, rule: 'expected an array (rule: type list)' });
    return undefined;
  }
  return value.map((v, i) => itemFromJson(type.item, v, `${path}[${i}]`, issues, options));
}

function modelFromJson(shape: ModelShape, value: unknown, path: string, issues: Issue[], options: JsonReadOptions): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ path, rule: 'expected an object (rule: type model)' });
    return undefined;
  }
  const input = value as Record<string, unknown>;
  const structure = structureFor(shape, input, path, issues);
  if (structure === undefined) return undefined;
  const known = new Set(structure.members.map((m) => m.name));
  for (const key of options.unknownMembers === 'ignore' ? [] : Object.keys(input)) {
    if (!known.has(key)) issues.push({ path: `${path}.${key}`, rule: 'is not a member of the spec (rule: unknown member)' });
  }
  const out: Record<string, unknown> = {};
  for (const member of structure.members) {
    const v = input[member.name];
    if (v === undefined || v === null) continue;
    // An empty date ("") reads as absent, as in XML (codec.ts, isEmptyDate).
    if (typeof v === 'string' && member.type.kind !== 'model' && member.type.kind !== 'list' && isEmptyDate(member.type, v)) continue;
    const typed = memberFromJson(member, v, `${path}.${member.name}`, issues, options);
    if (typed !== undefined) out[member.name] = typed;
  }
  return out;
}

/** Reads a JSON request body into the typed value, collecting every issue (paths start with the root element). */
export function readJsonBody(body: BodyShape, json: unknown, issues: Issue[], options: JsonReadOptions = {}): unknown {
  if ('model' in body) return modelFromJson(body.model(), json, body.element, issues, options);
  if ('list' in body) {
    if (!Array.isArray(json)) {
      issues.push({ path: body.element, rule: 'expected an array (rule: type list)' });
      return [];
    }
    return json.map((v, i) => itemFromJson(body.list, v, `${body.element}.${body.list.element}[${i}]`, issues, options));
  }
  if (typeof json !== 'string') issues.push({ path: body.element, rule: 'expected a string (rule: type text)' });
  return json;
}
