/**
 * Logging with redaction by allow-list: only headers known to be harmless are shown (others read REDACTED), and
 * bodies are shown at debug level with every secret element (AdminPassword, private keys, certificate data…)
 * blanked. Set ASM_SDK_LOG=debug|info|warn to log to stderr without writing a logger.
 */
import { isPolymorphic, type ModelShape, type OperationDescriptor, type TypeShape } from '../core/shapes.js';

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

export const REDACTED = 'REDACTED';

/**
 * Element names always treated as secret, whatever the spec says: passwords, private keys, storage keys and
 * certificate data (<CertificateFile><Data> carries a PKCS#12 with its private key). Over-redacting a log line is
 * harmless; under-redacting is not.
 */
const ALWAYS_SECRET = ['AdminPassword', 'UserPassword', 'Password', 'PrivateConfiguration', 'CertificatePassword', 'PrivateKey', 'Primary', 'Secondary', 'Data'];

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SAFE_HEADERS.has(name.toLowerCase()) ? value : REDACTED;
  return out;
}

function collectSecrets(type: TypeShape, names: Set<string>, seen: Set<ModelShape>): void {
  if (type.kind === 'list') return collectSecrets(type.item.type, names, seen);
  if (type.kind !== 'model') return;
  const shape = type.model();
  if (seen.has(shape)) return;
  seen.add(shape);
  const structures = isPolymorphic(shape) ? shape.variants() : [shape];
  for (const structure of structures) {
    for (const member of structure.members) {
      if (member.secret) names.add(member.name);
      collectSecrets(member.type, names, seen);
    }
  }
}

const secretsByOperation = new WeakMap<OperationDescriptor, RegExp>();

/** A pattern matching the text of every secret element or attribute an operation's bodies can hold. */
function secretPattern(op: OperationDescriptor): RegExp {
  let pattern = secretsByOperation.get(op);
  if (pattern) return pattern;
  const names = new Set(ALWAYS_SECRET);
  const seen = new Set<ModelShape>();
  const bodies = [op.request, ...op.responses.map((r) => r.body)];
  for (const body of bodies) {
    if (body && 'model' in body) collectSecrets({ kind: 'model', model: body.model }, names, seen);
    if (body && 'list' in body) collectSecrets(body.list.type, names, seen);
  }
  const alternatives = [...names].join('|');
  // <Name ...>text</Name>, "Name":"text" (JSON) and Name="text" (attributes).
  // Each alternative stops at the next '<' or quote, so no input makes the scan quadratic, and a value cut off by
  // the end of a truncated body is redacted up to that end.
  pattern = new RegExp(`(<(?:\\w+:)?(?:${alternatives})(?:\\s[^<>]*)?>)[^<]*|("(?:${alternatives})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*|(\\s(?:${alternatives})=")[^"]*`, 'g');
  secretsByOperation.set(op, pattern);
  return pattern;
}

export function redactBody(op: OperationDescriptor, body: string): string {
  const redacted = body.replace(secretPattern(op), (_m, element?: string, json?: string, attribute?: string) => `${element ?? json ?? attribute}${REDACTED}`);
  // PEM blocks can travel inside any text member. A block with no END marker (a cut-off body) is redacted to the
  // end, in one match, so that many BEGIN markers cannot make the scan quadratic.
  return redacted.replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[^-]|-(?!----END))*(?:-----END [A-Z ]*PRIVATE KEY-----)?/g, REDACTED);
}

/** How much of a body an error or a debug entry keeps: enough to diagnose, not a whole HTML page. */
const BODY_EXCERPT_CHARS = 64 * 1024;

/** The start of a body, secrets redacted: what errors and debug logs show of it. */
export function redactedExcerpt(op: OperationDescriptor, body: string): string {
  return redactBody(op, body.slice(0, BODY_EXCERPT_CHARS));
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
