/**
 * A client's pipeline, in its fixed order:
 *
 *   caller's perCall policies → retry → caller's perRetry policies → redirect → timeout → bearer token → logging
 *   → transport (one keep-alive dispatcher per origin)
 *
 * Assembled on the client's first call, not at construction: constructing a client then loads none of the
 * policies, the transport or undici (start-up is measured by `npm run bench startup`).
 */
import type { Credential } from './credentials.js';
import type { ClientLog } from './logging.js';
import { createOriginTransport } from './origin-transport.js';
import { composePipeline, customPolicies, type CustomPolicy, type PipelinePolicy, type SendRequest } from './pipeline.js';
import { bearerTokenPolicy } from './policies/authentication.js';
import { loggingPolicy } from './policies/logging.js';
import { redirectPolicy } from './policies/redirect.js';
import { retryPolicy } from './policies/retry.js';
import { timeoutPolicy } from './policies/timeout.js';
import type { ProxyOption } from './proxy.js';
import { defaultRetryOptions, type RetryOptions } from './retry.js';

export interface PipelineConfig {
  readonly ownOrigin: string;
  readonly credential: Credential;
  readonly ca: string | Buffer | Array<string | Buffer> | undefined;
  readonly proxy: ProxyOption | undefined;
  readonly log: ClientLog;
  readonly retry: RetryOptions | undefined;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly policies: readonly CustomPolicy[] | undefined;
}

export interface AssembledPipeline {
  readonly send: SendRequest;
  /** Closes the transport's keep-alive connections. */
  close(): Promise<void>;
}

export function assemblePipeline(config: PipelineConfig): AssembledPipeline {
  const { ownOrigin, log } = config;
  const retry = { ...defaultRetryOptions, ...config.retry };
  const transport = createOriginTransport({
    ownOrigin, credential: config.credential, ca: config.ca, proxy: config.proxy, log, maxResponseBytes: config.maxResponseBytes, connectTimeoutMs: config.timeoutMs,
  });
  const policies: Array<PipelinePolicy | undefined> = [
    ...customPolicies(config.policies, 'perCall'),
    retryPolicy(retry, log),
    ...customPolicies(config.policies, 'perRetry'),
    redirectPolicy(retry.maxRedirects, ownOrigin),
    timeoutPolicy(config.timeoutMs),
    bearerTokenPolicy(config.credential, ownOrigin),
    log.enabled('warn') ? loggingPolicy(log) : undefined,
  ];
  return { send: composePipeline(policies.filter((p) => p !== undefined), transport.send), close: () => transport.close() };
}
