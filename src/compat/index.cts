/**
 * CommonJS entry of the facade (compiled to index.cjs next to index.js), for programs that load it with require().
 *
 * The facade is an ES module. Node 20.19+ (and 22.12+) can require() an ES module synchronously
 * (process.features.require_module): then this entry hands out the facade itself. Older Node 20 releases cannot,
 * so this entry hands out a stand-in with the same methods that imports the facade in the background and passes
 * each call on once it has loaded, in the order the calls were made. In that mode an error the facade would
 * throw at once (a missing argument, no certificate) reaches a promise caller as a rejection and a callback
 * caller as an uncaught exception, since the call has already returned.
 */
import type * as Facade from './index.js';
import MethodNames = require('./method-names.cjs');

type FacadeModule = typeof Facade;
type Exports = Pick<FacadeModule, 'createServiceManagementService' | 'IaasClient' | 'ServiceManagementService'>;
type Target = Record<string, (...args: unknown[]) => unknown> & Facade.IaasClient;

function exportsOf(facade: FacadeModule): Exports {
  return {
    createServiceManagementService: facade.createServiceManagementService,
    IaasClient: facade.IaasClient,
    ServiceManagementService: facade.IaasClient,
  };
}

function requireFacade(): FacadeModule | undefined {
  if ((process.features as { require_module?: boolean }).require_module !== true) return undefined;
  return require('./index.js') as FacadeModule;
}

let loading: Promise<FacadeModule> | undefined;

function importFacade(): Promise<FacadeModule> {
  loading ??= import('./index.js');
  return loading;
}

/** Copies of the call's objects: the caller may change its objects while the call waits for the facade. */
function snapshot(args: readonly unknown[]): unknown[] {
  return args.map((arg) => {
    if (typeof arg !== 'object' || arg === null) return arg;
    try {
      return structuredClone(arg);
    } catch {
      return arg;
    }
  });
}

function shallowCopy<T>(value: T): T {
  return typeof value === 'object' && value !== null ? { ...value } : value;
}

/** An error of a call that has already returned: thrown on its own, as the facade would have thrown it. */
function rethrowLater(err: unknown): void {
  process.nextTick(() => {
    throw err;
  });
}

class DeferredIaasClient {
  readonly subscriptionId: string;
  #target: Target | undefined;
  readonly #ready: Promise<Target>;

  constructor(subscriptionId: string, auth?: Facade.Auth | null, options?: Facade.HostOptions | null) {
    this.subscriptionId = subscriptionId;
    const authCopy = shallowCopy(auth);
    const optionsCopy = shallowCopy(options);
    this.#ready = importFacade().then((facade) => {
      this.#target = new facade.IaasClient(subscriptionId, authCopy, optionsCopy) as Target;
      return this.#target;
    });
    // A construction error goes to the first call: the caller has no other place to receive it.
    this.#ready.catch(() => undefined);
  }

  get apiversion(): string | undefined {
    return this.#target?.apiversion;
  }

  set apiversion(version: string) {
    this.#pass((target) => {
      target.apiversion = version;
    }, false);
  }

  get typedClient(): Facade.IaasClient['typedClient'] {
    if (this.#target === undefined) throw new Error('the facade is still loading: on this Node version, use `await import(...)` to reach typedClient');
    return this.#target.typedClient;
  }

  close(): Promise<void> {
    return this.#ready.then((target) => target.close());
  }

  /** Runs `use` now when the facade is loaded, else once it is (after the calls made before). */
  #pass(use: (target: Target) => unknown, returnsPromise: boolean): unknown {
    if (this.#target !== undefined) return use(this.#target);
    const pending = this.#ready.then(use);
    if (returnsPromise) return pending;
    pending.catch(rethrowLater);
    return undefined;
  }

  #call(name: string, args: unknown[], isProxySetter: boolean): unknown {
    const copied = this.#target === undefined ? snapshot(args) : args;
    const promiseCall = !isProxySetter && typeof args.at(-1) !== 'function';
    return this.#pass((target) => target[name]!(...copied), promiseCall);
  }

  static {
    const setters = new Set<string>(MethodNames.PROXY_SETTERS);
    for (const name of MethodNames.all()) {
      Object.defineProperty(DeferredIaasClient.prototype, name, {
        value: function (this: DeferredIaasClient, ...args: unknown[]) {
          return this.#call(name, args, setters.has(name));
        },
        writable: true,
        configurable: true,
      });
    }
  }
}

function deferredExports(): Exports {
  const createServiceManagementService = (subscriptionId: string, auth?: Facade.Auth | null, options?: Facade.HostOptions | null) =>
    new DeferredIaasClient(subscriptionId, auth, options);
  // Start loading now, so that the first call waits as little as possible.
  importFacade().catch(() => undefined);
  return { createServiceManagementService, IaasClient: DeferredIaasClient, ServiceManagementService: DeferredIaasClient } as unknown as Exports;
}

const facade = requireFacade();
const moduleExports: Exports = facade !== undefined ? exportsOf(facade) : deferredExports();

export = moduleExports;
