/**
 * XML for the service, driven by shapes: serialization writes members in spec order (the service silently drops
 * out-of-order elements); parsing maps the reader's ordered tree (xml-nodes.ts) onto the shapes, always yielding arrays for lists,
 * treating i:nil as absent and tolerating i:type.
 */
import { ValueFormatError, canonicalEnum, formatScalar, isEmptyDate, parseScalar, unicodeProblem, xmlTextProblem } from './codec.js';
import {
  ATTR, XSI, XmlSyntaxError, attributesOf, childrenOf, elementName, isNil, namespaceOf, parseXmlDocument, textOf, type OrderedNode,
} from './xml-document.js';
import {
  flatContract, isPolymorphic, variantFor, variantNames, type BodyShape, type ItemShape, type MemberShape, type ModelShape,
  type PolymorphicShape, type ScalarShape, type StructureShape, type TypeShape,
} from './shapes.js';

/** A value that does not fit its shape; `path` names the member, e.g. `RoleList[0].RoleName`. */
export class ShapeError extends Error {
  constructor(readonly path: string, readonly rule: string) {
    super(`${path}: ${rule}`);
    this.name = 'ShapeError';
  }
}

// ---------------------------------------------------------------------------------------------- writing

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '"': '&quot;', '\n': '&#xA;', '\t': '&#x9;' };

/**
 * Text as element content. CR is written as &#xD;, as .NET writers do: a literal CR would reach the reader as LF
 * (XML end-of-line handling). A character XML cannot carry at all is refused rather than sent (ValueFormatError).
 */
function escapeText(text: string): string {
  const problem = xmlTextProblem(text);
  if (problem !== undefined) throw new ValueFormatError(problem);
  return text.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
}

