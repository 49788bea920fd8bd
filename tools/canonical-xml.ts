/**
 * Canonical form of an XML document for comparison: element names and order, attribute values (namespace
 * declarations and i: markers aside), and trimmed text. Two requests that the service would read alike compare
 * equal; any difference in names, order or values does not.
 */
import { ATTR, ATTRS, TEXT, attributesOf, parseXmlDocument, type OrderedNode } from '../src/core/xml-document.js';

const IGNORED_ATTRIBUTES = new Set(['xmlns', 'i', 'xsi', 'xsd', 'type', 'nil']);

function canonical(nodes: OrderedNode[], indent: string, out: string[]): void {
  for (const node of nodes) {
    for (const [name, children] of Object.entries(node)) {
      if (name === ATTRS) continue;
      if (name === TEXT) {
        out.push(`${indent}"${String(children).trim()}"`);
        continue;
      }
      const attrs = Object.entries(attributesOf(node) ?? {})
        .map(([key, value]) => [key.slice(ATTR.length), value] as const)
        .filter(([key]) => !IGNORED_ATTRIBUTES.has(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => ` ${key}="${value}"`)
        .join('');
      out.push(`${indent}<${name}${attrs}>`);
      canonical(children as OrderedNode[], `${indent}  `, out);
    }
  }
}

/** One line per element, attribute set and text node, indented by depth. */
export function canonicalXml(xml: string): string[] {
  const out: string[] = [];
  canonical(parseXmlDocument(xml), '', out);
  return out;
}

/** The first line where two documents differ, with its neighbourhood, or undefined when they agree. */
export function firstDifference(expected: string, actual: string): string | undefined {
  const a = canonicalXml(expected);
  const b = canonicalXml(actual);
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: recorded ${a[i]?.trim() ?? '(end)'} / re-serialized ${b[i]?.trim() ?? '(end)'}`;
  }
  return undefined;
}
