/**
 * Finds the operation a request is for, from its verb, path, query and (for shared URLs) body. Path segments
 * match case-insensitively (clients disagreed on `DataDisks`/`datadisks` and the service accepted both),
 * placeholders capture URL-decoded values, empty segments are ignored (a `/` before `?comp=` and `//` both
 * worked), and fixedQuery pairs must be present. The most specific route wins: literal segments over
 * placeholders, then more fixedQuery pairs; operations sharing a URL are told apart by the body's root element
 * and, when roots are equal, by const members such as OperationType. Used by the emulator and the conformance tool.
 */
import { isPolymorphic, type OperationDescriptor } from '../core/shapes.js';

/** What the router may learn from the request body, read only when URLs are shared. */
export interface BodyPeek {
  readonly empty: boolean;
  /** Root element name (XML bodies only). */
  readonly root?: string;
  /** Text of a top-level member, to compare with const members. */
  member(name: string): string | undefined;
}

export type RouteResult =
  | { kind: 'match'; operation: OperationDescriptor; pathParams: Record<string, string> }
  | { kind: 'notFound' }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'bodyMismatch'; expected: string[] };

interface CompiledSegment {
  regex: RegExp;
  names: string[];
  /** 2 = all literal, 1 = literal text around a placeholder, 0 = a bare placeholder. */
  weight: number;
}

interface CompiledRoute {
  operation: OperationDescriptor;
  segments: CompiledSegment[];
  fixedQuery: [string, string][];
  consts: [string, string][];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileSegment(segment: string): CompiledSegment {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of segment.matchAll(/\{([^}]+)\}/g)) {
    source += escapeRegex(segment.slice(last, m.index)) + '([^/]+)';
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  source += escapeRegex(segment.slice(last));
  const weight = names.length === 0 ? 2 : source === '([^/]+)' ? 0 : 1;
  return { regex: new RegExp(`^${source}$`, 'i'), names, weight };
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function constMembersOf(op: OperationDescriptor): [string, string][] {
  if (!op.request || !('model' in op.request)) return [];
  const shape = op.request.model();
  if (isPolymorphic(shape)) return [];
  return shape.members.filter((m) => m.const !== undefined).map((m) => [m.name, m.const!]);
}

/** Lexicographic comparison of specificity: earlier literal segments first, then more fixedQuery pairs. */
function compareSpecificity(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < a.segments.length; i++) {
    const diff = b.segments[i]!.weight - a.segments[i]!.weight;
    if (diff !== 0) return diff;
  }
  return b.fixedQuery.length - a.fixedQuery.length;
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(operations: readonly OperationDescriptor[]) {
    this.routes = operations.map((operation) => ({
      operation,
      segments: splitPath(operation.path).map(compileSegment),
      fixedQuery: Object.entries(operation.fixedQuery ?? {}),
      consts: constMembersOf(operation),
    }));
  }

  /** All operations that fit the verb, path and query equally well (several only for shared URLs). */
  candidates(method: string, path: string, query: URLSearchParams): Array<{ operation: OperationDescriptor; pathParams: Record<string, string> }> {
    const fitting = this.#fitting(path, query).filter((c) => c.route.operation.method === method.toUpperCase());
    fitting.sort((a, b) => compareSpecificity(a.route, b.route));
    return fitting
      .filter((c) => compareSpecificity(c.route, fitting[0]!.route) === 0)
      .map((c) => ({ operation: c.route.operation, pathParams: c.params }));
  }

  match(method: string, path: string, query: URLSearchParams, peek: () => BodyPeek): RouteResult {
    const fitting = this.#fitting(path, query);
    if (fitting.length === 0) return { kind: 'notFound' };
    const best = this.candidates(method, path, query);
    if (best.length === 0) return { kind: 'wrongMethod', allowed: [...new Set(fitting.map((c) => c.route.operation.method))].sort() };
    if (best.length === 1) return { kind: 'match', ...best[0]! };
    const chosen = chooseByBody(best.map((c) => this.routes.find((r) => r.operation === c.operation)!), peek());
    if (chosen === undefined) return { kind: 'bodyMismatch', expected: best.map((c) => c.operation.request?.element ?? '(no body)') };
    return { kind: 'match', ...best.find((c) => c.operation === chosen.operation)! };
  }

  /** The query keys that select an action at some route (e.g. comp), so that an unknown value can be refused. */
  fixedQueryKeys(): Set<string> {
    return new Set(this.routes.flatMap((r) => r.fixedQuery.map(([k]) => k.toLowerCase())));
  }

  #fitting(path: string, query: URLSearchParams): Array<{ route: CompiledRoute; params: Record<string, string> }> {
    const segments = splitPath(path).map(safeDecode);
    if (segments.includes(undefined)) return [];
    return this.routes
      .map((route) => ({ route, params: matchSegments(route, segments as string[]) }))
      .filter((c): c is { route: CompiledRoute; params: Record<string, string> } => c.params !== undefined)
      .filter((c) => hasFixedQuery(c.route, query));
  }
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegments(route: CompiledRoute, segments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const compiled = route.segments[i]!;
    const m = compiled.regex.exec(segments[i]!);
    if (m === null) return undefined;
    compiled.names.forEach((name, j) => { params[name] = m[j + 1]!; });
  }
  return params;
}

export function queryValue(query: URLSearchParams, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of query) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function hasFixedQuery(route: CompiledRoute, query: URLSearchParams): boolean {
  return route.fixedQuery.every(([k, v]) => queryValue(query, k)?.toLowerCase() === v.toLowerCase());
}

function chooseByBody(routes: CompiledRoute[], body: BodyPeek): CompiledRoute | undefined {
  let candidates = routes;
  if (body.empty) {
    // A bodiless request picks the operation that takes no body, when one shares the URL.
    const bodiless = routes.filter((r) => r.operation.request === undefined);
    if (bodiless.length > 0) candidates = bodiless;
  } else if (body.root !== undefined) {
    candidates = candidates.filter((r) => r.operation.request?.element === body.root);
  }
  if (candidates.length > 1) {
    const byConst = candidates.filter((r) => r.consts.length > 0 && r.consts.every(([name, value]) => body.member(name) === value));
    if (byConst.length > 0) candidates = byConst;
  }
  return candidates[0];
}
