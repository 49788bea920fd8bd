/**
 * Bounds each attempt by a timeout (the call's own, else the client's), combined with the caller's signal, and
 * says which of the two ended an attempt: TimeoutError for the timeout, AbortedError for the caller. Retries and
 * their waits sit above this policy, so each attempt gets the full time and the caller's signal still stops them.
 */
import { AbortedError, NetworkError, TimeoutError } from '../../core/errors.js';
import type { PipelinePolicy } from '../pipeline.js';

export function timeoutPolicy(defaultTimeoutMs: number): PipelinePolicy {
  return async (request, next) => {
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    const caller = request.signal;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
    try {
      return await next({ ...request, signal });
    } catch (err) {
      // An aborted request fails in the transport like a broken connection; the signals tell the two apart.
      if (!(err instanceof NetworkError)) throw err;
      if (caller?.aborted) throw new AbortedError(request.operation.name);
      if (timeout.aborted) throw new TimeoutError(request.operation.name, timeoutMs);
      throw err;
    }
  };
}
