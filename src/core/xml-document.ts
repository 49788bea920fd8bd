/**
 * The one XML reader: fast-xml-parser with one configuration, in its ordered form, behind a well-formedness
 * check and a DOCTYPE refusal. The shape-driven codec (xml.ts), the publish-settings reader and the emulator's
 * keyed tree all read documents through it.
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

let parser: XMLParser | undefined;

function getParser(): XMLParser {
  parser ??= new (fastXmlParser().XMLParser)({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
    htmlEntities: false,
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
  try {
    return getParser().parse(text) as OrderedNode[];
  } catch (err) {
    throw new XmlSyntaxError(`malformed XML: ${(err as Error).message}`);
  }
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

