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

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ATTRS && key !== TEXT);
}

/**
 * Removes the element at `path` (`Root.Member`, `Root.List[1].Member`: an index picks the nth of repeated
 * elements, or the nth child of a single list element), as an order-sensitive reader skipped it.
 */
function parseStep(step: string): { name: string; index?: number } {
  const match = /^([^[]+)(?:\[(\d+)\])?$/.exec(step);
  return { name: match?.[1] ?? step, ...(match?.[2] === undefined ? {} : { index: Number(match[2]) }) };
}

/** The children of an element node. */
function childrenOf(node: OrderedNode): OrderedNode[] {
  return node[elementName(node)!] as OrderedNode[];
}

function drop(nodes: OrderedNode[], path: string): void {
  const steps = path.split('.').map(parseStep);
  let siblings = nodes;
  for (const [depth, { name, index }] of steps.entries()) {
    const matching = siblings.filter((n) => elementName(n) === name);
    const repeated = index !== undefined && matching.length > 1;
    const chosen = repeated ? matching[index] : matching[0];
    if (chosen === undefined) return;
    if (depth === steps.length - 1) {
      siblings.splice(siblings.indexOf(chosen), 1);
      return;
    }
    siblings = childrenOf(chosen);
    if (index !== undefined && !repeated) {
      // A wrapped list: the index picks a child of the one list element.
      const item = siblings.filter((n) => elementName(n) !== undefined)[index];
      if (item === undefined) return;
      siblings = childrenOf(item);
    }
  }
}

/** One line per element, attribute set and text node, indented by depth; `without` names elements left out. */
export function canonicalXml(xml: string, without: readonly string[] = []): string[] {
  const out: string[] = [];
  const document = parseXmlDocument(xml);
  for (const path of without) drop(document, path);
  canonical(document, '', out);
  return out;
}

/**
 * The first line where two documents differ, with its neighbourhood, or undefined when they agree; `without`
 * names elements of the expected document to leave out (those the service's reader skipped).
 */
export function firstDifference(expected: string, actual: string, without: readonly string[] = []): string | undefined {
  const a = canonicalXml(expected, without);
  const b = canonicalXml(actual);
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: recorded ${a[i]?.trim() ?? '(end)'} / re-serialized ${b[i]?.trim() ?? '(end)'}`;
  }
  return undefined;
}
