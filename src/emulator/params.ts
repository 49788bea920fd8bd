/**
 * Reads an operation's path, query and header parameters from a matched request into typed values, refusing
 * what the spec does not allow (the service answered 400 for a bad or missing query value). Enum values match in
 * any case, as the service matched them; handlers get the spec's spelling.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { queryValue } from './router.js';
import { ValueFormatError, canonicalEnum, parseScalar } from '../core/codec.js';
import type { OperationDescriptor, ParamShape } from '../core/shapes.js';
import { paramViolations } from '../core/validation.js';
import { ApiError, errors } from './api-error.js';
import { requirementOf } from '../core/rule-wording.js';

function invalidQuery(message: string): ApiError {
  return new ApiError(400, 'MissingOrInvalidRequiredQueryParameter', message);
}

function rawValue(p: ParamShape, pathParams: Record<string, string>, query: URLSearchParams, headers: IncomingHttpHeaders): string | undefined {
  const wire = p.wireName ?? p.name;
  if (p.in === 'path') return pathParams[p.name];
  if (p.in === 'query') return queryValue(query, wire);
  const header = headers[wire.toLowerCase()];
  return Array.isArray(header) ? header.join(',') : header;
}

function failure(p: ParamShape, raw: string, rule: string): ApiError {
  const wire = p.wireName ?? p.name;
  return p.in === 'query' ? invalidQuery(`The value "${raw}" of query parameter ${wire} is not valid: ${rule}.`)
    : errors.badRequest(`The value of ${p.in} parameter ${wire} is not valid: ${rule}.`);
}

/** Wire text → typed value, through the codec the XML and JSON readers use. */
function convert(p: ParamShape, raw: string): unknown {
  if (p.type === 'boolean' && p.value !== undefined) {
    // A flag is sent as key=value (comp=media) and means true; absent, it is false.
    if (raw.toLowerCase() === p.value.toLowerCase()) return true;
    throw failure(p, raw, `expected ${p.wireName ?? p.name}=${p.value}`);
  }
  try {
    return parseScalar({ kind: p.type }, canonicalEnum(p.enum, raw));
  } catch (err) {
    if (err instanceof ValueFormatError) throw failure(p, raw, err.message);
    throw err;
  }
}

/**
 * Typed parameter values by name. `actionKeys` are query keys that select an action somewhere in the spec
 * (comp, action, op...): one of them with a value this operation does not know is refused rather than ignored,
 * since ignoring it would run a different action than the client asked for.
 */
export function readParams(
  op: OperationDescriptor, pathParams: Record<string, string>, query: URLSearchParams, headers: IncomingHttpHeaders,
  actionKeys: ReadonlySet<string>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const raws = new Map<string, string>();
  for (const p of op.params) {
    const raw = rawValue(p, pathParams, query, headers);
    if (raw === undefined || (raw === '' && p.in !== 'path')) {
      if (p.required && p.in === 'query') throw invalidQuery(`The query parameter ${p.wireName ?? p.name} is required.`);
      if (p.required) throw errors.badRequest(`The ${p.in} parameter ${p.wireName ?? p.name} is required.`);
      if (p.type === 'boolean' && p.value !== undefined) values[p.name] = false;
      continue;
    }
    values[p.name] = convert(p, raw);
    raws.set(p.name, raw);
  }
  // Ranges and enums: the rules the client checked before sending, by the same validator.
  const broken = paramViolations(op, values)[0];
  if (broken !== undefined) {
    const p = op.params.find((q) => q.name === broken.path)!;
    throw failure(p, raws.get(p.name) ?? '', requirementOf(broken));
  }
  checkActionKeys(op, query, actionKeys);
  return values;
}

function checkActionKeys(op: OperationDescriptor, query: URLSearchParams, actionKeys: ReadonlySet<string>): void {
  const known = new Set([
    ...Object.keys(op.fixedQuery ?? {}).map((k) => k.toLowerCase()),
    ...op.params.filter((p) => p.in === 'query').map((p) => (p.wireName ?? p.name).toLowerCase()),
  ]);
  for (const [key, value] of query) {
    const lower = key.toLowerCase();
    if (actionKeys.has(lower) && !known.has(lower)) {
      throw invalidQuery(`The query parameter ${key}=${value} is not valid for ${op.method} on this resource.`);
    }
  }
}

/**
 * The query keys that select an action somewhere in the spec: fixedQuery keys (comp=config, action=...) and the
 * keys of boolean flags sent as key=value (comp=media).
 */
export function actionQueryKeys(operations: readonly OperationDescriptor[]): Set<string> {
  return new Set(operations.flatMap((op) => [
    ...Object.keys(op.fixedQuery ?? {}),
    ...op.params.filter((p) => p.in === 'query' && p.value !== undefined).map((p) => p.wireName ?? p.name),
  ].map((k) => k.toLowerCase())));
}
