/**
 * The comparison of azure-servicemanagement-legacy's requests with our spec: the Node crosscheck's walk of each
 * body beside our model (element order, elements they send that we lack, elements we have that they never send),
 * each difference marked justified when the evidence file names the source that decided it; plus what Python's
 * transport needs of an operation: its x-ms-version accepted, a 2xx success, and for its as_async calls an answer
 * it can poll (our operation is asynchronous, or answers synchronously with the x-ms-request-id every answer has).
 */
import { allOperations } from '../../generated/operations/index.js';
import { DEFAULT_VERSIONS } from '../../src/emulator/api-version.js';
import { isPolymorphic, type MemberShape, type ModelShape, type OperationDescriptor, type TypeShape } from '../../src/core/shapes.js';
import { Router } from '../../src/emulator/router.js';
import { compare, parseXml, type Difference } from '../crosscheck/compare.js';
import { callName, capturedBodies, PACKAGE_VERSION, requestPath, type Justification, type PythonCall, type PythonEvidence } from './bodies.js';

export interface CallReport {
  readonly name: string;
  /** Required members of ours (at a path) that Python never sends: the emulator would answer 400. */
  readonly requiredMissing: readonly string[];
  readonly call: PythonCall;
  /** Our operation (undefined: no operation of ours matches the verb, path and body root). */
  readonly operation?: string;
  readonly differences: ReadonlyArray<Difference & { justification?: string }>;
  /** Transport problems: version refused, a success status Python treats as an error. */
  readonly transport: readonly string[];
}

export interface PythonComparison {
  readonly calls: readonly CallReport[];
  /** Order, root and unknown-element differences no source justifies (ours-only ones are reported, not counted). */
  readonly unjustified: number;
  readonly justified: number;
  /** Justifications that matched no difference: stale evidence, to be removed. */
  readonly unusedJustifications: readonly Justification[];
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

function matches(j: Justification, d: Difference, python: string): boolean {
  const text = d.kind === 'ours-only' ? d.ours : d.theirs;
  return j.python === python && j.path === d.path && j.kind === d.kind && j.elements === text;
}

function transportProblems(call: PythonCall, operation: OperationDescriptor): string[] {
  const problems: string[] = [];
  const version = call.xMsVersion ?? PACKAGE_VERSION;
  if (version < DEFAULT_VERSIONS.min || version > DEFAULT_VERSIONS.max) problems.push(`x-ms-version ${version} outside the emulator's ${DEFAULT_VERSIONS.min}..${DEFAULT_VERSIONS.max}`);
  const outside = operation.responses.map((r) => r.status).filter((s) => s < 200 || s >= 300);
  if (outside.length > 0) problems.push(`success status ${outside.join('/')} raises in Python (it accepts < 300 and follows 307)`);
  return problems;
}

function operationOf(router: Router, call: PythonCall, body: string): OperationDescriptor | undefined {
  const url = new URL(`https://h${requestPath(call)}`);
  const root = body === '' ? undefined : parseXml(body);
  const routed = router.match(call.verb, url.pathname, url.searchParams, () => ({
    empty: root === undefined,
    ...(root !== undefined ? { root: root.name } : {}),
    member: (name: string) => root?.children.find((c) => c.name === name)?.text,
  }));
  return routed.kind === 'match' ? routed.operation : undefined;
}

export function comparePython(evidence: PythonEvidence, operations: readonly OperationDescriptor[] = allOperations): PythonComparison {
  const bodies = capturedBodies(evidence);
  const walked = compare(bodies, operations, []);
  const router = new Router(operations);
  const used = new Set<Justification>();
  const calls = evidence.calls.map((call, i): CallReport => {
    const name = callName(call);
    const operation = operationOf(router, call, bodies[i]!.body);
    const differences = walked.differences.filter((d) => d.name === name).map((d) => {
      const j = evidence.justified.find((x) => matches(x, d, call.python));
      if (j !== undefined) used.add(j);
      return j === undefined ? d : { ...d, justification: j.source };
    });
    const requiredMissing = operation === undefined ? [] : differences.filter((d) => d.kind === 'ours-only').flatMap((d) => requiredNeverSent(operation, d));
    return {
      name, call, requiredMissing, differences,
      ...(operation !== undefined ? { operation: operation.name } : {}),
      transport: operation === undefined ? [] : transportProblems(call, operation),
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
