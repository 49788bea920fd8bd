/**
 * XML for the service, driven by shapes: serialization writes members in spec order (the service silently drops
 * out-of-order elements); parsing maps fast-xml-parser's tree onto the shapes, always yielding arrays for lists,
 * treating i:nil as absent and tolerating i:type.
 */
import type { XMLParser } from 'fast-xml-parser';
import { ValueFormatError, formatScalar, parseScalar } from './codec.js';
import { fastXmlParser } from './deferred-modules.js';
import { wellFormednessProblem } from './xml-wellformed.js';
import {
  isPolymorphic, type BodyShape, type ItemShape, type MemberShape, type ModelShape, type ScalarShape,
  type StructureShape, type TypeShape,
} from './shapes.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** A value that does not fit its shape; `path` names the member, e.g. `RoleList[0].RoleName`. */
export class ShapeError extends Error {
  constructor(readonly path: string, readonly rule: string) {
    super(`${path}: ${rule}`);
    this.name = 'ShapeError';
  }
}

// ---------------------------------------------------------------------------------------------- writing

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** Chooses the variant of a polymorphic model that a value belongs to. */
export function variantFor(shape: ModelShape, value: Record<string, unknown>, path: string): StructureShape {
  if (!isPolymorphic(shape)) return shape;
  const selector = value[shape.discriminator];
  const variant = shape.variants().find((v) => v.discriminatorValue === selector);
  if (!variant) {
    const allowed = shape.variants().map((v) => v.discriminatorValue).join(', ');
    throw new ShapeError(`${path}${path ? '.' : ''}${shape.discriminator}`, `must be one of ${allowed}`);
  }
  return variant;
}

function writeScalar(out: string[], name: string, type: ScalarShape, value: unknown, path: string): void {
  try {
    out.push(`<${name}>${escapeText(formatScalar(type, value))}</${name}>`);
  } catch (err) {
    if (err instanceof ValueFormatError) throw new ShapeError(path, err.message);
    throw err;
  }
}

