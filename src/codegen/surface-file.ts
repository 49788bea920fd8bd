/**
 * generated/api-surface.json: the surface snapshot as text, read back for the next regeneration's diff, and its
 * fingerprint, which the change report names.
 */
import { createHash } from 'node:crypto';
import { surfaceFormatVersion, type ApiSurface } from './surface.js';

export const surfacePath = 'generated/api-surface.json';

/** Bumped when the snapshot layout changes; a snapshot of another version is not compared against. */

/**
 * The snapshot's text: JSON with each parameter, property and response on a line of its own, so that a pull
 * request's diff of the snapshot shows exactly the members that changed.
 */
export function surfaceText(surface: ApiSurface): string {
  return `${printJson(surface, '')}\n`;
}

/** Levels of nesting in a value: 0 for a scalar, 1 for a flat array or object, and so on. */
function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depth));
}

function printJson(value: unknown, indent: string): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Array.isArray(value) ? value.map((v) => ['', v] as const) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const key = (k: string) => (Array.isArray(value) ? '' : `${JSON.stringify(k)}: `);
  if (entries.length === 0) return `${open}${close}`;
  const listOfRecords = Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null);
  if (depth(value) <= 2 && !listOfRecords) return `${open} ${entries.map(([k, v]) => `${key(k)}${printJson(v, '')}`).join(', ')} ${close}`;
  const inner = `${indent}  `;
  return `${open}\n${entries.map(([k, v]) => `${inner}${key(k)}${printJson(v, inner)}`).join(',\n')}\n${indent}${close}`;
}

/** Reads a snapshot written by {@link surfaceText}; undefined when it is missing, unreadable or of another format. */
export function parseSurface(text: string | undefined): ApiSurface | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ApiSurface>;
    if (value.formatVersion !== surfaceFormatVersion || typeof value.operations !== 'object' || typeof value.models !== 'object') return undefined;
    return value as ApiSurface;
  } catch {
    return undefined;
  }
}

/** A short, stable fingerprint of a snapshot's text: the change report names the surface it leads to. */
export function surfaceFingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
