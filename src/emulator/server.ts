/**
 * startEmulator: an HTTPS server on 127.0.0.1 speaking the spec's operations, with its own CA and server
 * certificate, a default subscription and a management certificate registered for it. TLS asks every client
 * for a certificate but lets the request through without one (requestCert, rejectUnauthorized false): the
 * pipeline then answers 403 as the service did, rather than failing the handshake.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { defaultSpecDir, loadSpec, type Spec } from '../core/spec-load.js';
import { Router } from './router.js';
import { DEFAULT_VERSIONS, rangeCovering, type VersionRange } from './api-version.js';
import { AsyncOperations, asyncTimingOf, normalizeId } from './async-operations.js';
import {
  createCertificateAuthority, createSelfSignedClientCertificate, issueServerCertificate, type CertificateAuthority,
  type KeyAndCertificate,
} from './certs.js';
import { Faults, type FaultRule } from './faults.js';
import { defaultHandlers } from './handlers/index.js';
import type { HandlerTable } from './handlers/types.js';
import { actionQueryKeys } from './params.js';
import { handleRequest, type PipelineConfig, type RecordedRequest } from './pipeline.js';
import { shapesFromSpec } from '../core/shapes-from-spec.js';
import { completeLoggedOperation } from './operation-log.js';
import { Store, restoreState } from './persistence.js';
import { loadOrCreatePki } from './persisted-pki.js';
import type { EmulatorBounds } from './bounds.js';
import { EmulatorState, keyOf, nowIso } from './state.js';
import { applySnapshot, type StateSnapshot } from './state-snapshot.js';

export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  listenHost?: string;
  /** Folder of the spec (service.json, groups/); defaults to the package's spec/. */
  specDir?: string;
  /** An already loaded spec; wins over specDir. */
  spec?: Spec;
  /** Id of the default subscription (default: the first of `state`, else a random GUID). */
  subscriptionId?: string;
  /** Tokens accepted as `Authorization: Bearer <token>` for every subscription. */
  bearerTokens?: string[];
  /**
   * Complete asynchronous operations after this many status polls instead of after a delay (0 completes at once):
   * deterministic, for tests that step through InProgress. An operation nobody polls then never completes.
   */
  asyncPolls?: number;
  /**
   * Complete asynchronous operations this many milliseconds after they start, polled or not (default
   * DEFAULT_ASYNC_DELAY_MS, 20 ms, when asyncPolls is not given either; wins over asyncPolls).
   */
  asyncDelayMs?: number;
  /** State to preload. */
  state?: StateSnapshot;
  /** Handlers added to (or replacing) the built-in ones, by operation name. */
  handlers?: HandlerTable;
  /** CA to issue the server certificate with (default: a new one). */
  ca?: CertificateAuthority;
  /** Management certificate registered for the default subscription (default: a new self-signed one). */
  clientCert?: KeyAndCertificate;
  /** Extra DNS names or IPs for the server certificate (localhost and 127.0.0.1 are always in). */
  serverHostnames?: string[];
  /** Accepted x-ms-version range, widened to cover the spec's versions (default 2009-10-01 to 2017-01-01). */
  apiVersions?: VersionRange;
  /** Largest request body accepted (default DEFAULT_MAX_BODY_BYTES, 1 MiB; see docs/reliability.md for why). */
  maxBodyBytes?: number;
  /**
   * Refuse a body with an element out of the contract's order (400 naming it and the order) instead of reading
   * it as the service did, which skipped such elements and answered as if they were absent (default false).
   */
  strictOrder?: boolean;
  /** Time a client has to send a whole request, headers and body (default 30 s); then 408 and the connection closes. */
  requestTimeoutMs?: number;
  /** Time a client has to send a request's headers, and to finish the TLS handshake (default 10 s). */
  headersTimeoutMs?: number;
  /** Receives one line per request and internal errors (default: silent). */
  log?: (line: string) => void;
  /** Faults to inject from the start (see faults.ts; the CLI's --faults). */
  faults?: readonly FaultRule[];
  /** Seed of the draws of faults with a probability (default 1): the same seed injects the same faults. */
  faultSeed?: number;
  /** Server certificate to use instead of issuing one from `ca` (tests reuse one to start faster). */
  serverCert?: KeyAndCertificate;
  /**
   * Folder that keeps the state on disk (persistence.ts): loaded at start when it holds a store (which then wins
   * over `state`), saved after every mutation. Without `ca` and `clientCert`, the CA and the management
   * certificate are kept there too, so that clients keep trusting and reaching a restarted emulator.
   */
  dataDir?: string;
  /** Bounds on counts the service documents no limit for (bounds.ts; each defaults to DEFAULT_BOUNDS). */
  bounds?: Partial<EmulatorBounds>;
}