function writeModel(out: string[], name: string, shape: ModelShape, value: unknown, path: string, rootAttrs = ''): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(path || name, 'expected an object');
  const record = value as Record<string, unknown>;
  const structure = variantFor(shape, record, path);
  let attrs = rootAttrs;
  let text = '';
  const children: string[] = [];
  for (const member of structure.members) {
    const memberValue = member.const ?? record[member.name];
    if (memberValue === undefined || memberValue === null) continue;
    const memberPath = path ? `${path}.${member.name}` : member.name;
    if (member.xml === 'attribute' || member.xml === 'text') {
      if (member.type.kind === 'model' || member.type.kind === 'list') throw new ShapeError(memberPath, 'must be a scalar');
      let formatted: string;
      try {
        formatted = formatScalar(member.type, memberValue);
      } catch (err) {
        if (err instanceof ValueFormatError) throw new ShapeError(memberPath, err.message);
        throw err;
      }
      if (member.xml === 'attribute') attrs += ` ${member.name}="${escapeAttribute(formatted)}"`;
      else text = escapeText(formatted);
      continue;
    }
    writeMember(children, member.name, member.type, memberValue, memberPath);
  }
  const inner = text + children.join('');
  out.push(inner === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${inner}</${name}>`);
}

function writeItem(out: string[], item: ItemShape, value: unknown, path: string): void {
  if (item.type.kind === 'model') writeModel(out, item.element, item.type.model(), value, path);
  else writeScalar(out, item.element, item.type, value, path);
}

function writeMember(out: string[], name: string, type: TypeShape, value: unknown, path: string): void {
  if (type.kind === 'model') return writeModel(out, name, type.model(), value, path);
  if (type.kind !== 'list') return writeScalar(out, name, type, value, path);
  if (!Array.isArray(value)) throw new ShapeError(path, 'expected an array');
  const items: string[] = [];
  value.forEach((item, i) => writeItem(items, type.item, item, `${path}[${i}]`));
  if (!type.wrapped) out.push(...items);
  else out.push(items.length === 0 ? `<${name}/>` : `<${name}>${items.join('')}</${name}>`);
}

/**
 * Serializes a body. The root carries the service namespace (or the model's own) and the i: prefix; there is no
 * XML declaration, as in what the service and its clients sent.
 */
export function writeXmlBody(body: BodyShape, value: unknown, defaultNamespace: string): string {
  const out: string[] = [];
  if ('model' in body) {
    const shape = body.model();
    const namespace = (!isPolymorphic(shape) && shape.namespace) || defaultNamespace;
    writeModel(out, body.element, shape, value, '', ` xmlns="${namespace}" xmlns:i="${XSI}"`);
  } else if ('list' in body) {
    if (!Array.isArray(value)) throw new ShapeError(body.element, 'expected an array');
    const items: string[] = [];
    value.forEach((item, i) => writeItem(items, body.list, item, `[${i}]`));
    out.push(`<${body.element} xmlns="${defaultNamespace}" xmlns:i="${XSI}">${items.join('')}</${body.element}>`);
  } else {
    if (typeof value !== 'string') throw new ShapeError(body.element, 'expected a string');
    return value;
  }
  return out.join('');
}

// ---------------------------------------------------------------------------------------------- reading

/**
 * fast-xml-parser's ordered form: an element is `{ Name: children, ':@': attributes }`, a text node
 * `{ '#text': text }`. It is the parser's fastest mode, and it keeps element order and repeats as they came.
 */
type OrderedNode = Record<string, unknown>;
const TEXT = '#text';
const ATTRS = ':@';
const ATTR = '@_';

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
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/**
 * Parses XML text in document order, after a well-formedness check; refuses DOCTYPE (the service never sends one)
 * so no entity can expand.
 */
function parseOrdered(xml: string): OrderedNode[] {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (/<!DOCTYPE/i.test(text)) throw new XmlSyntaxError('DOCTYPE is not allowed in a response');
  const problem = wellFormednessProblem(text);
  if (problem !== undefined) throw new XmlSyntaxError(`malformed XML: ${problem}`);
  try {
    return getParser().parse(text) as OrderedNode[];
  } catch (err) {
    throw new XmlSyntaxError(`malformed XML: ${(err as Error).message}`);
  }
}

function elementName(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ATTRS && key !== TEXT) return key;
  return undefined;
}

function childrenOf(node: OrderedNode, name: string): OrderedNode[] {
  const children = node[name];
  return Array.isArray(children) ? (children as OrderedNode[]) : [];
}

function attributesOf(node: OrderedNode): Record<string, string> | undefined {
  return node[ATTRS] as Record<string, string> | undefined;
}

function textOf(children: OrderedNode[]): string {
  let text = '';
  for (const child of children) if (TEXT in child) text += String(child[TEXT]);
  return text;
}

function isNil(node: OrderedNode): boolean {
  return attributesOf(node)?.[`${ATTR}nil`] === 'true';
}

// A tree keyed by element name (every element an array of nodes, attributes as '@_name', text as '#text'), for
// callers that look members up by name: the emulator and the conformance tool peek at request roots with it.
type XmlNode = Record<string, unknown>;

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

/** Parses XML text into a tree keyed by element name; refuses DOCTYPE. */
export function parseXmlTree(xml: string): XmlNode {
  const tree = toKeyed(parseOrdered(xml));
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

export interface ReadOptions {
  /** Collects the paths of elements the shapes do not map (for conformance checks). */
  unmapped?: string[];
}

function readScalar(type: ScalarShape, text: string, path: string): unknown {
  try {
    return parseScalar(type, text);
  } catch (err) {
    if (err instanceof ValueFormatError) throw new ShapeError(path, err.message);
    throw err;
  }
}

/** Members of a structure by element name, built once per structure. */
const membersByName = new WeakMap<StructureShape, Map<string, MemberShape>>();

function memberIndex(structure: StructureShape): Map<string, MemberShape> {
  let index = membersByName.get(structure);
  if (!index) {
    index = new Map(structure.members.filter((m) => m.xml === undefined).map((m) => [m.name, m]));
    membersByName.set(structure, index);
  }
  return index;
}

/** The union of every variant's members, for a kind the spec does not know (memoized per polymorphic shape). */
const unknownVariants = new WeakMap<ModelShape, StructureShape>();

function pickVariant(shape: ModelShape, children: OrderedNode[], attributes: Record<string, string> | undefined): StructureShape {
  if (!isPolymorphic(shape)) return shape;
  const variants = shape.variants();
  const selector = children.find((c) => shape.discriminator in c);
  const text = selector ? textOf(childrenOf(selector, shape.discriminator)) : undefined;
  const typeName = attributes?.[`${ATTR}type`];
  const found = variants.find((v) => text !== undefined && v.discriminatorValue === text)
    ?? variants.find((v) => typeName !== undefined && v.typeName === typeName);
  if (found) return found;
  let union = unknownVariants.get(shape);
  if (!union) {
    const members = new Map<string, MemberShape>();
    for (const v of variants) for (const m of v.members) if (!members.has(m.name)) members.set(m.name, m);
    union = { name: shape.name, members: [...members.values()] };
    unknownVariants.set(shape, union);
  }
  return union;
}

function readModel(shape: ModelShape, element: OrderedNode, name: string, path: string, options: ReadOptions): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const children = childrenOf(element, name);
  const attributes = attributesOf(element);
  const structure = pickVariant(shape, children, attributes);
  // A variant found through i:type still tells the caller its kind.
  if (isPolymorphic(shape) && structure.discriminatorValue !== undefined) record[shape.discriminator] = structure.discriminatorValue;
  const index = memberIndex(structure);
  for (const child of children) {
    const childName = elementName(child);
    if (childName === undefined) continue;
    const member = index.get(childName);
    const memberPath = path ? `${path}.${childName}` : childName;
    if (!member) {
      options.unmapped?.push(memberPath);
      continue;
    }
    const type = member.type;
    if (type.kind === 'list' && !type.wrapped) {
      if (!isNil(child)) ((record[childName] ??= []) as unknown[]).push(readItem(type.item, child, childName, `${memberPath}[${(record[childName] as unknown[] | undefined)?.length ?? 0}]`, options));
      continue;
    }
    // The first occurrence of a single member counts, as the service's own ordered reader did.
    if (childName in record || isNil(child)) continue;
    if (type.kind === 'list') record[childName] = readItems(type.item, childrenOf(child, childName), memberPath, options);
    else if (type.kind === 'model') record[childName] = readModel(type.model(), child, childName, memberPath, options);
    else record[childName] = readScalar(type, textOf(childrenOf(child, childName)), memberPath);
  }
  for (const member of structure.members) {
    if (member.xml === undefined) continue;
    const memberPath = path ? `${path}.${member.name}` : member.name;
    const raw = member.xml === 'attribute' ? attributes?.[`${ATTR}${member.name}`] : textOf(children) || undefined;
    if (raw !== undefined) record[member.name] = readScalar(member.type as ScalarShape, raw, memberPath);
  }
  return record;
}

function readItem(item: ItemShape, element: OrderedNode, name: string, path: string, options: ReadOptions): unknown {
  return item.type.kind === 'model'
    ? readModel(item.type.model(), element, name, path, options)
    : readScalar(item.type, textOf(childrenOf(element, name)), path);
}

function readItems(item: ItemShape, children: OrderedNode[], path: string, options: ReadOptions): unknown[] {
  const items: unknown[] = [];
  for (const child of children) {
    const childName = elementName(child);
    if (childName === undefined) continue;
    if (childName !== item.element) {
      options.unmapped?.push(`${path}.${childName}`);
      continue;
    }
    if (!isNil(child)) items.push(readItem(item, child, childName, `${path}[${items.length}]`, options));
  }
  return items;
}

/** Reads a body of the given shape. Throws XmlSyntaxError or ShapeError. */
export function readXmlBody(body: BodyShape, xml: string, options: ReadOptions = {}): unknown {
  if ('text' in body) return xml;
  const root = parseOrdered(xml).find((node) => elementName(node) !== undefined);
  if (!root) throw new XmlSyntaxError('the document has no root element');
  const name = elementName(root)!;
  if (name !== body.element) throw new ShapeError(name, `expected root element ${body.element}`);
  if ('model' in body) return readModel(body.model(), root, name, '', options);
  return readItems(body.list, childrenOf(root, name), '', options);
}
