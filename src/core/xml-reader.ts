/**
 * The XML reader itself: one linear pass over the text that checks well-formedness and builds the ordered tree
 * (xml-nodes.ts) as it goes — names resolved against the namespace declarations in scope, references decoded,
 * CDATA kept as written, comments and processing instructions dropped, text trimmed. Hand-written because the
 * general-purpose parser it replaces (fast-xml-parser) cost about 1.4 µs per element and 0.5 s per MiB of plain
 * text, all of it synchronous — a hostile body blocked every other request for seconds — and needed a second pass
 * for well-formedness and a third for namespaces. It reads what the service and its clients write: elements,
 * attributes, text, CDATA, comments, processing instructions; a declaration (DOCTYPE, ENTITY) is refused, so no
 * entity can ever expand.
 */
import { ATTR, ATTRS, NAMESPACE, TEXT, XSI, type ElementNode, type OrderedNode } from './xml-nodes.js';
import { XmlProblem, checkChars, decodeReferences, trimXmlSpace } from './xml-text.js';

/**
 * Prefix → namespace URI in scope ('' is the default namespace), one table for the whole document: a declaration
 * sets its prefix when its element opens and the element's close puts back what it replaced. A copy of the scope
 * per declaring element would cost the square of the nesting (16,000 nested elements each declaring a prefix, a
 * 470 KiB body, exhausted a 4 GiB heap).
 */
type Bindings = Map<string, string>;
/** What one element's declarations replaced: prefix and the URI it had (undefined: none). */
type Replaced = Array<readonly [prefix: string, uri: string | undefined]>;
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS = 'xmlns';
const XMLNS_PREFIX = 'xmlns:';

const SLASH = 0x2f;
const GT = 0x3e;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const QUESTION = 0x3f;
const BANG = 0x21;

/** An XML name, with at most one colon (a prefix): the characters of XML's Name production, approximated. */
const NAME_PART = '[A-Za-z_\\u00C0-\\uFFFF][-.\\w\\u00B7\\u00C0-\\uFFFF]*';
const NAME = new RegExp(`${NAME_PART}(?::${NAME_PART})?`, 'y');

/**
 * How deep elements may nest. The service's own reader (WCF's data contract serializer) refused documents deeper
 * than its MaxDepth quota, 32 by default (learn.microsoft.com, XmlDictionaryReaderQuotas.MaxDepth); the deepest
 * body in the recorded traffic nests 11 levels. Past this, a document is refused: the readers above walk the tree
 * recursively, and a hostile body of a few thousand nested elements overflowed their stack.
 */
export const MAX_XML_DEPTH = 64;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** An attribute as written: qualified name, raw value, where the value starts. */
type RawAttribute = readonly [name: string, value: string, at: number];

interface OpenElement {
  readonly name: string;
  readonly children: OrderedNode[];
  /** What its namespace declarations replaced, put back when it closes. */
  readonly replaced: Replaced | undefined;
}

/** Reads a document (its line ends already normalized to LF) into its top-level nodes: the root element. */
export function readXml(xml: string): OrderedNode[] {
  return new TreeBuilder(xml).read();
}

class TreeBuilder {
  private readonly open: OpenElement[] = [];
  private readonly top: OrderedNode[] = [];
  private readonly bindings: Bindings = new Map([['xml', XML_NAMESPACE]]);
  private roots = 0;
  /** Character data since the last element tag (comments and processing instructions do not end it). */
  private text = '';
  private textAt = -1;

  constructor(private readonly xml: string) {}

  read(): OrderedNode[] {
    const xml = this.xml;
    let i = 0;
    while (i < xml.length) {
      const lt = xml.indexOf('<', i);
      const end = lt === -1 ? xml.length : lt;
      if (end > i) this.characters(i, end);
      if (lt === -1) break;
      i = this.markup(lt);
    }
    const unclosed = this.open[this.open.length - 1];
    if (unclosed !== undefined) throw new XmlProblem(`<${unclosed.name}> is not closed (truncated document?)`, xml.length);
    if (this.roots === 0) throw new XmlProblem('no root element', xml.length);
    return this.top;
  }

  private characters(from: number, to: number): void {
    if (this.open.length === 0) {
      for (let k = from; k < to; k++) if (!isSpace(this.xml.charCodeAt(k))) throw new XmlProblem('text outside the root element', k);
      return;
    }
    if (this.textAt === -1) this.textAt = from;
    this.text += this.xml.slice(from, to);
  }

