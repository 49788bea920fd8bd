/**
 * Structural checks on a body's XML that xml.ts does not make when reading: the root's namespace, element order,
 * members given twice, scalars holding elements, and base64 text that does not decode. Each issue's rule reads
 * `what is wrong (rule: name)`, as the emulator answers it.
 *
 * Element order: the service read bodies with an order-sensitive data-contract reader, which skipped an element
 * that came after a later member of the contract (the Python client's UpdateOSImage body, recorded, lost every
 * member it sent after Language this way, while the service answered 200). Out-of-order elements are returned
 * apart, as `skipped`: the emulator reads the body as the service did (or refuses it, in strict mode);
 * validateDocument reports them, since what the service skips is lost.
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

/** What the checks found: rules broken, and elements an order-sensitive reader skips. */
interface Findings {
  readonly issues: Issue[];
  readonly skipped: Issue[];
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

/**
 * A scalar's element must hold text only. The reader joins the text around child elements, so without this check
 * <ServiceName>ab<x/>cd</ServiceName> created the service "abcd" (issue #16); the service's schema types these
 * elements as simple types, which hold no elements.
 */
function checkText(node: unknown, path: string, issues: Issue[]): void {
  if (typeof node !== 'object' || node === null) return;
  const child = Object.keys(node).find(isElementKey);
  if (child !== undefined) issues.push({ path, rule: `holds the element <${child}>; it must hold text only (rule: text value)` });
}

function checkItem(item: ItemShape, node: unknown, path: string, found: Findings): void {
  if (item.type.kind === 'model') return checkModel(item.type.model(), node, path, found);
  checkText(node, path, found.issues);
  if (item.type.kind === 'base64') checkBase64(node, path, found.issues);
}

function checkMemberNodes(member: MemberShape, nodes: unknown[], path: string, found: Findings): void {
  const type = member.type;
  if (type.kind === 'list' && !type.wrapped) {
    nodes.forEach((n, i) => checkItem(type.item, n, `${path}[${i}]`, found));
    return;
  }
  if (nodes.length > 1) found.issues.push({ path, rule: `appears ${nodes.length} times; it must appear once (rule: single)` });
  const node = nodes[0];
  if (type.kind === 'model') checkModel(type.model(), node, path, found);
  else if (type.kind === 'list') {
    const items = typeof node === 'object' && node !== null ? (node as XmlNode)[type.item.element] : undefined;
    if (Array.isArray(items)) items.forEach((n, i) => checkItem(type.item, n, `${path}[${i}]`, found));
  } else {
    checkText(node, path, found.issues);
    if (type.kind === 'base64') checkBase64(node, path, found.issues);
  }
}

function checkModel(shape: ModelShape, node: unknown, path: string, found: Findings): void {
  if (typeof node !== 'object' || node === null || isNil(node)) return;
  const xmlNode = node as XmlNode;
  const structure = pickStructure(shape, xmlNode, path, found.issues);
  if (structure === undefined) return;
  // Where the service read every variant as one flat contract, order is that contract's: an element of another
  // variant in its place was read (and ignored), one out of that order was skipped.
  const flat = isPolymorphic(shape) ? flatContract(shape) : undefined;
  const own = new Set(structure.members.map((m) => m.name));
  const elements = (flat ?? structure).members.filter((m) => m.xml === undefined);
  const position = new Map(elements.map((m, i) => [m.name, i]));
  let furthest = -1;
  // The keyed view (xml-tree.ts) keeps keys in the order each element name first appears, which is the order to check.
  for (const key of Object.keys(xmlNode).filter(isElementKey)) {
    const index = position.get(key);
    if (index === undefined) continue; // unknown elements are reported by readXmlBody's `unmapped` collector
    if (index < furthest) {
      const expected = elements.map((m) => m.name).join(', ');
      found.skipped.push({ path: `${path}.${key}`, rule: `is out of order: it must come before ${elements[furthest]!.name} (rule: element order ${expected})` });
      continue;
    }
    furthest = index;
    if (own.has(key)) checkMemberNodes(elements[index]!, xmlNode[key] as unknown[], `${path}.${key}`, found);
  }
}

/**
 * Structural issues of a parsed request document whose root element is already known to be body.element, and
 * the elements an order-sensitive reader skips (paths as `Root.Member[index].Member`).
 */
export function checkXmlStructure(body: BodyShape, rootNode: unknown, namespace: string | undefined, expectedNamespace: string): Findings {
  const found: Findings = { issues: [], skipped: [] };
  if (namespace !== expectedNamespace) {
    found.issues.push({ path: body.element, rule: `must be in the namespace ${expectedNamespace} (rule: namespace; found ${namespace ?? 'none'})` });
  }
  if ('model' in body) checkModel(body.model(), rootNode, body.element, found);
  else if ('list' in body && typeof rootNode === 'object' && rootNode !== null) {
    const items = (rootNode as XmlNode)[body.list.element];
    if (Array.isArray(items)) items.forEach((n, i) => checkItem(body.list, n, `${body.element}.${body.list.element}[${i}]`, found));
  }
  return found;
}

/** Whether `path` is a skipped element or inside one (paths as checkXmlStructure's). */
export function isUnderSkipped(path: string, skippedPaths: readonly string[]): boolean {
  return skippedPaths.some((s) => path === s || path.startsWith(`${s}.`) || path.startsWith(`${s}[`));
}

/**
 * Removes the skipped members from the value read from the same document, so that it holds what the service
 * read. Paths are checkXmlStructure's: the root element, then members and list indexes.
 */
export function withoutSkipped(value: unknown, skipped: readonly Issue[]): unknown {
  for (const { path } of skipped) {
    const steps = path.split('.').slice(1).flatMap((step) => step.split(/[[\]]/).filter((s) => s !== ''));
    let holder: unknown = value;
    for (const step of steps.slice(0, -1)) holder = typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[step] : undefined;
    if (typeof holder === 'object' && holder !== null) delete (holder as Record<string, unknown>)[steps[steps.length - 1]!];
  }
  return value;
}
