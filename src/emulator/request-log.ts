/**
 * The request log tests read (`emulator.requests`): bounded by count and by bytes, so that no client can grow it
 * without limit; credentials never kept (Authorization is replaced by which known token it carried, if any);
 * bodies kept only for authenticated requests, each cut to KEEP_BODY_CHARS.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
  requestId: string;
  method: string;
  /** Path and query as sent. */
  url: string;
  /** The headers as sent, except credentials: see redactHeaders. */
  headers: IncomingHttpHeaders;
  /** The body as sent (its first KEEP_BODY_CHARS characters); empty for a request refused before its body was read. */
  body: string;
  /** The body's full length in bytes, whether kept or not (0 when it was not read). */
  bodyBytes?: number;
  /** The spec operation it matched, if any. */
  operation?: string;
  /** The status answered; 0 when the connection was dropped on purpose. */
  status: number;
  /** Elements of the body skipped because they came out of the contract's order, as the service skipped them. */
  skipped?: readonly string[];
}

/** Entries kept; the oldest go first. */
export const KEEP_REQUESTS = 1000;
/** What all entries together may hold (bodies, URLs, headers); the oldest go first past it. */
export const KEEP_LOG_BYTES = 16 * 1024 * 1024;
/** What one entry's body may hold. */
export const KEEP_BODY_CHARS = 256 * 1024;

const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];
const sizes = new WeakMap<RecordedRequest, number>();

/**
 * Headers without credentials: a bearer token the emulator knows becomes `Bearer [token #n]` (its place in the
 * configured list, so tests can tell which was sent), any other value `[redacted]`.
 */
export function redactHeaders(headers: IncomingHttpHeaders, bearerTokens: ReadonlySet<string>): IncomingHttpHeaders {
  const copy: IncomingHttpHeaders = { ...headers };
  for (const name of CREDENTIAL_HEADERS) {
    const value = copy[name];
    if (value === undefined) continue;
    const token = name === 'authorization' && typeof value === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(value)?.[1] : undefined;
    const index = token === undefined ? -1 : [...bearerTokens].indexOf(token);
    copy[name] = index >= 0 ? `Bearer [token #${index + 1}]` : '[redacted]';
  }
  return copy;
}

function sizeOf(entry: RecordedRequest): number {
  let size = sizes.get(entry);
  if (size === undefined) {
    size = entry.url.length + entry.body.length + 256;
    for (const [name, value] of Object.entries(entry.headers)) size += name.length + String(value).length;
    sizes.set(entry, size);
  }
  return size;
}

/** Appends an entry, then drops the oldest while the log holds too many entries or too many bytes. */
export function keepRequest(log: RecordedRequest[], entry: RecordedRequest): void {
  if (entry.body.length > KEEP_BODY_CHARS) entry.body = entry.body.slice(0, KEEP_BODY_CHARS);
  log.push(entry);
  let bytes = 0;
  for (const kept of log) bytes += sizeOf(kept);
  let drop = Math.max(0, log.length - KEEP_REQUESTS);
  for (let i = 0; i < drop; i++) bytes -= sizeOf(log[i]!);
  while (bytes > KEEP_LOG_BYTES && drop < log.length - 1) bytes -= sizeOf(log[drop++]!);
  if (drop > 0) log.splice(0, drop);
}