  /** The text pending, as one trimmed and decoded text node of the element it belongs to. */
  private flushText(): void {
    if (this.textAt === -1) return;
    const raw = this.text;
    const at = this.textAt;
    this.text = '';
    this.textAt = -1;
    checkChars(raw, at);
    const trimmed = trimXmlSpace(raw);
    if (trimmed !== '') this.siblings().push({ [TEXT]: decodeReferences(trimmed, at) });
  }

  private siblings(): OrderedNode[] {
    return this.open[this.open.length - 1]?.children ?? this.top;
  }

  private markup(lt: number): number {
    const next = this.xml.charCodeAt(lt + 1);
    if (next === SLASH) return this.closeTag(lt);
    if (next === QUESTION) return this.skip(lt, '<?', '?>', 'processing instruction');
    if (next !== BANG) return this.openTag(lt);
    if (this.xml.startsWith('<!--', lt)) return this.skip(lt, '<!--', '-->', 'comment');
    if (this.xml.startsWith('<![CDATA[', lt)) return this.cdata(lt);
    throw new XmlProblem('declarations (DOCTYPE, ENTITY) are not allowed', lt);
  }

  /** A comment or processing instruction: nothing of it is kept, and text on either side stays one text. */
  private skip(lt: number, open: string, close: string, what: string): number {
    const end = this.xml.indexOf(close, lt + open.length);
    if (end === -1) throw new XmlProblem(`unterminated ${what}`, lt);
    return end + close.length;
  }

  private cdata(lt: number): number {
    if (this.open.length === 0) throw new XmlProblem('CDATA outside the root element', lt);
    const start = lt + '<![CDATA['.length;
    const end = this.xml.indexOf(']]>', start);
    if (end === -1) throw new XmlProblem('unterminated CDATA section', lt);
    this.flushText();
    const content = this.xml.slice(start, end);
    checkChars(content, start);
    this.siblings().push({ [TEXT]: content });
    return end + ']]>'.length;
  }

  private closeTag(lt: number): number {
    const gt = this.xml.indexOf('>', lt + 2);
    if (gt === -1) throw new XmlProblem('a tag is not closed (truncated document?)', lt);
    const name = trimXmlSpace(this.xml.slice(lt + 2, gt));
    this.flushText();
    const element = this.open.pop();
    if (element === undefined) throw new XmlProblem(`unexpected closing tag </${name}>`, lt);
    if (element.name !== name) throw new XmlProblem(`<${element.name}> closed by </${name}>`, lt);
    if (element.replaced !== undefined) restore(this.bindings, element.replaced);
    return gt + 1;
  }

  private openTag(lt: number): number {
    NAME.lastIndex = lt + 1;
    const name = NAME.exec(this.xml)?.[0];
    if (name === undefined) throw new XmlProblem('a "<" that starts no tag', lt);
    const tag = readAttributes(this.xml, lt, name, lt + 1 + name.length);
    if (this.open.length === 0 && ++this.roots > 1) throw new XmlProblem('more than one root element', lt);
    this.flushText();
    const scope = this.bindings;
    const replaced = tag.attributes === undefined ? undefined : declare(tag.attributes, scope);
    const colon = name.indexOf(':');
    const children: OrderedNode[] = [];
    const element: ElementNode = { [colon === -1 ? name : name.slice(colon + 1)]: children };
    if (tag.attributes !== undefined) element[ATTRS] = resolveAttributes(tag.attributes, scope);
    const namespace = colon === -1 ? scope.get('') ?? '' : scope.get(name.slice(0, colon));
    if (namespace !== undefined) element[NAMESPACE] = namespace;
    this.siblings().push(element);
    if (!tag.empty && this.open.length === MAX_XML_DEPTH) throw new XmlProblem(`elements nest deeper than ${MAX_XML_DEPTH} levels`, lt);
    if (!tag.empty) this.open.push({ name, children, replaced });
    else if (replaced !== undefined) restore(scope, replaced);
    return tag.end;
  }
}

interface Tag {
  attributes: RawAttribute[] | undefined;
  /** `<x/>`: no content, no closing tag. */
  empty: boolean;
  /** The offset after the tag's '>'. */
  end: number;
}

function skipSpace(xml: string, i: number): number {
  while (isSpace(xml.charCodeAt(i))) i++;
  return i;
}

