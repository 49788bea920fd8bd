/**
 * Drives the clients' serializers without a network: each method is called with a `parameters` object on which
 * every member exists (a Proxy: any property is present, lists have a few items, dictionaries one key), so the
 * generated code writes every element it knows, in its own order. A sink filter keeps the request and answers
 * with a status no method accepts, which ends the call.
 */
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { key, type AnyFunction, type Filter, type LoadedFamily, type LooseObject, type MethodInfo, type WebResource } from './clients.js';
import { argumentFor, newContext } from './context.js';
import { bodyText, configure } from './setup.js';
import type { GroupArguments } from './steps.js';

const require = createRequire(import.meta.url);
const PRESENT = Symbol('present');
/**
 * What `.length` answers: the clients check string lengths (a storage account name 3-24, a password 6-72) with
 * the same property they loop lists with, so it must pass those checks; lists then have 6 items.
 */
const PROXY_LENGTH = 6;
/** The arguments that are request bodies: `parameters` nearly everywhere, other names in applicationGateways. */
const BODY_ARGUMENTS = new Set(['parameters', 'certificate', 'config', 'updateParameters']);

function everything(leaf: string): unknown {
  return new Proxy({}, {
    get(_target, prop) {
      if (prop === PRESENT) return true;
      if (prop === Symbol.toPrimitive) return () => leaf;
      if (prop === 'toString' || prop === 'valueOf' || prop === 'toLowerCase' || prop === 'trim') return () => leaf;
      if (prop === 'toISOString' || prop === 'toUTCString') return () => '2020-01-01T00:00:00.000Z';
      if (prop === 'length') return PROXY_LENGTH;
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'constructor') return undefined;
      return everything(prop);
    },
    ownKeys: () => ['xckey'],
    getOwnPropertyDescriptor: () => ({ value: everything('xcvalue'), enumerable: true, configurable: true, writable: true }),
  });
}

const isEverything = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[PRESENT] === true;

export interface CapturedBody {
  readonly name: string;
  readonly method: MethodInfo;
  readonly verb: string;
  readonly url: string;
  readonly body: string;
  readonly error?: string;
}

/** Values set as element text are turned into strings, as the real values' toString() would be. */
function patchSerializer(): () => void {
  const js2xml = (require('azure-common') as { js2xml: { setElementValue: (e: LooseObject, v: unknown) => void } }).js2xml;
  const original = js2xml.setElementValue;
  js2xml.setElementValue = (element, value) => original.call(js2xml, element, isEverything(value) ? String(value) : value);
  return () => { js2xml.setElementValue = original; };
}

function sink(into: Array<{ verb: string; url: string; body: string }>): Filter {
  return (resource: WebResource, _next, callback) => {
    into.push({ verb: resource.method, url: resource.url, body: bodyText(resource.body) });
    const stream = new PassThrough();
    setImmediate(() => callback(null, { statusCode: 599, headers: {} }, ''));
    return stream;
  };
}

export async function captureBodies(
  families: readonly LoadedFamily[], credentials: unknown, groupArguments: Record<string, GroupArguments>,
): Promise<CapturedBody[]> {
  const restore = patchSerializer();
  const ctx = newContext(0);
  const out: CapturedBody[] = [];
  try {
    for (const family of families) {
      const requests: Array<{ verb: string; url: string; body: string }> = [];
      const client = configure(family.create(credentials, 'https://127.0.0.1:9', [sink(requests)]));
      for (const method of family.methods) {
        const owner = method.group === '' ? client : (client[method.group] as LooseObject);
        const overrides = groupArguments[family.family.name]?.[method.group] ?? {};
        const args = method.params.map((p) => (BODY_ARGUMENTS.has(p) ? everything('xc') : overrides[p]?.(ctx) ?? argumentFor(ctx, p)));
        const before = requests.length;
        const error = await new Promise<string | undefined>((resolve) => {
          const timer = setTimeout(() => resolve('no callback within 2 s'), 2000);
          const done = (e: string | undefined): void => { clearTimeout(timer); resolve(e); };
          try {
            (owner[method.method] as AnyFunction).call(owner, ...args, (err: unknown) => done(requests.length > before ? undefined : String((err as Error | undefined)?.message ?? err)));
          } catch (err) {
            done(String((err as Error).message ?? err));
          }
        });
        const sent = requests[before] ?? { verb: '', url: '', body: '' };
        out.push({ name: key(method), method, ...sent, ...(error !== undefined ? { error } : {}) });
      }
    }
  } finally {
    restore();
  }
  return out;
}
