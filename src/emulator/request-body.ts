/**
 * Reads a request body with the operation's request shape into the typed value the client would have sent: XML
 * through core/xml.ts (as the SDK reads; element order, unknown elements and well-formedness are checked here),
 * or JSON through core/json.ts; then core's one validator checks the spec's rules. Anything that does not fit answers
 * 400, naming the element and the rule it breaks.
 */
import { bodyViolations } from '../core/validation.js';
import { ShapeError, XmlSyntaxError, readXmlBody } from '../core/xml.js';
import type { BodyPeek } from './router.js';
import { isPolymorphic, type BodyShape } from '../core/shapes.js';
import { INVALID_STORAGE_NAME_MESSAGE, errors } from './api-error.js';
import { readJsonBody } from '../core/json.js';
import { bodyIssues, describeIssues, type Issue } from './validate.js';
import { checkXmlStructure, rootNamespace, withoutSkipped } from './xml-conformance.js';
import { parseXmlTree, rootOf } from './xml-tree.js';
import { xmlOverBudget } from './xml-budget.js';

export type WireFormat = 'xml' | 'json';

/** A request body as the service read it. */
export interface ReadBody {
  /** The typed value; undefined when the operation takes none. */
  readonly value: unknown;
  /** Elements skipped because they came out of the contract's order (`Root.Member: is out of order...`). */
  readonly skipped: readonly string[];
}

/** How to treat out-of-order elements: skip them as the service's reader did (default), or refuse the body. */
export interface BodyReading {
  readonly namespace: string;
  readonly strictOrder?: boolean;
}

/** JSON when the Content-Type says so; XML otherwise (clients sent application/xml, atom+xml, text/xml, text/plain...). */
export function requestFormat(contentType: string | undefined): WireFormat {
  return contentType !== undefined && /[/+]json\b/i.test(contentType) ? 'json' : 'xml';
}

/** JSON only when the client asks for JSON and not for XML. */
export function responseFormat(accept: string | undefined): WireFormat {
  return accept !== undefined && /json/i.test(accept) && !/xml/i.test(accept) ? 'json' : 'xml';
}

function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  const text = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)['#text'] : undefined;
  return typeof text === 'string' ? text : undefined;
}

/** What the router needs to tell apart operations that share a URL; a body that does not parse peeks as nothing. */
export function peekBody(raw: string, format: WireFormat): BodyPeek {
  const empty = raw.trim() === '';
  const nothing: BodyPeek = { empty, member: () => undefined };
  if (empty) return nothing;
  try {
    if (format === 'json') {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null) return nothing;
      const record = value as Record<string, unknown>;
      return { empty, member: (name) => (typeof record[name] === 'string' ? record[name] : undefined) };
    }
    if (xmlOverBudget(raw) !== undefined) return nothing;
    const root = rootOf(parseXmlTree(raw));
    if (root === undefined) return nothing;
    const node = root.node as Record<string, unknown[]> | undefined;
    return { empty, root: root.name, member: (name) => textOf(node?.[name]?.[0]) };
  } catch {
    return nothing;
  }
}

/**
 * Where the service had its own wording for a member that breaks the spec's rules, the emulator answers it (the
 * generic description names the rule instead).
 */
const SERVICE_MESSAGES: Readonly<Record<string, string>> = {
  'CreateStorageServiceInput.ServiceName': INVALID_STORAGE_NAME_MESSAGE,
};

function refuse(element: string, issues: Issue[]): never {
  const unique = [...new Map(issues.map((i) => [`${i.path}\u0000${i.rule}`, i])).values()];
  const known = unique.every((i) => SERVICE_MESSAGES[i.path] !== undefined) ? SERVICE_MESSAGES[unique[0]!.path] : undefined;
  throw errors.badRequest(known ?? `The request body does not match the spec of <${element}>: ${describeIssues(unique)}`);
}

function isUnder(path: string, skipped: readonly Issue[]): boolean {
  return skipped.some((s) => path === s.path || path.startsWith(`${s.path}.`) || path.startsWith(`${s.path}[`));
}

function readXml(body: BodyShape, raw: string, reading: BodyReading): ReadBody {
  const over = xmlOverBudget(raw);
  if (over !== undefined) throw errors.invalidXml(`The request body is too costly to read: ${over}.`);
  let tree: Record<string, unknown>;
  try {
    tree = parseXmlTree(raw);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw errors.invalidXml(`The request body is not well-formed XML: ${err.message}`);
    throw err;
  }
  const roots = Object.keys(tree).filter((k) => k !== '#text' && !k.startsWith('@_'));
  if (roots.length !== 1) throw errors.invalidXml(`The request body must have exactly one root element <${body.element}>; it has ${roots.length}.`);
  const root = rootOf(tree)!;
  if (root.name !== body.element) {
    throw errors.badRequest(`The request body's root element <${root.name}> is not expected: the spec requires <${body.element}> (rule: root element).`);
  }
  const shape = 'model' in body ? body.model() : undefined;
  const expectedNamespace = (shape !== undefined && !isPolymorphic(shape) && shape.namespace) || reading.namespace;
  const { issues, skipped } = checkXmlStructure(body, root.node, rootNamespace(raw), expectedNamespace);
  if (reading.strictOrder === true) issues.push(...skipped.splice(0));
  const unmapped: string[] = [];
  let value: unknown;
  try {
    value = withoutSkipped(readXmlBody(body, raw, { unmapped, enumsIgnoreCase: true }), skipped);
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    const path = `${body.element}.${err.path}`;
    if (!isUnder(path, skipped)) issues.push({ path, rule: `${err.rule} (rule: value format)` });
    refuse(body.element, [...issues, ...skipped]);
  }
  for (const path of unmapped.map((p) => `${body.element}.${p}`).filter((p) => !isUnder(p, skipped))) {
    issues.push({ path, rule: 'is not an element the spec defines here (rule: unknown element)' });
  }
  issues.push(...bodyIssues(body, bodyViolations(body, value)));
  // A body refused for another reason names what was skipped too: a required member out of order reads as missing.
  if (issues.length > 0) refuse(body.element, [...issues, ...skipped]);
  return { value, skipped: skipped.map((s) => `${s.path}: ${s.rule}`) };
}

function readJson(body: BodyShape, raw: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw errors.badRequest(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  const issues: Issue[] = [];
  const value = readJsonBody(body, json, issues, { enumsIgnoreCase: true });
  if (issues.length === 0) issues.push(...bodyIssues(body, bodyViolations(body, value)));
  if (issues.length > 0) refuse(body.element, issues);
  return value;
}

/** The typed request body, or undefined when the operation takes none (a body sent anyway is ignored, as the service did). */
export function readRequestBody(body: BodyShape | undefined, raw: string, format: WireFormat, reading: BodyReading): ReadBody {
  if (body === undefined) return { value: undefined, skipped: [] };
  if ('text' in body) return { value: raw, skipped: [] };
  if (raw.trim() === '') {
    const message = `The request body is empty; the spec requires <${body.element}>.`;
    throw format === 'xml' ? errors.invalidXml(message) : errors.badRequest(message);
  }
  return format === 'json' ? { value: readJson(body, raw), skipped: [] } : readXml(body, raw, reading);
}
