/**
 * Reads an operation's path, query and header parameters from a matched request into typed values, refusing
 * what the spec does not allow (the service answered 400 for a bad or missing query value).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { queryValue } from './router.js';
import type { OperationDescriptor, ParamShape } from '../core/shapes.js';
import { ApiError, errors } from './api-error.js';

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

function convert(p: ParamShape, raw: string): unknown {
  const wire = p.wireName ?? p.name;
  const fail = (rule: string) => (p.in === 'query' ? invalidQuery(`The value "${raw}" of query parameter ${wire} is not valid: ${rule}.`)
    : errors.badRequest(`The value of ${p.in} parameter ${wire} is not valid: ${rule}.`));
  switch (p.type) {
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (p.value !== undefined) {
        if (lower === p.value.toLowerCase()) return true;
        throw fail(`expected ${wire}=${p.value}`);
      }
      if (lower === 'true' || lower === 'false') return lower === 'true';
      throw fail('expected true or false');
    }
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) throw fail('expected an integer');
      const n = Number(raw);
      if (p.minimum !== undefined && n < p.minimum) throw fail(`must be >= ${p.minimum}`);
      if (p.maximum !== undefined && n > p.maximum) throw fail(`must be <= ${p.maximum}`);
      return n;
    }
    case 'dateTime': {
      const d = new Date(raw);
      if (Number.isNaN(d.getTime())) throw fail('expected an ISO 8601 date');
      return d;
    }
    case 'string': {
      if (p.enum === undefined) return raw;
      // The service matched these case-insensitively (Python's guide asks for slot 'production'); handlers get the spec's spelling.
      const known = p.enum.find((e) => e.toLowerCase() === raw.toLowerCase());
      if (known === undefined) throw fail(`must be one of ${p.enum.join(', ')}`);
      return known;
    }
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
  for (const p of op.params) {
    const raw = rawValue(p, pathParams, query, headers);
    if (raw === undefined || (raw === '' && p.in !== 'path')) {
      if (p.required && p.in === 'query') throw invalidQuery(`The query parameter ${p.wireName ?? p.name} is required.`);
      if (p.required) throw errors.badRequest(`The ${p.in} parameter ${p.wireName ?? p.name} is required.`);
      if (p.type === 'boolean' && p.value !== undefined) values[p.name] = false;
      continue;
    }
    values[p.name] = convert(p, raw);
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
