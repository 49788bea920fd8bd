/**
 * The one XML reader: fast-xml-parser with one configuration, in its ordered form, behind a well-formedness
 * check and a DOCTYPE refusal, then one pass of XML semantics the parser leaves out: character references
 * (&#65;, &#xD;) and the five predefined entities decoded, CDATA kept verbatim as text, and namespaces resolved —
 * elements and attributes carry their local names, and each element's namespace is kept beside the tree
 * (namespaceOf) so that a reader can tell the service's elements from foreign ones. The shape-driven codec
 * (xml.ts), the publish-settings reader and the emulator's keyed tree all read documents through it.
 */
import type { XMLParser } from 'fast-xml-parser';
import { fastXmlParser } from './deferred-modules.js';
import { findWellFormednessProblem } from './xml-wellformed.js';

/**
 * fast-xml-parser's ordered form: an element is `{ Name: children, ':@': attributes }`, a text node
 * `{ '#text': text }`. It is the parser's fastest mode, and it keeps element order and repeats as they came.
 */
export type OrderedNode = Record<string, unknown>;
export const TEXT = '#text';
export const ATTRS = ':@';
/** The prefix of attribute names: `@_nil`, `@_Id`. */
export const ATTR = '@_';
const CDATA = '#cdata';
const XMLNS = `${ATTR}xmlns`;
/** The namespace of i:nil and i:type. */
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

let parser: XMLParser | undefined;

function getParser(): XMLParser {
  parser ??= new (fastXmlParser().XMLParser)({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    // Prefixes are resolved below, against the xmlns declarations in scope, rather than dropped.
    removeNSPrefix: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // References are decoded below, once, numeric ones included (the parser leaves &#65; as it is); CDATA comes
    // apart so that its text is not decoded.
    processEntities: false,
    htmlEntities: false,
    cdataPropName: CDATA,
  });
  return parser;
}

export class XmlSyntaxError extends Error {
  /** `line`: where the problem shows (1-based), when known. */
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Parses XML text in document order, after a well-formedness check; refuses DOCTYPE (the service never sends one)
 * so no entity can expand.
 */
export function parseXmlDocument(xml: string): OrderedNode[] {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (/<!DOCTYPE/i.test(text)) throw new XmlSyntaxError('DOCTYPE is not allowed in a response');
  const found = findWellFormednessProblem(text);
  if (found !== undefined) throw new XmlSyntaxError(`malformed XML: ${found.problem}`, lineAt(text, found.at));
  let parsed: OrderedNode[];
  try {
    parsed = getParser().parse(text) as OrderedNode[];
  } catch (err) {
    throw new XmlSyntaxError(`malformed XML: ${(err as Error).message}`);
  }
  return resolveNodes(parsed, ROOT_SCOPE);
}

// ---------------------------------------------------------------------------------------------- references

const REFERENCE = /&(?:#([0-9]{1,8})|#x([0-9a-fA-F]{1,8})|(lt|gt|amp|apos|quot));/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Whether XML 1.0 allows the character at all (its Char production), written literally or as a reference. */
export function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/**
 * Text with its references decoded: the five predefined entities and numeric character references (.NET writers
 * emit &#xD; for CR and &#x...; for other characters). A reference to a character XML forbids (&#0;, &#xB;, a
 * surrogate) is a syntax error, as in any conforming reader; an unknown entity is left as written.
 */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (_m, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return PREDEFINED[name]!;
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
    if (!isXmlChar(code)) throw new XmlSyntaxError(`malformed XML: the character reference &#${decimal ?? `x${hex}`}; names a character XML does not allow`);
    return String.fromCodePoint(code);
  });
}

// ---------------------------------------------------------------------------------------------- namespaces

/** Prefix → namespace URI in scope; '' is the default namespace. */
type Scope = Readonly<Record<string, string>>;
const ROOT_SCOPE: Scope = { xml: XML_NAMESPACE };

/**
 * Each element's namespace URI ('' for none), under a symbol key: beside the data, invisible to `for…in`,
 * Object.keys and JSON, so the tree keeps fast-xml-parser's form. (A WeakMap held one entry per element, which
 * cost the garbage collector more than the parse itself on a body of many small elements.)
 */