/** Text as an attribute value: tab, LF and CR too are written as references, which attribute normalization keeps. */
function escapeAttribute(text: string): string {
  const problem = xmlTextProblem(text);
  if (problem !== undefined) throw new ValueFormatError(problem);
  return text.replace(/[&<>"\r\n\t]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}

/**
 * The structure a value is written with (as XML or JSON); a discriminator that selects no variant is refused,
 * naming the variants.
 */
export function structureToWrite(shape: ModelShape, value: Record<string, unknown>, path: string): StructureShape {
  const structure = variantFor(shape, isPolymorphic(shape) ? value[shape.discriminator] : undefined);
  if (structure !== undefined) return structure;
  const polymorphic = shape as PolymorphicShape;
  throw new ShapeError(`${path}${path ? '.' : ''}${polymorphic.discriminator}`, `must be one of ${variantNames(polymorphic)}`);
}

function writeScalar(out: string[], name: string, type: ScalarShape, value: unknown, path: string): void {
  try {
    out.push(`<${name}>${escapeText(formatScalar(type, value))}</${name}>`);
  } catch (err) {
    if (err instanceof ValueFormatError) throw new ShapeError(path, err.message);
    throw err;
  }
}

const wireOrdered = new WeakMap<StructureShape, readonly MemberShape[]>();

/**
 * A variant's members in the order the service's one flat contract has them (the spec loader checks that variants
 * list them so; sorting here keeps a hand-built shape honest too), or the structure's own order.
 */
function membersToWrite(shape: ModelShape, structure: StructureShape): readonly MemberShape[] {
  const flat = isPolymorphic(shape) ? flatContract(shape) : undefined;
  if (flat === undefined) return structure.members;
  let members = wireOrdered.get(structure);
  if (members === undefined) {
    const position = new Map(flat.members.map((m, i) => [m.name, i]));
    const at = (m: MemberShape): number => position.get(m.name) ?? -1; // attributes and text sit outside the element order
    members = [...structure.members].sort((a, b) => at(a) - at(b));
    wireOrdered.set(structure, members);
  }
  return members;
}

function writeModel(out: string[], name: string, shape: ModelShape, value: unknown, path: string, rootAttrs = ''): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(path || name, 'expected an object');
  const record = value as Record<string, unknown>;
  const structure = structureToWrite(shape, record, path);
  let attrs = rootAttrs;
  let text = '';
  const children: string[] = [];
  for (const member of membersToWrite(shape, structure)) {
    const memberValue = member.const ?? record[member.name];
    if (memberValue === undefined || memberValue === null) continue;
    const memberPath = path ? `${path}.${member.name}` : member.name;
    if (member.xml === 'attribute' || member.xml === 'text') {
      if (member.type.kind === 'model' || member.type.kind === 'list') throw new ShapeError(memberPath, 'must be a scalar');
      try {
        const formatted = formatScalar(member.type, memberValue);
        if (member.xml === 'attribute') attrs += ` ${member.name}="${escapeAttribute(formatted)}"`;
        else text = escapeText(formatted);
      } catch (err) {
        if (err instanceof ValueFormatError) throw new ShapeError(memberPath, err.message);
        throw err;
      }
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
    // Opaque text still travels as UTF-8: a lone surrogate would silently become U+FFFD.
    const problem = unicodeProblem(value);
    if (problem !== undefined) throw new ShapeError(body.member ?? body.element, problem);
    return value;
  }
  return out.join('');
}

// ---------------------------------------------------------------------------------------------- reading

export { XmlSyntaxError };

export interface ReadOptions {
  /** Collects the paths of elements the shapes do not map (for conformance checks). */
  unmapped?: string[];
  /** Enum values in any case read as the spec spells them, as the service read requests. */
  enumsIgnoreCase?: boolean;
}

function readScalar(type: ScalarShape, text: string, path: string, options: ReadOptions): unknown {
  try {
    return parseScalar(type, options.enumsIgnoreCase ? canonicalEnum(type.enum, text) : text);
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
  const found = (text === undefined ? undefined : variantFor(shape, text))
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
  const own = memberIndex(structure);
  // Where the service read every variant as one flat contract, any of its elements is known in any variant.
  const flat = isPolymorphic(shape) ? flatContract(shape) : undefined;
  const index = flat === undefined ? own : memberIndex(flat);
  const namespace = namespaceOf(element);
  for (const child of children) {
    const childName = elementName(child);
    if (childName === undefined) continue;
    const member = index.get(childName);
    const memberPath = path ? `${path}.${childName}` : childName;
    if (!member || isForeign(child, namespace, member)) {
      options.unmapped?.push(memberPath);
      continue;
    }
    // An element of the flat contract that this variant does not use (the classic CLI wrote an empty
    // <StoredCertificateSettings/> into a NetworkConfiguration set) is read and ignored, as the service ignored it;
    // the value keeps only what fits the variant's members, so it stays a value of the variant's type.
    if (!own.has(childName)) continue;
    const type = member.type;
    if (type.kind === 'list' && !type.wrapped) {
      if (!isNil(child)) ((record[childName] ??= []) as unknown[]).push(readItem(type.item, child, childName, `${memberPath}[${(record[childName] as unknown[] | undefined)?.length ?? 0}]`, options));
      continue;
    }
    // The first occurrence of a single member counts, as the service's own ordered reader did.
    if (childName in record || isNil(child)) continue;
    if (type.kind === 'list') record[childName] = readItems(type.item, child, childName, memberPath, options);
    else if (type.kind === 'model') record[childName] = readModel(type.model(), child, childName, memberPath, options);
    else {
      const text = textOf(childrenOf(child, childName));
      if (!isEmptyDate(type, text)) record[childName] = readScalar(type, text, memberPath, options);
    }
  }
  for (const member of structure.members) {
    if (member.xml === undefined) continue;
    const memberPath = path ? `${path}.${member.name}` : member.name;
    const raw = member.xml === 'attribute' ? attributes?.[`${ATTR}${member.name}`] : textOf(children) || undefined;
    if (raw !== undefined && !isEmptyDate(member.type as ScalarShape, raw)) record[member.name] = readScalar(member.type as ScalarShape, raw, memberPath, options);
  }
  return record;
}

/**
 * Whether a child element belongs to another namespace than its parent's (and than its member's model's own): it
 * is then not the member, whatever its local name, as the service's DataContractSerializer read it. A child whose
 * namespace is unknown (an undeclared prefix) is read as its parent's.
 */
function isForeign(child: OrderedNode, parentNamespace: string | undefined, member: MemberShape): boolean {
  const namespace = namespaceOf(child);
  if (namespace === undefined || parentNamespace === undefined || namespace === parentNamespace) return false;
  const type = member.type.kind === 'list' ? member.type.item.type : member.type;
  if (type.kind !== 'model') return true;
  const model = type.model();
  return isPolymorphic(model) || model.namespace !== namespace;
}

function readItem(item: ItemShape, element: OrderedNode, name: string, path: string, options: ReadOptions): unknown {
  return item.type.kind === 'model'
    ? readModel(item.type.model(), element, name, path, options)
    : readScalar(item.type, textOf(childrenOf(element, name)), path, options);
}

function isForeignItem(child: OrderedNode, parentNamespace: string | undefined): boolean {
  const namespace = namespaceOf(child);
  return namespace !== undefined && parentNamespace !== undefined && namespace !== parentNamespace;
}

function readItems(item: ItemShape, parent: OrderedNode, name: string, path: string, options: ReadOptions): unknown[] {
  const children = childrenOf(parent, name);
  const items: unknown[] = [];
  for (const child of children) {
    const childName = elementName(child);
    if (childName === undefined) continue;
    if (childName !== item.element || isForeignItem(child, namespaceOf(parent))) {
      options.unmapped?.push(`${path}.${childName}`);
      continue;
    }
    if (isNil(child) || (item.type.kind !== 'model' && isEmptyDate(item.type, textOf(childrenOf(child, childName))))) continue;
    items.push(readItem(item, child, childName, `${path}[${items.length}]`, options));
  }
  return items;
}

/** Reads a body of the given shape. Throws XmlSyntaxError or ShapeError. */
export function readXmlBody(body: BodyShape, xml: string, options: ReadOptions = {}): unknown {
  if ('text' in body) return xml;
  const root = parseXmlDocument(xml).find((node) => elementName(node) !== undefined);
  if (!root) throw new XmlSyntaxError('the document has no root element');
  const name = elementName(root)!;
  if (name !== body.element) throw new ShapeError(name, `expected root element ${body.element}`);
  if ('model' in body) return readModel(body.model(), root, name, '', options);
  return readItems(body.list, root, name, '', options);
}
