import { AbortedError } from '../core/errors.js';

/** Waits `ms`, or rejects with AbortedError as soon as the signal fires. */
export function sleep(ms: number, signal: AbortSignal | undefined, operation: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError(operation));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(operation));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
