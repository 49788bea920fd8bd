/**
 * The static comparison: each body Microsoft's serializer wrote is matched to our operation by verb and path (the
 * emulator's router, so shared URLs are told apart by the body's root, as the emulator does), then walked level by
 * level beside our spec's model. At each level: elements they send that our model does not have, elements of our
 * model they never send, and the order of the elements both have. Also their accepted statuses against ours.
 */
import { flatContract, isPolymorphic, type ModelShape, type OperationDescriptor, type StructureShape, type TypeShape } from '../../src/core/shapes.js';
import { parseXmlDocument } from '../../src/core/xml-document.js';
import { Router, type BodyPeek } from '../../src/emulator/router.js';
import type { CapturedBody } from './capture.js';
import type { LoadedFamily } from './clients.js';
import { orderEvidence, type OrderEvidence } from './order-evidence.js';
import { acceptedStatuses } from './statuses.js';

export interface Difference {
  readonly name: string;
  readonly operation: string;
  readonly path: string;
  readonly kind: 'theirs-only' | 'ours-only' | 'order' | 'root';
  readonly theirs: string;
  readonly ours: string;
  /** The model of our spec at that level (the list's item element for a list level). */
  readonly model: string;
  /** For an order difference: why our spec orders it so, from the model's doc (order-evidence.ts). */
  readonly evidence?: OrderEvidence;
}

type Emit = (d: Omit<Difference, 'name' | 'operation'>) => void;

export interface StatusDisagreement {
  readonly name: string;
  readonly operation: string;
  readonly theirs: readonly number[];
  readonly ours: readonly number[];
}

export interface Comparison {
  readonly differences: Difference[];
  readonly statuses: StatusDisagreement[];
  /** Methods whose request matched no operation of ours (verb + path), and methods whose serializer could not run. */
  readonly unmatched: Array<{ name: string; request: string }>;
  readonly failed: Array<{ name: string; error: string }>;
  compared: number;
}

interface Element { readonly name: string; readonly children: Element[]; readonly text: string }

function toElements(nodes: unknown[]): Element[] {
  const out: Element[] = [];
  for (const node of nodes as Array<Record<string, unknown>>) {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '?xml');
    if (name === undefined) continue;
    const inner = (node[name] as unknown[]) ?? [];
    const text = (inner as Array<Record<string, unknown>>).map((n) => n['#text']).filter((t) => t !== undefined).join('');
    out.push({ name, children: toElements(inner), text: String(text) });
  }
  return out;
}

export function parseXml(body: string): Element | undefined {
  try {
    return toElements(parseXmlDocument(body))[0];
  } catch {
    return undefined;
  }
}

function peekOf(root: Element | undefined): BodyPeek {
  return {
    empty: root === undefined,
    ...(root !== undefined ? { root: root.name } : {}),
    member: (name) => root?.children.find((c) => c.name === name)?.text,
  };
}

/** Consecutive repeats collapse: an unwrapped list is one position in the order. */
function sequence(children: readonly Element[]): string[] {
  return children.map((c) => c.name).filter((n, i, all) => n !== all[i - 1]);
}

function chooseStructure(shape: ModelShape, element: Element): StructureShape {
  if (!isPolymorphic(shape)) return shape;
  // A model the service read as one flat contract (wireOrder) is compared with that contract, whatever the kind.
  const flat = flatContract(shape);
  if (flat !== undefined) return flat;
  const variants = shape.variants();
  const typed = element.children.find((c) => c.name === shape.discriminator)?.text;
  const exact = variants.find((v) => v.discriminatorValue === typed);
  if (exact !== undefined) return exact;
  // Their serializer wrote every member of every variant at once (one flat contract): compare with the union.
  const members = variants.flatMap((v) => v.members).filter((m, i, all) => all.findIndex((x) => x.name === m.name) === i);
  return { name: `${shape.name} (all variants)`, members };
}

