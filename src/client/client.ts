/**
 * The service client: its configuration, checked at construction, and the pipeline its operations go through
 * (assemble-pipeline.ts), assembled on the first call so that constructing a client stays cheap. Validation and
 * serialization happen before the pipeline, parsing and error mapping after it (operation-call.ts). Operations
 * reach a client through `invoke` / `invokeAsync`; the class itself shows only what a program needs of a client.
 */
import type { AssembledPipeline, PipelineConfig } from './assemble-pipeline.js';
import { attachContext, contextOf } from './client-context.js';
import { CertificateCredential, currentToken, type Credential } from './credentials.js';
import { parseEndpoint, type Endpoint } from './endpoint.js';
import { loadOnce } from './load-once.js';
import { createClientLog, type Logger } from './logging.js';
import { customPolicies, type CustomPolicy, type SendRequest } from './pipeline.js';
import type { CompletedOperation, WaitOptions } from './poller.js';
import { proxySecretValues, type ProxyOption } from './proxy.js';
import type { SerializeType } from './request.js';
import type { RetryOptions } from './retry.js';
import { unicodeProblem } from '../core/codec.js';
import type { ServiceShape } from '../core/shapes.js';

export type { RequestOptions, ResponseInfo, ResponseMetadata, WaitingRequestOptions } from './request-options.js';

export interface ClientOptions {
  subscriptionId: string;
  credential: Credential;
  /** Host name, host:port or https:// URL; default: the service's public host. */
  endpoint?: string;
  /** x-ms-version sent when an operation does not name its own. */
  apiVersion?: string;
  /** Extra CA certificate(s) to trust (PEM), e.g. the emulator's. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** A proxy URL or settings; false for none; default: HTTPS_PROXY / HTTP_PROXY minus NO_PROXY. */
  proxy?: ProxyOption;
  retry?: RetryOptions;
  /** Validate inputs against the spec before sending; default true. */
  validation?: boolean;
  logger?: Logger;
  serializeType?: SerializeType;
  userAgent?: string;
  /** Per-attempt timeout; default 60 s. */
  timeoutMs?: number;
  /** Largest response body accepted; default 16 MiB (the largest recorded answers are a few hundred KB). */
  maxResponseBytes?: number;
  /** Defaults for waiting on asynchronous operations. */
  polling?: WaitOptions;
  /** Policies of your own (tracing, extra headers…), run at the position each names. */
  policies?: CustomPolicy[];
}

const SDK_USER_AGENT = 'asm-sdk-typescript/0.1';
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The client's own secret values, read per call: the proxy credentials, and the bearer token once there is one. */
function clientSecrets(credential: Credential, proxy: readonly string[]): () => readonly string[] {
  return () => {
    const token = currentToken(credential);
    return token === undefined ? proxy : [...proxy, token];
  };
}

const assembly = loadOnce(() => import('./assemble-pipeline.js'));
const calls = loadOnce(() => import('./operation-call.js'));

/** Each client's way to close its pipeline (a no-op before the first call assembled one). */
const closers = new WeakMap<ServiceClient, () => Promise<void>>();

export class ServiceClient {
  readonly subscriptionId: string;
  readonly endpoint: Endpoint;
  readonly service: ServiceShape;
  readonly credential: Credential;

  constructor(options: ClientOptions, service: ServiceShape) {
    if (typeof options.subscriptionId !== 'string' || options.subscriptionId.trim() === '') throw new TypeError('subscriptionId: required');
    if (unicodeProblem(options.subscriptionId) !== undefined) throw new TypeError('subscriptionId: must not contain a lone surrogate (it cannot be encoded as UTF-8)');
    if (options.userAgent !== undefined && /[^\t\x20-\x7e\x80-\xff]/.test(options.userAgent)) throw new TypeError('userAgent: must hold only printable Latin-1 characters (it travels in an HTTP header)');
    if (!options.credential) throw new TypeError('credential: required');
    // A malformed policy entry is refused now, naming it, not on the first call.
    customPolicies(options.policies, 'perCall');
    this.subscriptionId = options.subscriptionId.trim();
    this.service = service;
    this.credential = options.credential;
    this.endpoint = parseEndpoint(options.endpoint ?? service.host);
    const log = createClientLog(options.logger);
    const config: PipelineConfig = {
      ownOrigin: this.endpoint.origin, credential: options.credential, ca: options.ca, proxy: options.proxy, log,
      retry: options.retry, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, policies: options.policies,
    };
    let assembled: AssembledPipeline | undefined;
    const pipeline: SendRequest = async (request) => {
      if (assembled === undefined) {
        const { assemblePipeline } = await assembly();
        // Two first calls may both have waited for the module; the first to get here assembles.
        assembled ??= assemblePipeline(config);
      }
      return assembled.send(request);
    };
    closers.set(this, async () => { await assembled?.close(); });
    attachContext(this, {
      service,
      origin: this.endpoint.origin,
      validation: options.validation !== false,
      prepare: {
        subscriptionId: this.subscriptionId,
        apiVersion: options.apiVersion ?? service.apiVersion,
        namespace: service.namespace,
        serializeType: options.serializeType ?? 'xml',
        userAgent: options.userAgent ? `${options.userAgent} ${SDK_USER_AGENT}` : SDK_USER_AGENT,
      },
      pipeline,
      polling: options.polling,
      secrets: clientSecrets(options.credential, proxySecretValues(options.proxy)),
    });
    if (options.credential instanceof CertificateCredential && options.credential.isExpired()) {
      log.write('warn', { message: `management certificate ${options.credential.thumbprint} expired on ${options.credential.notAfter.toISOString()}` });
    }
  }

  /** Waits for an asynchronous request accepted earlier (e.g. a request id saved before a restart). */
  async waitForOperation(requestId: string, options?: WaitOptions): Promise<CompletedOperation> {
    const { waitForRequest } = await calls();
    return waitForRequest(contextOf(this), requestId, options);
  }

  /** Closes the keep-alive connections (none are open before the first call). */
  async close(): Promise<void> {
    await closers.get(this)?.();
  }
}
