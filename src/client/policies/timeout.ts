/**
 * Bounds each attempt by a timeout (the call's own, else the client's), combined with the caller's signal, and
 * says which of the two ended an attempt: TimeoutError for the timeout, AbortedError for the caller. Retries,
 * their waits and redirects sit above this policy, so each attempt gets the full time and the caller's signal still
 * stops them; authentication sits below it, so the wait for a token counts against the attempt's time.
 */
import { AbortedError, TimeoutError } from '../../core/errors.js';
import type { PipelinePolicy } from '../pipeline.js';

const abort = (controller: AbortController): void => controller.abort();

export function timeoutPolicy(defaultTimeoutMs: number): PipelinePolicy {
  return async (request, next) => {
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    const caller = request.signal;
    // A controller and a timer cleared when the attempt ends, rather than AbortSignal.timeout(): that one leaves
    // a timer pending for the whole timeout after every call, and costs several times as much per call.
    const attempt = new AbortController();
    const timer = setTimeout(abort, timeoutMs, attempt);
    const onCallerAbort = caller ? () => attempt.abort() : undefined;
    if (caller?.aborted) attempt.abort();
    else if (onCallerAbort) caller!.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return await next({ ...request, signal: attempt.signal });
    } catch (err) {
      // An aborted attempt fails below like a broken connection (or, while the token is awaited, with the
      // signal's reason); the signals tell which of the two ended it.
      if (caller?.aborted) throw new AbortedError(request.operation.name);
      // Only the caller and the timer abort the attempt, and the caller was checked first.
      if (attempt.signal.aborted) throw new TimeoutError(request.operation.name, timeoutMs);
      throw err;
    } finally {
      clearTimeout(timer);
      if (onCallerAbort) caller!.removeEventListener('abort', onCallerAbort);
    }
  };
}
