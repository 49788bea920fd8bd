/**
 * The service client: its configuration, and the pipeline its operations are sent through, assembled once:
 *
 *   caller's perCall policies → retry → caller's perRetry policies → redirect → bearer token → timeout → logging
 *   → transport (one keep-alive dispatcher per origin)
 *
 * Validation and serialization happen before the pipeline, parsing and error mapping after it
 * (operation-call.ts). Operations reach a client through `invoke` / `invokeAsync`; the class itself shows only
 * what a program needs of a client.
 */
import { attachContext, contextOf } from './client-context.js';
import { CertificateCredential, type Credential } from './credentials.js';
import { parseEndpoint, type Endpoint } from './endpoint.js';
import { createClientLog, type Logger } from './logging.js';
import { waitForRequest } from './operation-call.js';
import { createOriginTransport, type OriginTransport } from './origin-transport.js';
import { composePipeline, customPolicies, type CustomPolicy, type PipelinePolicy } from './pipeline.js';
import { bearerTokenPolicy } from './policies/authentication.js';
import { loggingPolicy } from './policies/logging.js';
import { redirectPolicy } from './policies/redirect.js';
import { retryPolicy } from './policies/retry.js';
import { timeoutPolicy } from './policies/timeout.js';
import type { CompletedOperation, WaitOptions } from './poller.js';
import type { ProxyOption } from './proxy.js';
import type { SerializeType } from './request.js';
import { defaultRetryOptions, type RetryOptions } from './retry.js';
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

/** Each client's transport, for close(). */
const transports = new WeakMap<ServiceClient, OriginTransport>();

export class ServiceClient {
  readonly subscriptionId: string;
  readonly endpoint: Endpoint;
  readonly service: ServiceShape;
  readonly credential: Credential;

  constructor(options: ClientOptions, service: ServiceShape) {
    if (typeof options.subscriptionId !== 'string' || options.subscriptionId.trim() === '') throw new TypeError('subscriptionId: required');
    if (!options.credential) throw new TypeError('credential: required');
    this.subscriptionId = options.subscriptionId.trim();
    this.service = service;
    this.credential = options.credential;
    this.endpoint = parseEndpoint(options.endpoint ?? service.host);
    const log = createClientLog(options.logger);
    const ownOrigin = this.endpoint.origin;
    const retry = { ...defaultRetryOptions, ...options.retry };
    const transport = createOriginTransport({
      ownOrigin, credential: options.credential, ca: options.ca, proxy: options.proxy, log,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    });
    const policies: Array<PipelinePolicy | undefined> = [
      ...customPolicies(options.policies, 'perCall'),
      retryPolicy(retry, log),
      ...customPolicies(options.policies, 'perRetry'),
      redirectPolicy(retry.maxRedirects, ownOrigin),
      bearerTokenPolicy(options.credential, ownOrigin),
      timeoutPolicy(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      log.enabled('warn') ? loggingPolicy(log) : undefined,
    ];
    transports.set(this, transport);
    attachContext(this, {
      service,
      origin: ownOrigin,
      validation: options.validation !== false,
      prepare: {
        subscriptionId: this.subscriptionId,
        apiVersion: options.apiVersion ?? service.apiVersion,
        namespace: service.namespace,
        serializeType: options.serializeType ?? 'xml',
        userAgent: options.userAgent ? `${options.userAgent} ${SDK_USER_AGENT}` : SDK_USER_AGENT,
      },
      pipeline: composePipeline(policies.filter((p) => p !== undefined), transport.send),
      polling: options.polling,
    });
    if (options.credential instanceof CertificateCredential && options.credential.isExpired()) {
      log.write('warn', { message: `management certificate ${options.credential.thumbprint} expired on ${options.credential.notAfter.toISOString()}` });
    }
  }

  /** Waits for an asynchronous request accepted earlier (e.g. a request id saved before a restart). */
  waitForOperation(requestId: string, options?: WaitOptions): Promise<CompletedOperation> {
    return waitForRequest(contextOf(this), requestId, options);
  }

  /** Closes the keep-alive connections. */
  close(): Promise<void> {
    return transports.get(this)!.close();
  }
}
