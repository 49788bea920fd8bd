/**
 * A request's XML as a tree keyed by element name (every element an array of nodes, attributes as '@_name', text
 * as '#text'), for code that looks members up by name: the router peeks at request roots, the structure checks
 * walk the body, service configurations are read. Parsed by core's one XML reader.
 */
import { ATTR, TEXT, attributesOf, childrenOf, elementName, parseXmlDocument, type OrderedNode } from './xml-document.js';

export type XmlNode = Record<string, unknown>;

function toKeyed(children: OrderedNode[]): XmlNode | string {
  const keyed: XmlNode = {};
  let text = '';
  let hasElements = false;
  for (const child of children) {
    const name = elementName(child);
    if (name === undefined) {
      if (TEXT in child) text += String(child[TEXT]);
      continue;
    }
    hasElements = true;
    const value = toKeyed(childrenOf(child, name));
    const attributes = attributesOf(child);
    const node = attributes ? { ...(typeof value === 'string' ? (value === '' ? {} : { [TEXT]: value }) : value), ...attributes } : value;
    ((keyed[name] ??= []) as unknown[]).push(node);
  }
  if (!hasElements) return text;
  if (text !== '') keyed[TEXT] = text;
  return keyed;
}

/** Parses XML text into a tree keyed by element name; throws XmlSyntaxError (DOCTYPE included). */
export function parseXmlTree(xml: string): XmlNode {
  const tree = toKeyed(parseXmlDocument(xml));
  return typeof tree === 'string' ? {} : tree;
}

/** The root element of a keyed tree: its name and node. */
export function rootOf(tree: XmlNode): { name: string; node: unknown } | undefined {
  for (const [name, value] of Object.entries(tree)) {
    if (name.startsWith(ATTR) || name === TEXT) continue;
    return { name, node: Array.isArray(value) ? value[0] : value };
  }
  return undefined;
}
