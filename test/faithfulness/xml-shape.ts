/**
 * The shape of an XML body: for each element path (Deployment/RoleInstanceList/RoleInstance), the names of its
 * child elements in order, merged over repeated elements. Comparing the emulator's body with a recorded one
 * says which elements the emulator writes that the service did not (extra), which the service wrote that the
 * emulator left out (missing: optional members whose presence depends on the state), and whether the common
 * elements come in the same order. Values are not compared.
 */
import { elementName, parseXmlDocument, type OrderedNode } from '../../src/core/xml-document.js';

/** Per element path: the merged order of child names, and each element's own sequence. */
export type Shape = Map<string, { order: string[]; sequences: string[][] }>;

/**
 * One order for the child names seen in several sequences: each sequence says which name comes before which,
 * and the names are sorted by those constraints (ties, and contradictions, go by first appearance). Merging
 * sequence by sequence would guess wrong when two names first appear in different elements.
 */
function mergedOrder(sequences: readonly string[][]): string[] {
  const names = [...new Set(sequences.flat())];
  const after = new Map(names.map((n) => [n, new Set<string>()]));
  for (const sequence of sequences) sequence.forEach((name, i) => { if (i > 0) after.get(sequence[i - 1]!)!.add(name); });
  const incoming = new Map(names.map((n) => [n, 0]));
  for (const targets of after.values()) for (const target of targets) incoming.set(target, incoming.get(target)! + 1);
  const order: string[] = [];
  const left = new Set(names);
  while (left.size > 0) {
    const next = names.find((n) => left.has(n) && incoming.get(n) === 0) ?? names.find((n) => left.has(n))!;
    left.delete(next);
    order.push(next);
    for (const target of after.get(next)!) incoming.set(target, incoming.get(target)! - 1);
  }
  return order;
}

function collect(nodes: OrderedNode[], path: string, sequences: Map<string, string[][]>): void {
  for (const node of nodes) {
    const name = elementName(node);
    if (name === undefined) continue;
    const here = path === '' ? name : `${path}/${name}`;
    const children = (node[name] as OrderedNode[]).filter((c) => elementName(c) !== undefined);
    if (!sequences.has(here)) sequences.set(here, []);
    sequences.get(here)!.push([...new Set(children.map((c) => elementName(c)!))]);
    collect(children, here, sequences);
  }
}

export function shapeOf(xml: string): Shape {
  const sequences = new Map<string, string[][]>();
  collect(parseXmlDocument(xml), '', sequences);
  return new Map([...sequences].map(([path, seqs]) => [path, { order: mergedOrder(seqs), sequences: seqs }]));
}

export interface ShapeDifference {
  /** `path/Name` of elements only the emulator wrote. */
  extra: string[];
  /** `path/Name` of elements only the recording has (under paths the emulator wrote). */
  missing: string[];
  /** Paths whose common children come in another order. */
  order: string[];
  rootDiffers: boolean;
}

function inOrder(ours: readonly string[], recorded: readonly string[]): boolean {
  const common = ours.filter((n) => recorded.includes(n));
  const expected = recorded.filter((n) => common.includes(n));
  return common.every((n, i) => n === expected[i]);
}

/** Each of the emulator's elements is checked on its own against the recorded order (merging ours could guess). */
export function compareShapes(ours: Shape, recorded: Shape): ShapeDifference {
  const difference: ShapeDifference = { extra: [], missing: [], order: [], rootDiffers: [...ours.keys()][0] !== [...recorded.keys()][0] };
  for (const [path, { order: children, sequences }] of ours) {
    const known = recorded.get(path)?.order;
    if (known === undefined) continue; // the parent reports this element as extra
    for (const name of children) if (!known.includes(name)) difference.extra.push(`${path}/${name}`);
    for (const name of known) if (!children.includes(name)) difference.missing.push(`${path}/${name}`);
    if (!sequences.every((sequence) => inOrder(sequence, known))) difference.order.push(path);
  }
  return difference;
}

export type Verdict = 'exact' | 'compatible' | 'mismatch';

/** exact: same names in the same order; compatible: in order, only optional elements missing; else mismatch. */
export function verdictOf(difference: ShapeDifference): Verdict {
  if (difference.rootDiffers || difference.extra.length > 0 || difference.order.length > 0) return 'mismatch';
  return difference.missing.length > 0 ? 'compatible' : 'exact';
}
