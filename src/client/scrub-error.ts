/**
 * Known secret values scrubbed from an error before the caller sees it. The client knows which values it sent as
 * secrets (the input's secret members, the proxy credentials, the bearer token); a service that quotes one back in
 * its <Error><Message>, or in a status answer's error, must not put it into the error's message, stack, JSON or
 * inspect output. Every text an SDK error holds is rewritten in place, and so are the errors on its cause chain.
 * The same pass bounds those texts: the service's messages are a few hundred characters, and a 10 MB one from a
 * hostile server was copied whole into message, stack, JSON, inspect output and every log line of the caller.
 */
import { scrubSecrets } from './redact-body.js';

/** The own properties of SDK errors that hold text from the wire. */
const TEXT_FIELDS = ['message', 'stack', 'detail', 'rawBody', 'code'] as const;

/** The longest message, detail or code an error keeps (the service's own stay far below). */
export const MAX_ERROR_TEXT_CHARS = 4096;
/** The longest raw body an error keeps. */
export const MAX_ERROR_RAW_BODY_CHARS = 64 * 1024;

/** `text` cut to `max` characters (never inside a surrogate pair), saying how much was left out. */
export function boundText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

function setText(record: Record<string, unknown>, field: string, value: string): void {
  Object.defineProperty(record, field, { value, writable: true, configurable: true, enumerable: Object.prototype.propertyIsEnumerable.call(record, field) });
}

/** Scrubs the secrets first, then bounds: a cut must not leave the start of a secret that the scrub would match whole. */
function rewrite(record: Record<string, unknown>, secrets: readonly string[]): void {
  const message = record['message'];
  for (const field of TEXT_FIELDS) {
    const value = record[field];
    if (typeof value !== 'string') continue;
    let text = secrets.length > 0 ? scrubSecrets(value, secrets) : value;
    if (field === 'rawBody') text = boundText(text, MAX_ERROR_RAW_BODY_CHARS);
    else if (field !== 'stack') text = boundText(text, MAX_ERROR_TEXT_CHARS);
    if (text !== value) setText(record, field, text);
  }
  // The stack starts with the message as it was built: it is cut where the message was.
  const stack = record['stack'];
  const bounded = record['message'];
  if (typeof stack === 'string' && typeof message === 'string' && typeof bounded === 'string' && message.length > MAX_ERROR_TEXT_CHARS) {
    const scrubbedMessage = secrets.length > 0 ? scrubSecrets(message, secrets) : message;
    setText(record, 'stack', stack.replace(scrubbedMessage, () => bounded));
  }
}

export function scrubError<E>(err: E, secrets: readonly string[]): E {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const record = current as Record<string, unknown>;
    rewrite(record, secrets);
    const headers = record['headers'];
    if (secrets.length > 0 && typeof headers === 'object' && headers !== null) {
      for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') (headers as Record<string, string>)[name] = scrubSecrets(value, secrets);
    }
    current = record['cause'];
  }
  return err;
}

/** The string values of an input's secret members (by name, at any depth), for scrubbing. */
export function inputSecrets(input: unknown, names: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    for (const [key, member] of Object.entries(value)) {
      if (typeof member === 'string' && member !== '' && names.has(key)) found.push(member);
      else walk(member);
    }
  };
  walk(input);
  return found;
}
