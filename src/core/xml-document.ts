/**
 * The one XML reader's entry point: a document's text in, its ordered tree out (xml-nodes.ts), or an
 * XmlSyntaxError that names the problem and its line. The reading itself is xml-reader.ts: well-formedness,
 * character references (&#65;, &#xD;) and the five predefined entities, CDATA kept verbatim as text, namespaces
 * resolved — elements and attributes carry their local names, and each element's namespace is kept beside the
 * tree (namespaceOf) so that a reader can tell the service's elements from foreign ones. The shape-driven codec
 * (xml.ts), the publish-settings reader and the emulator's keyed tree all read documents through it.
 */
import { readXml } from './xml-reader.js';
import { XmlProblem } from './xml-text.js';
import type { OrderedNode } from './xml-nodes.js';

export { ATTR, ATTRS, TEXT, XSI, attributesOf, childrenOf, elementName, isNil, namespaceOf, textOf, type OrderedNode } from './xml-nodes.js';

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
 * Parses XML text in document order, checking well-formedness as it goes; refuses DOCTYPE (the service never sends
 * one) so no entity can expand. Line ends are normalized first (CR LF and CR read as LF), as XML requires.
 */
export function parseXmlDocument(xml: string): OrderedNode[] {
  const unmarked = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (/<!DOCTYPE/i.test(unmarked)) throw new XmlSyntaxError('DOCTYPE is not allowed in a response');
  const text = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  try {
    return readXml(text);
  } catch (err) {
    if (err instanceof XmlProblem) throw new XmlSyntaxError(`malformed XML: ${err.problem}`, lineAt(text, err.at));
    throw err;
  }
}
