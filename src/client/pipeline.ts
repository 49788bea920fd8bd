/**
 * The pipeline every request of an operation goes through once it is serialized: a fixed chain of policies, each
 * a function that may change the request, pass it to the next one, and look at (or replace) what comes back. The
 * chain is composed once per client, so a call allocates no closures to run it.
 */
import type { OperationDescriptor } from '../core/shapes.js';

export interface PipelineRequest {
  /** The operation being sent: its name goes into errors, its shapes tell the logger which elements are secret. */
  readonly operation: OperationDescriptor;
  readonly method: OperationDescriptor['method'];
  /** Absolute https:// URL. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The caller's signal above the timeout policy; the attempt's own (caller's or timeout) below it. */
  readonly signal?: AbortSignal;
  /** Per-attempt timeout asked for by this call; the client's default when absent. */
  readonly timeoutMs?: number;
  /** 1 for the first attempt, set by the retry policy; redirects followed within an attempt keep its number. */
  readonly attempt: number;
  /**
   * Values the client knows to be secret for this call — the input's secret members, the proxy credentials, the
   * bearer token — scrubbed from whatever it logs or reports, in every form, should the service quote one back.
   */
  readonly secrets?: readonly string[];
}

export interface PipelineResponse {
  statusCode: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** Sends a request on through the rest of the pipeline. */
export type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;

/** One step of the pipeline. Policies treat requests as values: a change is passed on as a copy. */
export type PipelinePolicy = (request: PipelineRequest, next: SendRequest) => Promise<PipelineResponse>;

/** Chains policies, first outermost, in front of the transport. */
export function composePipeline(policies: readonly PipelinePolicy[], transport: SendRequest): SendRequest {
  return policies.reduceRight<SendRequest>((next, policy) => (request) => policy(request, next), transport);
}

/** A policy of the caller's, e.g. for tracing, placed at one of two points of the pipeline. */
export interface CustomPolicy {
  /** Names the policy in errors about it. */
  name: string;
  policy: PipelinePolicy;
  /**
   * 'perCall': once per call, outside the retries (sees the final outcome); 'perRetry' (default): once per
   * attempt, inside the retries and outside redirects, so it runs again for every retry.
   */
  position?: 'perCall' | 'perRetry';
}

/** The caller's policies at one position, in the order given; a malformed entry is a TypeError naming it. */
export function customPolicies(policies: readonly CustomPolicy[] | undefined, position: 'perCall' | 'perRetry'): PipelinePolicy[] {
  if (policies === undefined) return [];
  if (!Array.isArray(policies)) throw new TypeError('policies: must be an array of { name, policy, position }');
  return policies.filter((entry, index) => {
    const field = `policies[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new TypeError(`${field}: must be an object { name, policy, position }`);
    if (typeof entry.name !== 'string' || entry.name === '') throw new TypeError(`${field}.name: must be a non-empty string`);
    if (typeof entry.policy !== 'function') throw new TypeError(`${field}.policy (${entry.name}): must be a function (request, next) => response`);
    if (entry.position !== undefined && entry.position !== 'perCall' && entry.position !== 'perRetry') {
      throw new TypeError(`${field}.position (${entry.name}): must be 'perCall' or 'perRetry'`);
    }
    return (entry.position ?? 'perRetry') === position;
  }).map((entry) => entry.policy);
}
