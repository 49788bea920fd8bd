/**
 * Reads a request body with the operation's request shape into the typed value the client would have sent, by
 * core's one body reader (core/body-reading.ts: the XML structure, the elements, then the spec's rules by the one
 * validator), the same that validateDocument() uses. Anything that does not fit answers 400, naming the element
 * and the rule it breaks, or with the service's own message where the spec has it.
 */
import { readBody, type WireFormat } from '../core/body-reading.js';
import type { BodyShape } from '../core/shapes.js';
import { parseXmlTree, rootOf } from '../core/xml-tree.js';
import type { BodyPeek } from './router.js';
import { errors } from './api-error.js';
import { refusalOf } from './validate.js';
import { xmlOverBudget } from './xml-budget.js';

export type { WireFormat };

/** A request body as the service read it. */
export interface ReadBody {
  /** The typed value; undefined when the operation takes none. */
  readonly value: unknown;
  /** Elements skipped because they came out of the contract's order (`Root.Member: is out of order...`). */
  readonly skipped: readonly string[];
}

/** How to read: the service's namespace, and whether to refuse out-of-order elements instead of skipping them. */
export interface RequestReading {
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

/** The typed request body, or undefined when the operation takes none (a body sent anyway is ignored, as the service did). */
export function readRequestBody(body: BodyShape | undefined, raw: string, format: WireFormat, options: RequestReading): ReadBody {
  if (body === undefined) return { value: undefined, skipped: [] };
  if (format === 'xml' && !('text' in body)) {
    const over = xmlOverBudget(raw);
    if (over !== undefined) throw errors.invalidXml(`The request body is too costly to read: ${over}.`);
  }
  const reading = readBody(body, raw, { format, as: 'request', namespace: options.namespace, outOfOrder: options.strictOrder === true ? 'refuse' : 'skip' });
  if (reading.kind === 'read') {
    if (reading.issues.length > 0) throw errors.badRequest(refusalOf(body.element, reading.issues));
    return { value: reading.value, skipped: (reading.skipped ?? []).map((s) => `${s.path}: ${s.rule}`) };
  }
  const xml = format === 'xml';
  switch (reading.reason) {
    case 'empty': {
      const message = `The request body is empty; the spec requires <${body.element}>.`;
      throw xml ? errors.invalidXml(message) : errors.badRequest(message);
    }
    case 'syntax':
      throw xml ? errors.invalidXml(`The request body is not well-formed XML: ${reading.detail}`) : errors.badRequest(`The request body is not valid JSON: ${reading.detail}`);
    case 'roots':
      throw errors.invalidXml(`The request body must have exactly one root element <${body.element}>; it has ${reading.detail}.`);
    case 'root':
      throw errors.badRequest(`The request body's root element <${reading.detail}> is not expected: the spec requires <${body.element}> (rule: root element).`);
  }
}