function walk(element: Element, shape: ModelShape, path: string, emit: Emit): void {
  const structure = chooseStructure(shape, element);
  const elements = structure.members.filter((m) => m.xml !== 'attribute' && m.xml !== 'text');
  const byName = new Map<string, TypeShape>();
  for (const m of elements) {
    byName.set(m.name, m.type);
    if (m.type.kind === 'list' && !m.type.wrapped) byName.set(m.type.item.element, m.type);
  }
  const theirs = sequence(element.children);
  const unknown = theirs.filter((n) => !byName.has(n));
  const model = shape.name;
  if (unknown.length > 0) emit({ path, model, kind: 'theirs-only', theirs: unknown.join(', '), ours: `(${structure.name} has no such element)` });
  const ourOrder = elements.map((m) => (m.type.kind === 'list' && !m.type.wrapped ? m.type.item.element : m.name));
  const missing = ourOrder.filter((n) => !theirs.includes(n));
  if (missing.length > 0) emit({ path, model, kind: 'ours-only', theirs: '(never sent)', ours: missing.join(', ') });
  const common = theirs.filter((n) => ourOrder.includes(n));
  const oursCommon = ourOrder.filter((n) => common.includes(n));
  if (common.join() !== oursCommon.join()) emit({ path, model, kind: 'order', theirs: common.join(', '), ours: oursCommon.join(', ') });
  for (const child of element.children.filter((c, i, all) => all.findIndex((x) => x.name === c.name) === i)) {
    const type = byName.get(child.name);
    if (type !== undefined) walkType(child, type, `${path}/${child.name}`, emit);
  }
}

function walkType(element: Element, type: TypeShape, path: string, emit: Emit): void {
  if (type.kind === 'model') return walk(element, type.model(), path, emit);
  if (type.kind !== 'list') return;
  const item = type.item;
  if (!type.wrapped) {
    if (item.type.kind === 'model') walk(element, item.type.model(), path, emit);
    return;
  }
  const names = [...new Set(element.children.map((c) => c.name))];
  const strangers = names.filter((n) => n !== item.element);
  if (strangers.length > 0) emit({ path, model: item.element, kind: 'theirs-only', theirs: strangers.join(', '), ours: `(list of ${item.element})` });
  if (item.type.kind !== 'model') return;
  const model = item.type.model();
  for (const one of distinctItems(element.children.filter((c) => c.name === item.element), model)) walk(one, model, `${path}/${item.element}`, emit);
}

/**
 * The items of a list worth walking: the first, and for a polymorphic item the first of each discriminator value
 * (a role's Linux and network configuration sets are two different contracts; walking only the first hid the second).
 */
function distinctItems(items: readonly Element[], model: ModelShape): Element[] {
  if (!isPolymorphic(model)) return items.slice(0, 1);
  const kindOf = (e: Element) => e.children.find((c) => c.name === model.discriminator)?.text;
  return items.filter((e, i) => items.findIndex((x) => kindOf(x) === kindOf(e)) === i);
}

function matchOperation(router: Router, verb: string, url: string, root: Element | undefined): OperationDescriptor | undefined {
  const u = new URL(url);
  const routed = router.match(verb, u.pathname, u.searchParams, () => peekOf(root));
  return routed.kind === 'match' ? routed.operation : undefined;
}

/**
 * `docOf` gives a model's doc in our spec (by model name): each order difference then carries the justification
 * the doc gives.
 */
export function compare(
  bodies: readonly CapturedBody[], operations: readonly OperationDescriptor[], families: readonly LoadedFamily[],
  docOf: (model: string) => string | undefined = () => undefined,
): Comparison {
  const router = new Router(operations);
  const result: Comparison = { differences: [], statuses: [], unmatched: [], failed: [], compared: 0 };
  for (const captured of bodies) {
    if (captured.url === '') {
      result.failed.push({ name: captured.name, error: captured.error ?? 'sent nothing' });
      continue;
    }
    const root = captured.body.trim().startsWith('<') ? parseXml(captured.body) : undefined;
    const operation = matchOperation(router, captured.verb, captured.url, root);
    if (operation === undefined) {
      const u = new URL(captured.url);
      result.unmatched.push({ name: captured.name, request: `${captured.verb} ${u.pathname}${u.search}` });
      continue;
    }
    const theirs = acceptedStatuses(captured.method, families);
    const ours = operation.responses.map((r) => r.status);
    if (theirs.length > 0 && [...theirs].sort().join() !== [...ours].sort().join()) {
      result.statuses.push({ name: captured.name, operation: operation.name, theirs, ours });
    }
    const request = operation.request;
    if (root === undefined || request === undefined || !('model' in request)) continue;
    result.compared += 1;
    const emit: Emit = (d) => {
      result.differences.push({ name: captured.name, operation: operation.name, ...d, ...(d.kind === 'order' ? { evidence: orderEvidence(d.model, docOf(d.model)) } : {}) });
    };
    const model = request.model();
    if (root.name !== request.element) emit({ path: '/', model: model.name, kind: 'root', theirs: root.name, ours: request.element });
    walk(root, model, `/${root.name}`, emit);
  }
  return result;
}
