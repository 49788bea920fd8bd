/**
 * The HTTP statuses a generated method accepts, read from its code: every method that sends checks
 * `if (statusCode !== 200 && statusCode !== 201) → error`; a long-running wrapper sends through its begin* twin
 * (`client2.<group>.<begin…>(`), whose statuses are the ones that count.
 */
import type { LoadedFamily, MethodInfo } from './clients.js';

export function ownStatuses(source: string): number[] {
  const check = /if \(((?:statusCode !== \d+(?: && )?)+)\)/.exec(source);
  return check === null ? [] : [...check[1]!.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

/** The begin* method a long-running wrapper delegates to, if any. */
export function delegateOf(method: MethodInfo): { group: string; method: string } | undefined {
  if (method.source.includes('.pipeline(')) return undefined;
  const m = /client2\.(\w+)\.(\w+)\(/.exec(method.source);
  return m === null ? undefined : { group: m[1]!, method: m[2]! };
}

export function acceptedStatuses(method: MethodInfo, families: readonly LoadedFamily[]): number[] {
  const delegate = delegateOf(method);
  if (delegate === undefined) return ownStatuses(method.source);
  const target = families.find((f) => f.family.name === method.family)?.methods
    .find((m) => m.group === delegate.group && m.method === delegate.method);
  return target === undefined ? [] : ownStatuses(target.source);
}
