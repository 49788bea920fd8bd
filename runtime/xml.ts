/**
 * XML for the service, driven by shapes: serialization writes members in spec order (the service silently drops
 * out-of-order elements); parsing maps fast-xml-parser's tree onto the shapes, always yielding arrays for lists,
 * treating i:nil as absent and tolerating i:type.
 */
import type { XMLParser } from 'fast-xml-parser';
import { ValueFormatError, formatScalar, parseScalar } from './codec.js';
import { fastXmlParser } from './deferred-modules.js';
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

type XmlNode = Record<string, unknown>;
const TEXT = '#text';
const ATTR = '@_';

let parser: XMLParser | undefined;

function getParser(): XMLParser {
  parser ??= new (fastXmlParser().XMLParser)({
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
  // Every element is an array, so that a list of one is still a list and single members are read as [0].
  isArray: (_name: string, _jpath: unknown, _isLeaf: boolean, isAttribute: boolean) => !isAttribute,
});
  return parser;
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** Parses XML text into fast-xml-parser's tree; refuses DOCTYPE (the service never sends one) so no entity can expand. */
export function parseXmlTree(xml: string): XmlNode {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (/<!DOCTYPE/i.test(text)) throw new XmlSyntaxError('DOCTYPE is not allowed in a response');
  let tree: unknown;
  try {
    tree = getParser().parse(text, true);
  } catch (err) {
    throw new XmlSyntaxError(`malformed XML: ${(err as Error).message}`);
  }
  return tree as XmlNode;
}

/** The root element of a parsed document: its name and node. */
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

function isNil(node: unknown): boolean {
  return typeof node === 'object' && node !== null && (node as XmlNode)[`${ATTR}nil`] === 'true';
}

function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null) {
    const text = (node as XmlNode)[TEXT];
    if (typeof text === 'string') return text;
    if (Array.isArray(text)) return text.join('');
  }
  return '';
}

function readScalar(type: ScalarShape, node: unknown, path: string): unknown {
  try {
    return parseScalar(type, textOf(node));
  } catch (err) {
    if (err instanceof ValueFormatError) throw new ShapeError(path, err.message);
    throw err;
  }
}

function pickVariant(shape: ModelShape, node: XmlNode): StructureShape {
  if (!isPolymorphic(shape)) return shape;
  const variants = shape.variants();
  const selector = node[shape.discriminator];
  const text = Array.isArray(selector) ? textOf(selector[0]) : undefined;
  const typeName = node[`${ATTR}type`];
  const found = variants.find((v) => text !== undefined && v.discriminatorValue === text)
    ?? variants.find((v) => typeName !== undefined && v.typeName === typeName);
  if (found) return found;
  // Unknown kind: read every member any variant knows, in first-seen order.
  const members = new Map<string, MemberShape>();
  for (const v of variants) for (const m of v.members) if (!members.has(m.name)) members.set(m.name, m);
  return { name: shape.name, members: [...members.values()] };
}

function readModel(shape: ModelShape, node: unknown, path: string, options: ReadOptions): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  if (typeof node !== 'object' || node === null) return record; // <Empty/> parses as ''.
  const xmlNode = node as XmlNode;
  const structure = pickVariant(shape, xmlNode);
  // A variant found through i:type still tells the caller its kind.
  if (isPolymorphic(shape) && structure.discriminatorValue !== undefined) record[shape.discriminator] = structure.discriminatorValue;
  for (const member of structure.members) {
    const memberPath = path ? `${path}.${member.name}` : member.name;
    if (member.xml === 'attribute') {
      const raw = xmlNode[`${ATTR}${member.name}`];
      if (typeof raw === 'string') record[member.name] = readScalar(member.type as ScalarShape, raw, memberPath);
      continue;
    }
    if (member.xml === 'text') {
      if (typeof xmlNode[TEXT] === 'string') record[member.name] = readScalar(member.type as ScalarShape, xmlNode, memberPath);
      continue;
    }
    const value = readMember(member, xmlNode, memberPath, options);
    if (value !== undefined) record[member.name] = value;
  }
  if (options.unmapped) {
    const known = new Set(structure.members.filter((m) => m.xml !== 'attribute').map((m) => m.name));
    for (const key of Object.keys(xmlNode)) {
      if (key === TEXT || key.startsWith(ATTR) || known.has(key)) continue;
      options.unmapped.push(path ? `${path}.${key}` : key);
    }
  }
  return record;
}

function readItem(item: ItemShape, node: unknown, path: string, options: ReadOptions): unknown {
  return item.type.kind === 'model' ? readModel(item.type.model(), node, path, options) : readScalar(item.type, node, path);
}

function readItems(item: ItemShape, nodes: unknown, path: string, options: ReadOptions): unknown[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.filter((n) => !isNil(n)).map((n, i) => readItem(item, n, `${path}[${i}]`, options));
}

function readMember(member: MemberShape, parent: XmlNode, path: string, options: ReadOptions): unknown {
  const nodes = parent[member.name];
  const type = member.type;
  if (type.kind === 'list' && !type.wrapped) return nodes === undefined ? undefined : readItems(type.item, nodes, path, options);
  if (!Array.isArray(nodes) || nodes.length === 0) return undefined;
  const node = nodes[0];
  if (isNil(node)) return undefined;
  if (type.kind === 'model') return readModel(type.model(), node, path, options);
  if (type.kind === 'list') {
    if (typeof node !== 'object' || node === null) return []; // <Wrapper/>
    const wrapper = node as XmlNode;
    if (options.unmapped) {
      for (const key of Object.keys(wrapper)) {
        if (key !== type.item.element && key !== TEXT && !key.startsWith(ATTR)) options.unmapped.push(`${path}.${key}`);
      }
    }
    return readItems(type.item, wrapper[type.item.element], path, options);
  }
  return readScalar(type, node, path);
}

/** Reads a response body of the given shape. Throws XmlSyntaxError or ShapeError. */
export function readXmlBody(body: BodyShape, xml: string, options: ReadOptions = {}): unknown {
  if ('text' in body) return xml;
  const root = rootOf(parseXmlTree(xml));
  if (!root) throw new XmlSyntaxError('the document has no root element');
  if (root.name !== body.element) throw new ShapeError(root.name, `expected root element ${body.element}`);
  if ('model' in body) return readModel(body.model(), root.node, '', options);
  if (typeof root.node !== 'object' || root.node === null) return [];
  return readItems(body.list, (root.node as XmlNode)[body.list.element], '', options);
}