export interface Emulator {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  /** 127.0.0.1:<port> */
  readonly host: string;
  readonly port: number;
  /** PEM of the CA that issued the server certificate: what clients must trust. */
  readonly caCert: string;
  /** The default subscription. */
  readonly subscriptionId: string;
  /** The management certificate registered for the default subscription. */
  readonly clientCert: KeyAndCertificate;
  readonly state: EmulatorState;
  readonly spec: Spec;
  /** The on-disk store, when started with `dataDir`. */
  readonly store?: Store;
  /**
   * The latest requests, oldest first: up to 1000 and 16 MiB in all (request-log.ts); credentials redacted, bodies
   * of requests refused before their body was read left empty.
   */
  readonly requests: readonly RecordedRequest[];
  /** Adds a subscription (random GUID id unless given), optionally with a management certificate; returns its id. */
  addSubscription(options?: { id?: string; certificate?: string }): string;
  /** Removes a subscription with everything in it, pending operations included (its names become free). */
  removeSubscription(id: string): void;
  /** Registers a PEM certificate as a management certificate of the subscription; returns its thumbprint. */
  registerManagementCertificate(subscriptionId: string, certificatePem: string): string;
  /** Replaces the injected faults; a seed restarts the draws of faults with a probability. */
  setFaults(rules: readonly FaultRule[], seed?: number): void;
  /** Changes how asynchronous operations started from now on complete (same rules as the options; {} is the default delay). */
  setAsyncTiming(timing: { polls?: number; delayMs?: number }): void;
  close(): Promise<void>;
}

/** Log entries of operations a previous run left InProgress show the failure importOperations gave them. */
function markInterrupted(state: EmulatorState, operations: AsyncOperations): void {
  const now = nowIso();
  for (const op of operations.exportOperations()) {
    const subscription = state.subscription(op.subscriptionId);
    if (subscription?.operationLog.get(normalizeId(op.id))?.OperationStatus.Status === 'InProgress') completeLoggedOperation(subscription, op, now);
  }
}