/** The attributes of the start tag `<name` opened at `lt`, read from `i` up to its '>' or '/>'. */
function readAttributes(xml: string, lt: number, name: string, i: number): Tag {
  let attributes: RawAttribute[] | undefined;
  // Names seen, to refuse one given twice in linear time (a hostile tag can carry a hundred thousand).
  let seen: Set<string> | undefined;
  for (;;) {
    const at = skipSpace(xml, i);
    const c = xml.charCodeAt(at);
    if (c === GT) return { attributes, empty: false, end: at + 1 };
    if (c === SLASH && xml.charCodeAt(at + 1) === GT) return { attributes, empty: true, end: at + 2 };
    if (Number.isNaN(c)) throw new XmlProblem('a tag is not closed (truncated document?)', lt);
    if (c === SLASH) throw new XmlProblem(`<${name}>: "/" must be followed by ">"`, at);
    if (at === i) throw new XmlProblem(`<${name}>: white space must come before an attribute, "/>" or ">"`, at);
    const attribute = readAttribute(xml, lt, name, at);
    if (attributes !== undefined) {
      seen ??= new Set([attributes[0]![0]]);
      if (seen.has(attribute[0])) throw new XmlProblem(`<${name}>: the attribute ${attribute[0]} is given twice`, at);
      seen.add(attribute[0]);
    }
    (attributes ??= []).push(attribute);
    i = attribute[2] + attribute[1].length + 1;
  }
}

function readAttribute(xml: string, lt: number, element: string, at: number): RawAttribute {
  NAME.lastIndex = at;
  const name = NAME.exec(xml)?.[0];
  if (name === undefined) throw new XmlProblem(`<${element}>: an attribute name is malformed`, at);
  const equals = skipSpace(xml, at + name.length);
  if (xml.charCodeAt(equals) !== EQUALS) {
    if (equals >= xml.length) throw new XmlProblem('a tag is not closed (truncated document?)', lt);
    throw new XmlProblem(`<${element}>: the attribute ${name} has no value`, at);
  }
  const open = skipSpace(xml, equals + 1);
  const quote = xml.charCodeAt(open);
  if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) {
    if (open >= xml.length) throw new XmlProblem('a tag is not closed (truncated document?)', lt);
    throw new XmlProblem(`<${element}>: the value of ${name} is not quoted`, open);
  }
  const close = xml.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", open + 1);
  if (close === -1) throw new XmlProblem('a tag is not closed (truncated document?)', lt);
  const value = xml.slice(open + 1, close);
  const lessThan = value.indexOf('<');
  if (lessThan !== -1) throw new XmlProblem(`<${element}>: the value of ${name} holds "<"`, open + 1 + lessThan);
  checkChars(value, open + 1);
  return [name, value, open + 1];
}

const isDeclaration = (name: string) => name === XMLNS || name.startsWith(XMLNS_PREFIX);

/** Applies an element's namespace declarations; returns what they replaced, or undefined when it has none. */
function declare(attributes: readonly RawAttribute[], bindings: Bindings): Replaced | undefined {
  let replaced: Replaced | undefined;
  for (const [name, value, at] of attributes) {
    if (!isDeclaration(name)) continue;
    const prefix = name === XMLNS ? '' : name.slice(XMLNS_PREFIX.length);
    (replaced ??= []).push([prefix, bindings.get(prefix)]);
    bindings.set(prefix, decodeReferences(value, at));
  }
  return replaced;
}

function restore(bindings: Bindings, replaced: Replaced): void {
  for (let i = replaced.length - 1; i >= 0; i--) {
    const [prefix, uri] = replaced[i]!;
    if (uri === undefined) bindings.delete(prefix);
    else bindings.set(prefix, uri);
  }
}

/**
 * Attributes by local name, decoded, without the namespace declarations. A prefixed attribute counts only when its
 * prefix is bound to XSI (i:nil, i:type) or to nothing (the lenient reading of an undeclared prefix): an attribute
 * of another namespace is not one of ours, so a foreign nil="true" cannot blank a member.
 */
function resolveAttributes(attributes: readonly RawAttribute[], scope: Bindings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value, at] of attributes) {
    if (isDeclaration(name)) continue;
    const colon = name.indexOf(':');
    if (colon !== -1) {
      const bound = scope.get(name.slice(0, colon));
      if (bound !== undefined && bound !== XSI) continue;
    }
    out[`${ATTR}${colon === -1 ? name : name.slice(colon + 1)}`] = decodeReferences(value, at);
  }
  return out;
}