const NAMESPACE = Symbol('namespace');

/**
 * The namespace an element of a parsed document is in: '' for none, undefined for an element whose prefix no
 * declaration binds (read as its parent's, leniently, as before namespaces were resolved).
 */
export function namespaceOf(node: OrderedNode): string | undefined {
  return (node as { [NAMESPACE]?: string })[NAMESPACE];
}

function scopeOf(attributes: Record<string, unknown> | undefined, parent: Scope): Scope {
  if (attributes === undefined) return parent;
  let scope: Record<string, string> | undefined;
  for (const name in attributes) {
    if (name !== XMLNS && !name.startsWith(`${XMLNS}:`)) continue;
    scope ??= { ...parent };
    scope[name === XMLNS ? '' : name.slice(XMLNS.length + 1)] = decodeReferences(String(attributes[name]));
  }
  return scope ?? parent;
}

/**
 * Attributes by local name, decoded, without the namespace declarations. A prefixed attribute counts only when its
 * prefix is bound to XSI (i:nil, i:type) or to nothing (the lenient reading of an undeclared prefix): an attribute
 * of another namespace is not one of ours, so a foreign nil="true" cannot blank a member.
 */
function resolveAttributes(attributes: Record<string, unknown>, scope: Scope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in attributes) {
    if (name === XMLNS || name.startsWith(`${XMLNS}:`)) continue;
    const local = name.slice(ATTR.length);
    const colon = local.indexOf(':');
    if (colon !== -1) {
      const bound = scope[local.slice(0, colon)];
      if (bound !== undefined && bound !== XSI) continue;
    }
    out[`${ATTR}${colon === -1 ? local : local.slice(colon + 1)}`] = decodeReferences(String(attributes[name]));
  }
  return out;
}

/**
 * Resolves a freshly parsed list of nodes in place (the parser's tree is ours alone): text decoded, CDATA made
 * text, prefixes dropped with the namespace noted. In place, because a body of a million small elements would
 * otherwise be copied whole once more.
 */
function resolveNodes(nodes: OrderedNode[], scope: Scope): OrderedNode[] {
  let kept = 0;
  for (const node of nodes) {
    const resolved = resolveNode(node, scope);
    if (resolved !== undefined) nodes[kept++] = resolved;
  }
  nodes.length = kept;
  return nodes;
}

function resolveNode(node: OrderedNode, scope: Scope): OrderedNode | undefined {
  if (TEXT in node) {
    const text = String(node[TEXT]);
    node[TEXT] = decodeReferences(text);
    return node;
  }
  const name = elementName(node);
  if (name === undefined) return undefined;
  // A CDATA section is text as written: nothing in it is a reference.
  if (name === CDATA) return { [TEXT]: textOf(node[CDATA] as OrderedNode[]) };
  const attributes = node[ATTRS] as Record<string, unknown> | undefined;
  const inner = scopeOf(attributes, scope);
  const children = resolveNodes(childrenOf(node, name), inner);
  const colon = name.indexOf(':');
  let element = node;
  if (colon === -1) element[name] = children;
  else element = { [name.slice(colon + 1)]: children };
  if (attributes !== undefined) element[ATTRS] = resolveAttributes(attributes, inner);
  const namespace = colon === -1 ? inner[''] ?? '' : inner[name.slice(0, colon)];
  if (namespace !== undefined) (element as { [NAMESPACE]?: string })[NAMESPACE] = namespace;
  return element;
}

export function elementName(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ATTRS && key !== TEXT) return key;
  return undefined;
}

export function childrenOf(node: OrderedNode, name: string): OrderedNode[] {
  const children = node[name];
  return Array.isArray(children) ? (children as OrderedNode[]) : [];
}

export function attributesOf(node: OrderedNode): Record<string, string> | undefined {
  return node[ATTRS] as Record<string, string> | undefined;
}

export function textOf(children: OrderedNode[]): string {
  let text = '';
  for (const child of children) if (TEXT in child) text += String(child[TEXT]);
  return text;
}

export function isNil(node: OrderedNode): boolean {
  return attributesOf(node)?.[`${ATTR}nil`] === 'true';
}

