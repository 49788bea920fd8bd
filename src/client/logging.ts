/**
 * Logging with redaction by allow-list: only headers known to be harmless are shown (others read REDACTED), and
 * bodies are shown at debug level with every secret element (AdminPassword, private keys, certificate data…)
 * blanked. Set ASM_SDK_LOG=debug|info|warn to log to stderr without writing a logger.
 */
import { addSecretMembers } from '../core/secret-members.js';
import type { ModelShape, OperationDescriptor } from '../core/shapes.js';
import { REDACTED, redactJson, redactXml, scrubSecrets } from './redact-body.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  message: string;
  operation?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  attempt?: number;
  /** Delay before the next attempt (Retry-After when the service sent one, else backoff). */
  retryInMs?: number;
  requestId?: string;
  headers?: Record<string, string>;
  body?: string;
}

export type Logger = (entry: LogEntry) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const SAFE_HEADERS = new Set([
  'accept', 'accept-charset', 'cache-control', 'connection', 'content-length', 'content-type', 'date', 'expires',
  'keep-alive', 'location', 'retry-after', 'server', 'transfer-encoding', 'user-agent', 'x-ms-version',
  'x-ms-request-id', 'x-ms-servedbyregion', 'x-ms-continuation-token',
]);

export { REDACTED };

/**
 * Element names always treated as secret, whatever the spec says: passwords, private keys, storage keys and
 * certificate data (<CertificateFile><Data> carries a PKCS#12 with its private key). Over-redacting a log line is
 * harmless; under-redacting is not.
 */
const ALWAYS_SECRET = ['AdminPassword', 'UserPassword', 'Password', 'PrivateConfiguration', 'CertificatePassword', 'PrivateKey', 'Primary', 'Secondary', 'Data'];

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    out[name] = !SAFE_HEADERS.has(lower) ? REDACTED : lower === 'location' ? redactUrl(value) : value;
  }
  return out;
}

/**
 * A URL (absolute or a path) as it may be shown: without user:password@, and with the value of every query
 * parameter not in `shownQuery` redacted — a redirect's Location can carry a SAS signature (sig=) or a token, and a
 * query the SDK did not build is not known to be harmless.
 */
export function redactUrl(url: string, shownQuery: ReadonlySet<string> = NO_NAMES): string {
  const queryAt = url.indexOf('?');
  const at = url.indexOf('@');
  if (queryAt === -1 && at === -1) return url;
  const hashAt = url.indexOf('#', queryAt === -1 ? 0 : queryAt);
  let head = queryAt === -1 ? url : url.slice(0, queryAt);
  // user:password@ sits between "//" and the first "/" after it.
  head = head.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  if (queryAt === -1) return head;
  const query = url.slice(queryAt + 1, hashAt === -1 ? url.length : hashAt);
  const pairs = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    return eq === -1 || shownQuery.has(safeDecode(name)) ? pair : `${name}=${REDACTED}`;
  });
  return `${head}?${pairs.join('&')}`;
}

const NO_NAMES: ReadonlySet<string> = new Set();

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const queryNamesByOperation = new WeakMap<OperationDescriptor, ReadonlySet<string>>();

/** The query parameters an operation's own requests carry: shown in logs, since the SDK built them from the spec. */
export function queryNames(op: OperationDescriptor): ReadonlySet<string> {
  let names = queryNamesByOperation.get(op);
  if (names === undefined) {
    names = new Set([...Object.keys(op.fixedQuery ?? {}), ...op.params.filter((p) => p.in === 'query').map((p) => p.wireName ?? p.name)]);
    queryNamesByOperation.set(op, names);
  }
  return names;
}

const secretsByOperation = new WeakMap<OperationDescriptor, ReadonlySet<string>>();

/** The names of every secret element, attribute or JSON member an operation's bodies can hold. */
export function secretNames(op: OperationDescriptor): ReadonlySet<string> {
  let names = secretsByOperation.get(op);
  if (names) return names;
  const found = new Set(ALWAYS_SECRET);
  const seen = new Set<ModelShape>();
  const bodies = [op.request, ...op.responses.map((r) => r.body)];
  for (const body of bodies) addSecretMembers(body, found, seen);
  secretsByOperation.set(op, found);
  return found;
}

/**
 * A body with its secrets redacted, read as markup and as JSON tokens (redact-body.ts), never by a pattern over the
 * text that CDATA, a comment, a prefix or an escaped name could slip past; then any PEM private key in any text,
 * and any value the client knows it sent as a secret (`known`), in each of its forms.
 */
export function redactBody(op: OperationDescriptor, body: string, known: readonly string[] = []): string {
  const names = secretNames(op);
  const isSecret = (name: string): boolean => names.has(name);
  const redacted = redactJson(redactXml(scrubSecrets(body, known), isSecret), isSecret);
  // PEM blocks can travel inside any text member. A block with no END marker (a cut-off body) is redacted to the
  // end, in one match, so that many BEGIN markers cannot make the scan quadratic.
  return redacted.replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[^-]|-(?!----END))*(?:-----END [A-Z ]*PRIVATE KEY-----)?/g, REDACTED);
}

/** Path and query of a request as logged: credentials and query values the SDK did not put there redacted. */
export function loggedPath(op: OperationDescriptor, url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return redactUrl(slash < 0 ? '/' : url.slice(slash), queryNames(op));
}

/** How much of a body an error or a debug entry keeps: enough to diagnose, not a whole HTML page. */
const BODY_EXCERPT_CHARS = 64 * 1024;

/** The start of a body, secrets redacted: what errors and debug logs show of it. */
export function redactedExcerpt(op: OperationDescriptor, body: string, known: readonly string[] = []): string {
  // Known values are scrubbed before the cut, so that the cut cannot leave the start of one behind.
  return redactBody(op, scrubSecrets(body, known).slice(0, BODY_EXCERPT_CHARS));
}

/** The logger to use: the caller's, else stderr when ASM_SDK_LOG asks for it, else none. */
export function resolveLogger(logger: Logger | undefined, environment: NodeJS.ProcessEnv = process.env): { logger?: Logger; level: LogLevel } {
  const envLevel = environment['ASM_SDK_LOG']?.toLowerCase();
  const level: LogLevel = envLevel && envLevel in LEVELS ? (envLevel as LogLevel) : 'info';
  if (logger) return { logger, level: envLevel && envLevel in LEVELS ? level : 'debug' };
  if (!envLevel || !(envLevel in LEVELS)) return { level };
  return { logger: (entry) => process.stderr.write(`[asm-sdk] ${JSON.stringify(entry)}\n`), level };
}

export function shouldLog(level: LogLevel, threshold: LogLevel): boolean {
  return LEVELS[level] >= LEVELS[threshold];
}

/** A client's log: the logger and threshold resolved once, so that a call pays one comparison per entry it skips. */
export interface ClientLog {
  /** Whether an entry at this level would be delivered: check it before building an expensive entry. */
  enabled(level: LogLevel): boolean;
  write(level: LogLevel, entry: Omit<LogEntry, 'level'>): void;
}

export function createClientLog(logger: Logger | undefined, environment: NodeJS.ProcessEnv = process.env): ClientLog {
  const resolved = resolveLogger(logger, environment);
  const sink = resolved.logger;
  const threshold = LEVELS[resolved.level];
  const enabled = (level: LogLevel): boolean => sink !== undefined && LEVELS[level] >= threshold;
  return {
    enabled,
    write: (level, entry) => { if (enabled(level)) sink!({ level, ...entry }); },
  };
}
