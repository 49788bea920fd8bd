/**
 * The comparison shared by the crosschecks whose evidence is a committed data file of body skeletons read from
 * another language's SDK (tools/crosscheck-python, tools/crosscheck-go): each skeleton is written as XML, matched to
 * our operation with the emulator's router (verb, path, root element, const members), and walked beside our model
 * with the Node crosscheck's walk (compare.ts). Differences a named source decided are marked justified; required
 * members they never send are listed (the emulator would answer 400); each client adds its own transport checks.
 */
import { allOperations } from '../../generated/operations/index.js';
import { isPolymorphic, type MemberShape, type ModelShape, type OperationDescriptor, type TypeShape } from '../../src/core/shapes.js';
import { DEFAULT_VERSIONS } from '../../src/emulator/api-version.js';
import { Router } from '../../src/emulator/router.js';
import { loadSpec } from '../../src/core/spec-load.js';
import type { CapturedBody } from './capture.js';
import { compare, parseXml, type Difference } from './compare.js';

/** An element: `{ Name: children }`; a child is an element, `"Name"`, `"Name=text"` or `"@fragment"`. */
export type Skeleton = { readonly [name: string]: readonly Node[] };
export type Node = string | Skeleton;

export interface SkeletonCall {
  readonly verb: string;
  /** After the host; `{sub}` stands for the subscription id. */
  readonly path: string;
  readonly body: Skeleton | null;
}

/** A difference the comparison may report because a named source decided it. */
export interface SkeletonJustification {
  readonly path: string;
  readonly kind: 'order' | 'theirs-only' | 'ours-only' | 'root';
  /** The `theirs` text of the difference (for ours-only, the `ours` text). */
  readonly elements: string;
  readonly source: string;
}

export interface SkeletonEvidence<C extends SkeletonCall, J extends SkeletonJustification> {
  readonly fragments: Readonly<Record<string, readonly Node[]>>;
  readonly calls: readonly C[];
  readonly justified: readonly J[];
}

/** What differs between the clients: how a call is named, which call a justification names, transport needs. */
export interface SkeletonClient<C extends SkeletonCall, J extends SkeletonJustification> {
  /** The evidence file's name, for errors in it. */
  readonly file: string;
  name(call: C): string;
  /** The method a justification is written for (Python's `python`, Go's `go`). */
  method(call: C): string;
  justifiedMethod(j: J): string;
  transport(call: C, operation: OperationDescriptor): string[];
}

export interface CallReport<C> {
  readonly name: string;
  readonly call: C;
  /** Required members of ours (at a path) that they never send: the emulator would answer 400. */
  readonly requiredMissing: readonly string[];
  /** Our operation (undefined: no operation of ours matches the verb, path and body root). */
  readonly operation?: string;
  readonly differences: ReadonlyArray<Difference & { justification?: string }>;
  /** Transport problems: version refused, a success status the client treats as an error. */
  readonly transport: readonly string[];
}

export interface SkeletonComparison<C, J> {
  readonly calls: ReadonlyArray<CallReport<C>>;
  /** Order, root and unknown-element differences no source justifies (ours-only ones are reported, not counted). */
  readonly unjustified: number;
  readonly justified: number;
  /** Justifications that matched no difference: stale evidence, to be removed. */
  readonly unusedJustifications: readonly J[];
}

export const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/**
 * What a client's transport needs of an operation, the same for every client: its x-ms-version within the
 * emulator's range, and every success status of ours below the one from which the client treats an answer as an
 * error (`errorFrom`; `rule` says the client's rule in the report).
 */
