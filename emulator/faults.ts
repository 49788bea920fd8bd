/**
 * Fault injection for client tests: error statuses (throttling, server errors), slow answers, dropped
 * connections and 307 redirects, matched by operation name and/or method, each for a number of requests.
 */

export type Fault =
  | { type: 'error'; status: number; code: string; message?: string; retryAfterSeconds?: number }
  | { type: 'delay'; ms: number }
  | { type: 'reset' }
  | { type: 'redirect' };

export interface FaultRule {
  /** Spec operation name; any operation when absent. */
  operation?: string;
  /** HTTP method; any when absent. */
  method?: string;
  /** How many matching requests the fault hits (default 1; Infinity for all). */
  times?: number;
  fault: Fault;
}

export class Faults {
  private rules: { rule: FaultRule; left: number }[] = [];

  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, left: rule.times ?? 1 }));
  }

  /** The fault for this request, if a rule with hits left matches (the first one wins and uses a hit). */
  take(operation: string, method: string): Fault | undefined {
    const entry = this.rules.find(({ rule, left }) => left > 0
      && (rule.operation === undefined || rule.operation === operation)
      && (rule.method === undefined || rule.method.toUpperCase() === method));
    if (entry === undefined) return undefined;
    entry.left--;
    return entry.rule.fault;
  }
}
