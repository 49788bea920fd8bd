/**
 * Fault rules from text, for the CLI's --faults: a JSON array of FaultRule (or @file.json), or the compact form
 *
 *   <target>=<fault>[x<times>|x*][~<probability>], ...
 *
 * where target is an operation name, an HTTP method (GET, POST...) or *, and fault is one of
 * 503 | 503:<retry-after s> | 429 | 500 | delay:<ms> | reset | redirect | truncate[:<bytes>] | slow:<ms>[:<chunk bytes>].
 * Example: "ListLocations=503:2x3,*=delay:100x*~0.2" (three 503s with Retry-After 2, then a 20% chance of 100 ms).
 */
import { readFileSync } from 'node:fs';
import { errorFault, type Fault, type FaultRule } from './faults.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD']);
const RULE = /^([^=\s]+)=([a-z0-9:]+?)(?:x(\d+|\*))?(?:~(0|1|0?\.\d+))?$/i;

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

function number(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(n) || n < 0) throw new FaultSpecError(`${what} must be a non-negative number, got "${text ?? ''}"`);
  return n;
}

function faultOf(text: string): Fault {
  const [kind, a, b] = text.split(':');
  if (/^\d{3}$/.test(kind!)) {
    const status = Number(kind);
    const retry = a !== undefined ? number(a, 'Retry-After') : status === 503 || status === 429 ? 1 : undefined;
    return errorFault(status, retry);
  }
  switch (kind!.toLowerCase()) {
    case 'delay': return { type: 'delay', ms: number(a, 'delay') };
    case 'reset': return { type: 'reset' };
    case 'redirect': return { type: 'redirect' };
    case 'truncate': return a === undefined ? { type: 'truncate' } : { type: 'truncate', bytes: number(a, 'truncate bytes') };
    case 'slow': return { type: 'slowBody', intervalMs: number(a, 'slow interval'), ...(b === undefined ? {} : { chunkBytes: number(b, 'slow chunk') }) };
    default: throw new FaultSpecError(`unknown fault "${text}"`);
  }
}

function ruleOf(text: string): FaultRule {
  const m = RULE.exec(text.trim());
  if (m === null) throw new FaultSpecError(`"${text}" is not <target>=<fault>[x<times>][~<probability>]`);
  const [, target, fault, times, probability] = m;
  const rule: FaultRule = { fault: faultOf(fault!) };
  if (target !== '*') {
    if (METHODS.has(target!)) rule.method = target!;
    else rule.operation = target!;
  }
  if (times !== undefined) rule.times = times === '*' ? Infinity : number(times, 'times');
  if (probability !== undefined) rule.probability = Number(probability);
  return rule;
}

/** Parses --faults: JSON (inline or @file) or the compact form. */
export function parseFaultSpec(text: string): FaultRule[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('@')) return parseFaultSpec(readFileSync(trimmed.slice(1), 'utf8'));
  if (trimmed.startsWith('[')) {
    const rules = JSON.parse(trimmed) as FaultRule[];
    if (!Array.isArray(rules)) throw new FaultSpecError('the JSON form must be an array of rules');
    return rules.map((r) => (r.times === null ? { ...r, times: Infinity } : r));
  }
  return trimmed === '' ? [] : trimmed.split(',').map(ruleOf);
}