export function transportNeeds(version: string, operation: OperationDescriptor, errorFrom: number, rule: string): string[] {
  const problems: string[] = [];
  if (version < DEFAULT_VERSIONS.min || version > DEFAULT_VERSIONS.max) problems.push(`x-ms-version ${version} outside the emulator's ${DEFAULT_VERSIONS.min}..${DEFAULT_VERSIONS.max}`);
  const outside = operation.responses.map((r) => r.status).filter((s) => s < 200 || s >= errorFrom);
  if (outside.length > 0) problems.push(`success status ${outside.join('/')} ${rule}`);
  return problems;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function expand(nodes: readonly Node[], fragments: Readonly<Record<string, readonly Node[]>>, file: string): Node[] {
  return nodes.flatMap((node) => {
    if (typeof node !== 'string' || !node.startsWith('@')) return [node];
    const fragment = fragments[node.slice(1)];
    if (fragment === undefined) throw new Error(`${file}: no fragment "${node.slice(1)}"`);
    return expand(fragment, fragments, file);
  });
}

function write(node: Node, fragments: Readonly<Record<string, readonly Node[]>>, file: string): string {
  if (typeof node === 'string') {
    const [name, ...text] = node.split('=');
    return `<${name}>${escapeText(text.length > 0 ? text.join('=') : 'x')}</${name}>`;
  }
  const entries = Object.entries(node);
  if (entries.length !== 1) throw new Error(`${file}: an element has one name, got ${entries.map(([n]) => n).join(', ')}`);
  const [name, children] = entries[0]!;
  return `<${name}>${expand(children, fragments, file).map((c) => write(c, fragments, file)).join('')}</${name}>`;
}

/** The body as XML: the root carries the i and default namespaces, no declaration, no spaces. */
export function skeletonXml(body: Skeleton, fragments: Readonly<Record<string, readonly Node[]>>, file: string): string {
  const xml = write(body, fragments, file);
  const close = xml.indexOf('>');
  return `${xml.slice(0, close)} xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/windowsazure"${xml.slice(close)}`;
}

export function skeletonPath(call: SkeletonCall): string {
  return call.path.replace('{sub}', SUBSCRIPTION);
}

/** The calls as the Node comparison takes them; the method stands in for a Node client's (no source to read). */
export function skeletonBodies<C extends SkeletonCall, J extends SkeletonJustification>(evidence: SkeletonEvidence<C, J>, client: SkeletonClient<C, J>, family: string): CapturedBody[] {
  return evidence.calls.map((call) => ({
    name: client.name(call),
    method: { family, group: '', method: client.method(call), params: [], source: '', docParams: [] },
    verb: call.verb,
    url: `https://management.core.windows.net${skeletonPath(call)}`,
    body: call.body === null ? '' : skeletonXml(call.body, evidence.fragments, client.file),
  }));
}

/** Every member a model may hold at one level: a polymorphic model's variants together. */
function membersOf(shape: ModelShape): MemberShape[] {
  return isPolymorphic(shape) ? shape.variants().flatMap((v) => v.members) : [...shape.members];
}

/**
 * The model at a walked path (`/Root/A/B`). A list member leads to its item's model; the item element that follows
 * a wrapped list's name names no member and keeps that model.
 */
function modelAt(operation: OperationDescriptor, path: string): ModelShape | undefined {
  const request = operation.request;
  if (request === undefined || !('model' in request)) return undefined;
  let model: ModelShape | undefined = request.model();
  for (const segment of path.split('/').slice(2)) {
    if (model === undefined) return undefined;
    const member: MemberShape | undefined = membersOf(model).find((m) => m.name === segment || (m.type.kind === 'list' && m.type.item.element === segment));
    if (member === undefined) continue;
    const type: TypeShape = member.type.kind === 'list' ? member.type.item.type : member.type;
    model = type.kind === 'model' ? type.model() : undefined;
  }
  return model;
}

function requiredNeverSent(operation: OperationDescriptor, d: Difference): string[] {
  const model = modelAt(operation, d.path);
  if (model === undefined) return [];
  const names = d.ours.split(', ');
  return membersOf(model).filter((m) => m.required === true && m.readOnly !== true && names.includes(m.name)).map((m) => `${d.path}/${m.name}`);
}

function operationOf(router: Router, call: SkeletonCall, body: string): OperationDescriptor | undefined {
  const url = new URL(`https://h${skeletonPath(call)}`);
  const root = body === '' ? undefined : parseXml(body);
  const routed = router.match(call.verb, url.pathname, url.searchParams, () => ({
    empty: root === undefined,
    ...(root !== undefined ? { root: root.name } : {}),
    member: (name: string) => root?.children.find((c) => c.name === name)?.text,
  }));
  return routed.kind === 'match' ? routed.operation : undefined;
}

export function compareSkeletons<C extends SkeletonCall, J extends SkeletonJustification>(
  evidence: SkeletonEvidence<C, J>,
  client: SkeletonClient<C, J>,
  family: string,
  operations: readonly OperationDescriptor[] = allOperations,
): SkeletonComparison<C, J> {
  const bodies = skeletonBodies(evidence, client, family);
  // Each order difference carries our spec's reason for its order (the model's doc, order-evidence.ts).
  const spec = loadSpec();
  const walked = compare(bodies, operations, [], (model) => spec.models.get(model)?.doc);
  const router = new Router(operations);
  const used = new Set<J>();
  const calls = evidence.calls.map((call, i): CallReport<C> => {
    const name = client.name(call);
    const operation = operationOf(router, call, bodies[i]!.body);
    const differences = walked.differences.filter((d) => d.name === name).map((d) => {
      const text = d.kind === 'ours-only' ? d.ours : d.theirs;
      const j = evidence.justified.find((x) => client.justifiedMethod(x) === client.method(call) && x.path === d.path && x.kind === d.kind && x.elements === text);
      if (j !== undefined) used.add(j);
      return j === undefined ? d : { ...d, justification: j.source };
    });
    const requiredMissing = operation === undefined ? [] : differences.filter((d) => d.kind === 'ours-only').flatMap((d) => requiredNeverSent(operation, d));
    return {
      name, call, requiredMissing, differences,
      ...(operation !== undefined ? { operation: operation.name } : {}),
      transport: operation === undefined ? [] : client.transport(call, operation),
    };
  });
  const all = calls.flatMap((c) => c.differences).filter((d) => d.kind !== 'ours-only');
  return {
    calls,
    unjustified: all.filter((d) => d.justification === undefined).length,
    justified: all.filter((d) => d.justification !== undefined).length,
    unusedJustifications: evidence.justified.filter((j) => !used.has(j)),
  };
}
