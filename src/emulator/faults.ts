/**
 * Fault injection for client tests: error statuses (throttling, server errors, with Retry-After), slow answers,
 * dropped connections, 307 redirects, bodies cut short and bodies sent slowly. Rules match by operation name
 * and/or method, each for a number of requests and with a probability; the draws come from a seeded generator,
 * so that a run with the same seed injects the same faults into the same requests.
 */

export type Fault =
  | { type: 'error'; status: number; code: string; message?: string; retryAfterSeconds?: number }
  | { type: 'delay'; ms: number }
  | { type: 'reset' }
  | { type: 'redirect' }
  /** Answers with the full Content-Length but only `bytes` of the body (default: half), then drops the connection. */
  | { type: 'truncate'; bytes?: number }
  /** Sends the body `chunkBytes` at a time (default 16), one chunk every `intervalMs`. */
  | { type: 'slowBody'; intervalMs: number; chunkBytes?: number };

export interface FaultRule {
  /** Spec operation name; any operation when absent. */
  operation?: string;
  /** HTTP method; any when absent. */
  method?: string;
  /** How many matching requests the fault hits (default 1; Infinity for all). */
  times?: number;
  /** Chance (0 to 1) that a matching request is hit (default 1); drawn from the seeded generator. */
  probability?: number;
  fault: Fault;
}

/** mulberry32: a small, fast generator; the same seed gives the same sequence. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private rules: { rule: FaultRule; left: number }[] = [];
  private random: () => number;

  constructor(seed = 1) {
    this.random = seeded(seed);
  }

  /** Replaces the rules; a seed restarts the generator (to replay the same faults). */
  set(rules: readonly FaultRule[], seed?: number): void {
    this.rules = rules.map((rule) => ({ rule, left: rule.times ?? 1 }));
    if (seed !== undefined) this.random = seeded(seed);
  }

  /** The fault for this request, if a rule with hits left matches and its draw hits (the first such rule wins and uses a hit). */
  take(operation: string, method: string): Fault | undefined {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.left <= 0) continue;
      if (rule.operation !== undefined && rule.operation !== operation) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.probability !== undefined && rule.probability < 1 && this.random() >= rule.probability) continue;
      entry.left--;
      return rule.fault;
    }
    return undefined;
  }
}

/** The service's code and wording for the statuses clients retry. */
export function errorFault(status: number, retryAfterSeconds?: number): Fault {
  const known: Record<number, [string, string]> = {
    429: ['TooManyRequests', 'The request rate is too large. Please retry the request later.'],
    500: ['InternalError', 'The server encountered an internal error. Please retry the request.'],
    503: ['ServerBusy', 'The server is currently unable to receive requests. Please retry your request.'],
  };
  const [code, message] = known[status] ?? [`Status${status}`, `Injected fault: HTTP ${status}.`];
  return { type: 'error', status, code, message, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
}
