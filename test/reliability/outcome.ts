/**
 * Classifying how a call ended: a value (right or wrong), an error of one of the SDK's classes, an error of any
 * other kind (a bug: callers cannot catch it by type), or no end at all within the case's hard cap.
 */
import { isDeepStrictEqual } from 'node:util';
import { SdkError } from '../../src/core/errors.js';

export type Ending = { kind: 'value'; value: unknown } | { kind: 'error'; error: unknown } | { kind: 'hang' };

/** Runs `call` and gives up waiting after `capMs` (the call may go on; its result is then ignored). */
export async function settle(call: () => Promise<unknown>, capMs: number): Promise<Ending> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<Ending>((resolve) => { timer = setTimeout(() => resolve({ kind: 'hang' }), capMs); });
  try {
    return await Promise.race([call().then((value): Ending => ({ kind: 'value', value }), (error: unknown): Ending => ({ kind: 'error', error })), cap]);
  } finally {
    clearTimeout(timer);
  }
}

/** Names of the error's classes, most derived first (ResourceNotFoundError, ServiceError, SdkError, Error). */
export function classChain(error: unknown): string[] {
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(error) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    names.push((proto as { constructor: { name: string } }).constructor.name);
  }
  return names;
}

/** A short label for counting: `value`, `ResponseParseError`, `untyped:TypeError`, `hang`. */
export function label(ending: Ending): string {
  if (ending.kind !== 'error') return ending.kind;
  if (ending.error instanceof SdkError) return classChain(ending.error)[0] ?? 'SdkError';
  return `untyped:${ending.error instanceof Error ? ending.error.constructor.name : typeof ending.error}`;
}

export type Expectation = { value: unknown } | { error: string };

/** Why an ending breaks the rules, or undefined when it is acceptable. */
export function violation(ending: Ending, expected: Expectation | undefined): string | undefined {
  if (ending.kind === 'hang') return 'no result within the hard cap';
  if (ending.kind === 'error' && !(ending.error instanceof SdkError)) return `untyped error ${describe(ending.error)}`;
  if (expected === undefined) return undefined;
  if ('value' in expected) {
    if (ending.kind === 'error') return `expected a value, got ${describe(ending.error)}`;
    return isDeepStrictEqual(ending.value, expected.value) ? undefined : `wrong value ${JSON.stringify(ending.value)?.slice(0, 300)} (expected ${JSON.stringify(expected.value)?.slice(0, 300)})`;
  }
  if (ending.kind === 'value') return `expected ${expected.error}, got a value`;
  return expected.error === '*' || classChain(ending.error).includes(expected.error) ? undefined : `expected ${expected.error}, got ${describe(ending.error)}`;
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error);
}

/** Everything a caller could see of an ending, as text: for leak and expansion checks. */
export function visibleText(ending: Ending): string {
  if (ending.kind === 'value') return JSON.stringify(ending.value) ?? '';
  if (ending.kind === 'error') {
    const error = ending.error as Error & { rawBody?: string };
    return `${error?.message ?? ''}\n${error?.stack ?? ''}\n${error?.rawBody ?? ''}`;
  }
  return '';
}
