/**
 * Loads Microsoft's generated ASM clients (CommonJS, callback style, on `request`) and lists what they can do:
 * every operation group of every client, every method with its parameter names (read from the function's own
 * source, because the generated code is the evidence; there are no type declarations to trust).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

/** The shape of an azure-common filter: sees the outgoing WebResource, calls next, returns its stream. */
export type Filter = (resource: WebResource, next: (r: WebResource, cb: PipelineCallback) => unknown, cb: PipelineCallback) => unknown;
export type PipelineCallback = (err: unknown, response?: { statusCode: number; headers: Record<string, string> }, body?: string) => void;
export interface WebResource {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  ca?: string;
  [key: string]: unknown;
}

/** Untyped JavaScript from node_modules: a method is called by name with positional arguments. */
export type AnyFunction = (...args: unknown[]) => unknown;
export type LooseObject = Record<string, unknown>;

export interface Family {
  /** Our short name: compute, storage, network, mgmt, subscription. */
  readonly name: string;
  readonly pkg: string;
  readonly factory: string;
}

export const FAMILIES: readonly Family[] = [
  { name: 'mgmt', pkg: 'azure-asm-mgmt', factory: 'createManagementClient' },
  { name: 'storage', pkg: 'azure-asm-storage', factory: 'createStorageManagementClient' },
  { name: 'network', pkg: 'azure-asm-network', factory: 'createNetworkManagementClient' },
  { name: 'compute', pkg: 'azure-asm-compute', factory: 'createComputeManagementClient' },
  { name: 'subscription', pkg: 'azure-asm-subscription', factory: 'createSubscriptionClient' },
];

export interface MethodInfo {
  readonly family: string;
  /** The operation group's property on the client ('' for methods on the client itself). */
  readonly group: string;
  readonly method: string;
  /** Parameter names, the trailing callback excluded. */
  readonly params: readonly string[];
  /** The function's source: URL, verb, serializer and accepted statuses are read from it. */
  readonly source: string;
  /** `@param` lines of the JSDoc: path (without `parameters.`), type, required. */
  readonly docParams: readonly DocParam[];
}

export interface DocParam {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
}

export const key = (m: { family: string; group: string; method: string }): string =>
  `${m.family}.${m.group === '' ? '' : `${m.group}.`}${m.method}`;

export interface LoadedFamily {
  readonly family: Family;
  readonly create: (credentials: unknown, baseUri: string, filters: Filter[]) => LooseObject;
  readonly methods: readonly MethodInfo[];
}

export function loadCommon(): { CertificateCloudCredentials: new (c: { subscriptionId: string; pem: string }) => unknown } {
  return require('azure-common') as never;
}

/** Loads a family, or says why it cannot be loaded (azure-asm-subscription@0.11.0 needs ms-rest, which it does not declare). */
export function loadFamily(family: Family, credentials: unknown): LoadedFamily | { family: Family; error: string } {
  let mod: LooseObject;
  try {
    mod = require(family.pkg) as LooseObject;
  } catch (err) {
    return { family, error: `require('${family.pkg}') fails: ${firstLine(err)}` };
  }
  const factory = mod[family.factory] as AnyFunction | undefined;
  if (typeof factory !== 'function') return { family, error: `${family.pkg} has no ${family.factory}()` };
  const create = (credentials: unknown, baseUri: string, filters: Filter[]): LooseObject =>
    factory(credentials, baseUri, filters) as LooseObject;
  let probe: LooseObject;
  try {
    probe = create(credentials, 'https://127.0.0.1:1', []);
  } catch (err) {
    return { family, error: `${family.factory}() throws: ${firstLine(err)}` };
  }
  const docs = jsDocOf(generatedSource(require.resolve(family.pkg).replace(/[^/]+$/, ''), family));
  return { family, create, methods: enumerate(family.name, probe, docs) };
}

function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0] ?? '';
}

function paramNames(fn: AnyFunction): string[] {
  const src = fn.toString();
  const list = src.slice(src.indexOf('(') + 1, src.indexOf(')'));
  return list.split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== 'callback');
}

/** Operation groups are the client's own properties that point back at it (`group.client === client`). */
function enumerate(family: string, client: LooseObject, docs: Map<string, DocParam[]>): MethodInfo[] {
  const out: MethodInfo[] = [];
  const add = (group: string, owner: LooseObject, className: string): void => {
    const proto = Object.getPrototypeOf(owner) as LooseObject;
    for (const method of Object.getOwnPropertyNames(proto).sort()) {
      const fn = proto[method];
      if (method === 'constructor' || typeof fn !== 'function') continue;
      if (group === '' && method !== 'getOperationStatus') continue;
      out.push({
        family, group, method, params: paramNames(fn as AnyFunction), source: (fn as AnyFunction).toString(),
        docParams: docs.get(`${className}.${method}`) ?? [],
      });
    }
  };
  add('', client, String((client['constructor'] as { name?: string }).name));
  for (const [group, value] of Object.entries(client)) {
    if (value !== null && typeof value === 'object' && (value as LooseObject)['client'] === client) {
      add(group, value as LooseObject, String(((value as LooseObject)['constructor'] as { name?: string }).name));
    }
  }
  return out;
}

/** The file next to the package's main that holds the generated client (computeManagementClient.js, …). */
function generatedSource(dir: string, family: Family): string {
  const file = family.factory.replace(/^create/, '');
  const name = file.charAt(0).toLowerCase() + file.slice(1);
  return readFileSync(`${dir}${name}.js`, 'utf8');
}

/** The generated files keep one JSDoc block right above each `X.prototype.m = function`. */
function jsDocOf(source: string): Map<string, DocParam[]> {
  const out = new Map<string, DocParam[]>();
  const re = /\/\*\*([\s\S]*?)\*\/\s*\n\s*(\w+)\.prototype\.(\w+) = function/g;
  for (const m of source.matchAll(re)) {
    const params = [...m[1]!.matchAll(/@param \{(\w+)\} (\[?)parameters\.([\w.]+)\]?/g)].map((p) => ({
      path: p[3]!, type: p[1]!, required: p[2] !== '[',
    }));
    out.set(`${m[2]}.${m[3]}`, params);
  }
  return out;
}