function specVersions(spec: Spec): string[] {
  return [spec.service.apiVersion, ...spec.operations.flatMap((op) => (op.apiVersion === undefined ? [] : [op.apiVersion]))];
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * The largest request body accepted. The service documented no request size limit that we could find; the largest
 * body in the recorded traffic (/work/shared/wire-corpus) is 3.6 KB, a base64 .cscfg of a 25-role deployment (the
 * documented limit of roles) is tens of KB, and one parse of 1 MiB of XML blocks the event loop for about 0.3 s.
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Node's own defaults held a connection that never finished its request for 300 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

/** Timeouts bounding how long a slow or silent client holds a connection (slowloris). */
function timeoutsOf(options: EmulatorOptions) {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(requestTimeout, options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS);
  // Node checks the two timeouts every connectionsCheckingInterval (30 s by default): check often enough to honour them.
  return { requestTimeout, headersTimeout, handshakeTimeout: headersTimeout, connectionsCheckingInterval: Math.min(1_000, headersTimeout) };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const spec = options.spec ?? loadSpec(options.specDir ?? defaultSpecDir);
  const state = new EmulatorState();
  state.bounds = { ...state.bounds, ...options.bounds };
  const operations = new AsyncOperations(asyncTimingOf(options.asyncPolls, options.asyncDelayMs));
  const store = options.dataDir === undefined ? undefined : new Store(options.dataDir);
  const saved = store?.load();
  if (saved !== undefined) {
    restoreState(state, saved.state);
    operations.importOperations(saved.operations);
    markInterrupted(state, operations);
  } else if (options.state !== undefined) {
    applySnapshot(state, options.state);
  }
  // The caller's own CA and certificate need nothing kept; otherwise the folder keeps them for its clients.
  const pki = options.dataDir === undefined || (options.ca !== undefined && options.clientCert !== undefined) ? undefined : loadOrCreatePki(options.dataDir, options);
  const subscriptionId = options.subscriptionId ?? state.subscriptions.values().next().value?.id;
  const defaultSubscription = state.addSubscription(subscriptionId);
  const clientCert = options.clientCert ?? pki?.client ?? createSelfSignedClientCertificate();
  state.registerManagementCertificate(defaultSubscription.id, clientCert.cert);

  const ca = options.ca ?? pki?.ca ?? createCertificateAuthority();
  const keptServer = options.ca === undefined && options.serverHostnames === undefined ? pki?.server : undefined;
  const serverCert = options.serverCert ?? keptServer ?? issueServerCertificate(ca, options.serverHostnames ?? []);
  const shapes = shapesFromSpec(spec);
  const router = new Router(shapes.operations);
  const save = store === undefined ? undefined : () => store.save(state, operations.exportOperations());
  operations.onFinish((op) => {
    const subscription = state.subscription(op.subscriptionId);
    if (subscription !== undefined) completeLoggedOperation(subscription, op, nowIso());
    save?.();
  });
  save?.();
  const faults = new Faults(options.faultSeed);
  if (options.faults !== undefined) faults.set(options.faults);
  const requests: RecordedRequest[] = [];
  const log = options.log ?? (() => undefined);

  let config: PipelineConfig | undefined;
  const serverOptions = { key: serverCert.key, cert: serverCert.cert, requestCert: true, rejectUnauthorized: false, ...timeoutsOf(options) };
  const server = createServer(serverOptions, (req, res) => {
    handleRequest(config!, req, res).catch((err: unknown) => {
      log(`request failed: ${String(err)}`);
      res.destroy();
    });
  });
  const listenHost = options.listenHost ?? '127.0.0.1';
  const address = await listen(server, options.port ?? 0, listenHost);
  const host = `${listenHost}:${address.port}`;
  const url = `https://${host}`;
  config = {
    spec, shapes, router, actionKeys: actionQueryKeys(shapes.operations), state, operations,
    handlers: { ...defaultHandlers, ...options.handlers }, bearerTokens: new Set(options.bearerTokens ?? []),
    versions: rangeCovering(options.apiVersions ?? DEFAULT_VERSIONS, specVersions(spec)), faults, baseUrl: url,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, strictOrder: options.strictOrder ?? false, requests, log, ...(save === undefined ? {} : { afterMutation: save }),
  };

  return {
    url, host, port: address.port, caCert: ca.cert, subscriptionId: defaultSubscription.id, clientCert, state, spec, requests,
    ...(store === undefined ? {} : { store }),
    addSubscription: (opts = {}) => {
      const subscription = state.addSubscription(opts.id);
      if (opts.certificate !== undefined) state.registerManagementCertificate(subscription.id, opts.certificate);
      save?.();
      return subscription.id;
    },
    removeSubscription: (id) => {
      state.subscriptions.delete(keyOf(id));
      operations.forget(id);
      save?.();
    },
    registerManagementCertificate: (id, pem) => {
      const { thumbprint } = state.registerManagementCertificate(id, pem);
      save?.();
      return thumbprint;
    },
    setFaults: (rules, seed) => faults.set(rules, seed),
    setAsyncTiming: (timing) => operations.setTiming(asyncTimingOf(timing.polls, timing.delayMs)),
    close: async () => {
      operations.close();
      save?.();
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
