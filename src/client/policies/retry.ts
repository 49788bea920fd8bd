/**
 * Sends an attempt again when the rules of ../retry.ts allow it: a transient status for an idempotent verb, or a
 * connection failure that provably never reached the server (any verb) or may have (idempotent verbs only). Each
 * retry is logged at warn with its delay; a failure given up on is logged at error.
 */
import { NetworkError } from '../../core/errors.js';
import { loggedPath, type ClientLog } from '../logging.js';
import type { PipelinePolicy, PipelineRequest } from '../pipeline.js';
import { backoffDelay, isRetryableNetworkError, isRetryableStatus, retryAfterMs, type ResolvedRetryOptions } from '../retry.js';
import { sleep } from '../sleep.js';
import { failureDetail } from '../transport.js';

export function retryPolicy(options: ResolvedRetryOptions, log: ClientLog, random: () => number = Math.random): PipelinePolicy {
  /** Logs the coming retry (with its delay, so that a caller can see Retry-After honoured) and waits. */
  const backoff = (request: PipelineRequest, why: string, delayMs: number): Promise<void> => {
    const { method, attempt } = request;
    const path = loggedPath(request.operation, request.url);
    log.write('warn', {
      message: `${method} ${path} ${why}; retry ${attempt} of ${options.maxRetries} in ${delayMs} ms`,
      operation: request.operation.name, method, path, attempt, retryInMs: delayMs,
    });
    return sleep(delayMs, request.signal, request.operation.name);
  };

  return async (request, next) => {
    for (let attempt = 1; ; attempt++) {
      const current = attempt === request.attempt ? request : { ...request, attempt };
      const mayRetry = attempt <= options.maxRetries;
      let response;
      try {
        response = await next(current);
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        const detail = failureDetail(err);
        if (!mayRetry || !isRetryableNetworkError(request.method, err.cause)) {
          const path = loggedPath(request.operation, current.url);
          log.write('error', { message: `${request.method} ${path} failed: ${detail}`, operation: request.operation.name, method: request.method, path, attempt });
          throw err;
        }
        await backoff(current, `failed: ${detail}`, backoffDelay(attempt, options, undefined, random));
        continue;
      }
      if (!mayRetry || !isRetryableStatus(request.method, response.statusCode, response.body, options)) return response;
      const retryAfter = retryAfterMs(response.headers['retry-after']);
      const why = `-> ${response.statusCode}${retryAfter !== undefined ? ' (Retry-After)' : ''}`;
      await backoff(current, why, backoffDelay(attempt, options, retryAfter, random));
    }
  };
}
