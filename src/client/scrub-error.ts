/**
 * Known secret values scrubbed from an error before the caller sees it. The client knows which values it sent as
 * secrets (the input's secret members, the proxy credentials, the bearer token); a service that quotes one back in
 * its <Error><Message>, or in a status answer's error, must not put it into the error's message, stack, JSON or
 * inspect output. Every text an SDK error holds is rewritten in place, and so are the errors on its cause chain.
 */
import { scrubSecrets } from './redact-body.js';

/** The own properties of SDK errors that hold text from the wire. */
const TEXT_FIELDS = ['message', 'stack', 'detail', 'rawBody', 'code'] as const;

export function scrubError<E>(err: E, secrets: readonly string[]): E {
  if (secrets.length === 0) return err;
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const record = current as Record<string, unknown>;
    for (const field of TEXT_FIELDS) {
      const value = record[field];
      if (typeof value === 'string') {
        const scrubbed = scrubSecrets(value, secrets);
        if (scrubbed !== value) Object.defineProperty(record, field, { value: scrubbed, writable: true, configurable: true, enumerable: Object.prototype.propertyIsEnumerable.call(record, field) });
      }
    }
    const headers = record['headers'];
    if (typeof headers === 'object' && headers !== null) {
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
