/**
 * When to send a request again. Idempotent verbs (GET, PUT, DELETE) are retried on transient statuses and
 * connection failures; a POST only when the request provably never reached the server (the connection was never
 * made). Delays grow exponentially with full jitter, and Retry-After wins when the service sends it.
 */

export interface RetryOptions {
  /** Attempts after the first; default 3. */
  maxRetries?: number;
  /** First backoff delay; default 500 ms. */
  baseDelayMs?: number;
  /** Longest backoff delay, and the cap on a Retry-After; default 30 s. */
  maxDelayMs?: number;
  /** Statuses retried for idempotent verbs; default 408, 429, 500, 502, 503, 504. */
  statuses?: number[];
  /** Also retry 409 ConflictError answers saying another operation holds the resource; default false. */
  retryExclusiveAccessConflicts?: boolean;
  /** Redirects (307/308) followed at most; default 5. */
  maxRedirects?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const defaultRetryOptions: ResolvedRetryOptions = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  statuses: [408, 429, 500, 502, 503, 504],
  retryExclusiveAccessConflicts: false,
  maxRedirects: 5,
};

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

/** Errors raised before a single byte of the request could reach the server. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Transient failures after the connection was made: the server may have acted. */
const MAYBE_SENT = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NEVER_SENT.has(code) || MAYBE_SENT.has(code))) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return (err as { code?: string } | undefined)?.code;
}

export function isRetryableNetworkError(method: string, err: unknown): boolean {
  const code = errorCode(err);
  if (code === undefined) return false;
  if (NEVER_SENT.has(code)) return true;
  return MAYBE_SENT.has(code) && IDEMPOTENT.has(method);
}

export function isRetryableStatus(method: string, status: number, body: string, options: ResolvedRetryOptions): boolean {
  if (status === 409) return options.retryExclusiveAccessConflicts && /exclusive access|another operation|in progress/i.test(body);
  return IDEMPOTENT.has(method) && options.statuses.includes(status);
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Delay before retry number `attempt` (1-based): Retry-After when given, else full-jitter exponential backoff. */
export function backoffDelay(attempt: number, options: ResolvedRetryOptions, retryAfter?: number, random = Math.random): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, options.maxDelayMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * ceiling / 2);
}
