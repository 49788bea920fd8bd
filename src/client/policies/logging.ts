/**
 * Logs every response the transport returns (each attempt and each redirect hop): at info, or warn for 4xx and
 * 5xx, with method, path, status, duration, attempt and request id; at debug, the request and the response with
 * headers by allow-list and secret body elements redacted (../logging.ts). Nothing is built for a level that is
 * off, and a client without a logger has no logging policy at all.
 */
import { loggedPath, redactBody, redactedExcerpt, redactHeaders, type ClientLog, type LogLevel } from '../logging.js';
import type { PipelinePolicy } from '../pipeline.js';
import { scrubSecrets } from '../redact-body.js';

export function loggingPolicy(log: ClientLog): PipelinePolicy {
  return async (request, next) => {
    const started = performance.now();
    const response = await next(request);
    const level: LogLevel = response.statusCode >= 400 ? 'warn' : 'info';
    if (log.enabled(level)) {
      const { method, operation, attempt } = request;
      const path = scrubSecrets(loggedPath(operation, request.url), request.secrets ?? []);
      log.write(level, {
        message: `${method} ${path} -> ${response.statusCode}`,
        operation: operation.name, method, path, status: response.statusCode,
        durationMs: Math.round(performance.now() - started), attempt, requestId: response.headers['x-ms-request-id'],
      });
    }
    if (log.enabled('debug')) {
      const { operation } = request;
      const known = request.secrets ?? [];
      log.write('debug', { message: 'request', operation: operation.name, headers: redactHeaders(request.headers), ...(request.body !== undefined ? { body: redactBody(operation, request.body, known) } : {}) });
      const headers = redactHeaders(response.headers);
      for (const name in headers) headers[name] = scrubSecrets(headers[name]!, known);
      log.write('debug', { message: 'response', operation: operation.name, headers, body: redactedExcerpt(operation, response.body, known) });
    }
    return response;
  };
}
