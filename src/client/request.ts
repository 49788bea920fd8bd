/**
 * Turns an operation and its input into the pieces of an HTTP request: path with encoded parameters, query,
 * headers and body. Path parameters are encoded segment by segment, and "." or ".." are refused, so no input can
 * reach another path.
 */
import { ValueFormatError, formatScalar } from '../core/codec.js';
import { ValidationError } from '../core/errors.js';
import { writeJsonBody } from '../core/json.js';
import type { BodyShape, OperationDescriptor, ParamShape } from '../core/shapes.js';
import { writeXmlBody } from '../core/xml.js';

export type SerializeType = 'xml' | 'json';

export interface PreparedRequest {
  method: OperationDescriptor['method'];
  /** Path and query, starting with "/". */
  pathAndQuery: string;
  headers: Record<string, string>;
  body?: string;
}

/** A parameter's wire text; a value that has none (validation off) is a ValidationError naming the parameter. */
function paramText(operation: string, param: ParamShape, value: unknown): string {
  try {
    return formatScalar({ kind: param.type === 'int' ? 'int' : param.type }, value);
  } catch (err) {
    if (err instanceof ValueFormatError) throw new ValidationError(operation, [{ path: param.name, rule: err.message }]);
    throw err;
  }
}

/** Percent-encoded text; a lone surrogate (which encodeURIComponent refuses with a URIError) is a ValidationError. */
function encodeText(operation: string, name: string, text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new ValidationError(operation, [{ path: name, rule: 'must not contain a lone surrogate (it cannot be encoded as UTF-8)' }]);
  }
}

function encodeSegment(operation: string, name: string, text: string): string {
  if (text === '') throw new ValidationError(operation, [{ path: name, rule: 'must not be empty' }]);
  if (text === '.' || text === '..') throw new ValidationError(operation, [{ path: name, rule: 'must not be "." or ".."' }]);
  return encodeText(operation, name, text);
}

/** Header values are Latin-1 text without CR or LF (undici refuses anything else with an untyped error). */
function headerText(operation: string, name: string, text: string): string {
  if (/[^\t\x20-\x7e\x80-\xff]/.test(text)) throw new ValidationError(operation, [{ path: name, rule: 'must hold only printable Latin-1 characters (it travels in an HTTP header)' }]);
  return text;
}

/** An operation's path and query, split once: literal text, the parameters between it, and the fixed query. */
interface PathTemplate {
  /** Literal pieces; placeholder i sits between literals[i] and literals[i + 1]. */
  literals: string[];
  /** Per placeholder: the parameter, or undefined for the subscription id. */
  placeholders: Array<{ name: string; param: ParamShape | undefined }>;
  /** The fixed query, already encoded. */
  fixedQuery: string[];
  queryParams: ParamShape[];
}

const templates = new WeakMap<OperationDescriptor, PathTemplate>();

function templateOf(op: OperationDescriptor): PathTemplate {
  let template = templates.get(op);
  if (template) return template;
  const pieces = op.path.split(/\{([^}]+)\}/);
  const placeholders: PathTemplate['placeholders'] = [];
  for (let i = 1; i < pieces.length; i += 2) {
    const name = pieces[i]!;
    placeholders.push({ name, param: name === 'subscriptionId' ? undefined : op.params.find((p) => p.name === name)! });
  }
  template = {
    literals: pieces.filter((_, i) => i % 2 === 0),
    placeholders,
    fixedQuery: Object.entries(op.fixedQuery ?? {}).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
    queryParams: op.params.filter((p) => p.in === 'query'),
  };
  templates.set(op, template);
  return template;
}

export function buildPathAndQuery(op: OperationDescriptor, subscriptionId: string, input: Record<string, unknown>): string {
  const { literals, placeholders, fixedQuery, queryParams } = templateOf(op);
  let path = literals[0]!;
  for (let i = 0; i < placeholders.length; i++) {
    const { name, param } = placeholders[i]!;
    if (param === undefined) {
      path += encodeSegment(op.name, 'subscriptionId', subscriptionId);
    } else {
      const value = input[name];
      if (value === undefined || value === null) throw new ValidationError(op.name, [{ path: name, rule: 'required' }]);
      path += encodeSegment(op.name, name, paramText(op.name, param, value));
    }
    path += literals[i + 1]!;
  }
  const query = fixedQuery.slice();
  for (const param of queryParams) {
    const value = input[param.name];
    if (value === undefined || value === null) continue;
    const key = encodeURIComponent(param.wireName ?? param.name);
    if (param.value !== undefined) {
      if (value === true) query.push(`${key}=${encodeURIComponent(param.value)}`);
      continue;
    }
    query.push(`${key}=${encodeText(op.name, param.name, paramText(op.name, param, value))}`);
  }
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

/** The value the body is made of: the input member named by the spec, or the input minus its parameters. */
export function bodyValue(op: OperationDescriptor, body: BodyShape, input: Record<string, unknown>): unknown {
  if (body.member !== undefined) return input[body.member];
  const params = new Set(op.params.map((p) => p.name));
  const value: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(input)) if (!params.has(key)) value[key] = member;
  return value;
}

export interface PrepareOptions {
  subscriptionId: string;
  apiVersion: string;
  namespace: string;
  serializeType: SerializeType;
  userAgent: string;
}

/**
 * The headers every request of an operation carries whatever its input: x-ms-version, accept, and the body's
 * content-type when it has a body.
 */
export function protocolHeaders(op: OperationDescriptor, serializeType: SerializeType, apiVersion: string): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ms-version': op.apiVersion ?? apiVersion,
    accept: serializeType === 'json' ? 'application/json' : 'application/xml',
  };
  if (op.request) headers['content-type'] = serializeType === 'json' ? 'application/json' : op.request.contentType ?? 'application/xml; charset=utf-8';
  return headers;
}

export function prepareRequest(op: OperationDescriptor, input: Record<string, unknown>, options: PrepareOptions): PreparedRequest {
  const headers = protocolHeaders(op, options.serializeType, options.apiVersion);
  headers['user-agent'] = options.userAgent;
  for (const param of op.params) {
    if (param.in === 'header' && input[param.name] !== undefined) {
      headers[(param.wireName ?? param.name).toLowerCase()] = headerText(op.name, param.name, paramText(op.name, param, input[param.name]));
    }
  }
  const prepared: PreparedRequest = { method: op.method, pathAndQuery: buildPathAndQuery(op, options.subscriptionId, input), headers };
  if (op.request) {
    const value = bodyValue(op, op.request, input);
    prepared.body = options.serializeType === 'json' ? writeJsonBody(op.request, value) : writeXmlBody(op.request, value, options.namespace);
  }
  return prepared;
}
