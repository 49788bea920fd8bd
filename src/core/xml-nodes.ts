/**
 * The tree the XML reader builds, and how it is read. It keeps fast-xml-parser's ordered form, which the readers
 * above were written against: an element is `{ Name: children, ':@': attributes }`, a text node
 * `{ '#text': text }`, in document order with repeats as they came. Names are local (prefixes resolved), text is
 * decoded, and each element's namespace URI is kept under a symbol key: beside the data, invisible to `for…in`,
 * Object.keys and JSON.
 */

export type OrderedNode = Record<string, unknown>;
export const TEXT = '#text';
export const ATTRS = ':@';
/** The prefix of attribute names: `@_nil`, `@_Id`. */
export const ATTR = '@_';
/** The namespace of i:nil and i:type. */
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Where the reader keeps an element's namespace URI. */
export const NAMESPACE = Symbol('namespace');

/** An element as the reader builds it: its children under its local name, its namespace under NAMESPACE. */
export type ElementNode = OrderedNode & { [NAMESPACE]?: string };

/**
 * The namespace an element of a parsed document is in: '' for none, undefined for an element whose prefix no
 * declaration binds (read as its parent's, leniently).
 */
export function namespaceOf(node: OrderedNode): string | undefined {
  return (node as ElementNode)[NAMESPACE];
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
