/**
 * Structural checks on a body's XML that xml.ts does not make when reading: the root's namespace, element order
 * (the real service silently dropped an out-of-order element, so the emulator and validateDocument refuse it to
 * make the client's bug visible), members given twice, and base64 text that does not decode. Each issue's rule
 * reads `what is wrong (rule: name)`, as the emulator answers it.
 */
import { isBase64 } from './codec.js';
import { ATTR, TEXT } from './xml-document.js';
import { flatContract, isPolymorphic, type BodyShape, type ItemShape, type MemberShape, type ModelShape, type StructureShape } from './shapes.js';
import type { ValidationIssue as Issue } from './errors.js';
import type { XmlNode } from './xml-tree.js';


function isElementKey(key: string): boolean {
  return key !== TEXT && !key.startsWith(ATTR);
}

function isNil(node: unknown): boolean {
  return typeof node === 'object' && node !== null && (node as XmlNode)[`${ATTR}nil`] === 'true';
}

function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  const text = typeof node === 'object' && node !== null ? (node as XmlNode)[TEXT] : undefined;
  return typeof text === 'string' ? text : '';
}

/**
 * The namespace of the document's root element, read from the raw text: the runtime's parser drops namespace
 * declarations, and the service required its namespace on request roots.
 */
export function rootNamespace(xml: string): string | undefined {
  const body = xml.replace(/^\uFEFF/, '').replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s[^>]*?)?)\/?>/.exec(body);
  if (tag === null) return undefined;
  const prefix = tag[1]!.includes(':') ? tag[1]!.split(':')[0] : undefined;
  const attribute = prefix === undefined ? 'xmlns' : `xmlns:${prefix}`;
  const declaration = new RegExp(`\\s${attribute}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag[2] ?? '');
  return declaration === null ? undefined : declaration[2] ?? declaration[3];
}

function checkBase64(node: unknown, path: string, issues: Issue[]): void {
  if (isNil(node)) return;
  const compact = textOf(node).replace(/\s+/g, '');
  if (!isBase64(compact)) issues.push({ path, rule: 'must be base64-encoded (rule: base64)' });
}

function pickStructure(shape: ModelShape, node: XmlNode, path: string, issues: Issue[]): StructureShape | undefined {
  if (!isPolymorphic(shape)) return shape;
  const variants = shape.variants();
  const selector = node[shape.discriminator];
  const text = Array.isArray(selector) ? textOf(selector[0]) : undefined;
  const typeName = node[`${ATTR}type`];
  const found = variants.find((v) => v.discriminatorValue === text) ?? variants.find((v) => v.typeName !== undefined && v.typeName === typeName);
  if (found === undefined) {
    const allowed = variants.map((v) => v.discriminatorValue).join(', ');
    issues.push({ path: `${path}.${shape.discriminator}`, rule: `must be one of ${allowed} (rule: discriminator)` });
  }
  return found;
}

function checkItem(item: ItemShape, node: unknown, path: string, issues: Issue[]): void {
  if (item.type.kind === 'model') checkModel(item.type.model(), node, path, issues);
  else if (item.type.kind === 'base64') checkBase64(node, path, issues);
}

function checkMemberNodes(member: MemberShape, nodes: unknown[], path: string, issues: Issue[]): void {
  const type = member.type;
  if (type.kind === 'list' && !type.wrapped) {
    nodes.forEach((n, i) => checkItem(type.item, n, `${path}[${i}]`, issues));
    return;
  }
  if (nodes.length > 1) issues.push({ path, rule: `appears ${nodes.length} times; it must appear once (rule: single)` });
  const node = nodes[0];
  if (type.kind === 'model') checkModel(type.model(), node, path, issues);
  else if (type.kind === 'base64') checkBase64(node, path, issues);
  else if (type.kind === 'list' && typeof node === 'object' && node !== null) {
    const items = (node as XmlNode)[type.item.element];
    if (Array.isArray(items)) items.forEach((n, i) => checkItem(type.item, n, `${path}[${i}]`, issues));
  }
}

function checkModel(shape: ModelShape, node: unknown, path: string, issues: Issue[]): void {
  if (typeof node !== 'object' || node === null || isNil(node)) return;
  const xmlNode = node as XmlNode;
  const structure = pickStructure(shape, xmlNode, path, issues);
  if (structure === undefined) return;
  // Where the service read every variant as one flat contract, order is that contract's: an element of another
  // variant in its place was read (and ignored), one out of that order was skipped, which the emulator refuses.
  const flat = isPolymorphic(shape) ? flatContract(shape) : undefined;
  const own = new Set(structure.members.map((m) => m.name));
  const elements = (flat ?? structure).members.filter((m) => m.xml === undefined);
  const position = new Map(elements.map((m, i) => [m.name, i]));
  let furthest = -1;
  // fast-xml-parser keeps keys in the order each element name first appears, which is the order to check.
  for (const key of Object.keys(xmlNode).filter(isElementKey)) {
    const index = position.get(key);
    if (index === undefined) continue; // unknown elements are reported by readXmlBody's `unmapped` collector
    if (index < furthest) {
      const expected = elements.map((m) => m.name).join(', ');
      issues.push({ path: `${path}.${key}`, rule: `is out of order: it must come before ${elements[furthest]!.name} (rule: element order ${expected})` });
    } else {
      furthest = index;
    }
    if (own.has(key)) checkMemberNodes(elements[index]!, xmlNode[key] as unknown[], `${path}.${key}`, issues);
  }
}

/** Structural issues of a parsed request document whose root element is already known to be body.element. */
export function checkXmlStructure(body: BodyShape, rootNode: unknown, namespace: string | undefined, expectedNamespace: string): Issue[] {
  const issues: Issue[] = [];
  if (namespace !== expectedNamespace) {
    issues.push({ path: body.element, rule: `must be in the namespace ${expectedNamespace} (rule: namespace; found ${namespace ?? 'none'})` });
  }
  if ('model' in body) checkModel(body.model(), rootNode, body.element, issues);
  else if ('list' in body && typeof rootNode === 'object' && rootNode !== null) {
    const items = (rootNode as XmlNode)[body.list.element];
    if (Array.isArray(items)) items.forEach((n, i) => checkItem(body.list, n, `${body.element}.${body.list.element}[${i}]`, issues));
  }
  return issues;
}
