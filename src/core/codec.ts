/**
 * Conversions between wire text and typed values for scalar members, shared by the XML and JSON codecs.
 */
import type { ScalarShape } from './shapes.js';

export class ValueFormatError extends Error {}

/** Typed value → wire text. */
export function formatScalar(type: ScalarShape, value: unknown): string {
  switch (type.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new ValueFormatError('expected a boolean');
      return value ? 'true' : 'false';
    case 'int':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new ValueFormatError('expected an integer');
      return String(value);
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValueFormatError('expected a finite number');
      return String(value);
    case 'dateTime':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new ValueFormatError('invalid Date');
        return value.toISOString();
      }
      if (typeof value === 'string') return value;
      throw new ValueFormatError('expected a Date or an ISO 8601 string');
    case 'base64':
      if (typeof value !== 'string') throw new ValueFormatError('expected a string');
      return Buffer.from(value, 'utf8').toString('base64');
    case 'string':
      if (typeof value !== 'string') throw new ValueFormatError('expected a string');
      return value;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Whether text is base64 as the service wrote it (white space aside, in XML): the alphabet, padded to fours. */
export function isBase64(text: string): boolean {
  return BASE64.test(text) && text.length % 4 === 0;
}

/**
 * Whether wire text stands for no value at all: an empty (or blank) date. The service wrote empty elements where a
 * date had never happened (`<LastGeoFailoverTime/>` of an account that never failed over, in the versions that
 * carried geo-replication elements); such an element reads as absent, in XML and in JSON (""), not as an error.
 */
export function isEmptyDate(type: ScalarShape, text: string): boolean {
  return type.kind === 'dateTime' && text.trim() === '';
}

/** Wire text → typed value (an empty date is not one: see isEmptyDate). */
export function parseScalar(type: ScalarShape, text: string): unknown {
  switch (type.kind) {
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0') return false;
      throw new ValueFormatError(`expected true or false, got "${clip(text)}"`);
    }
    case 'int':
    case 'long': {
      const n = Number(text);
      if (!/^\s*[-+]?\d+\s*$/.test(text) || !Number.isFinite(n)) throw new ValueFormatError(`expected an integer, got "${clip(text)}"`);
      return n;
    }
    case 'double': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new ValueFormatError(`expected a number, got "${clip(text)}"`);
      return n;
    }
    case 'dateTime': {
      const d = new Date(text);
      if (Number.isNaN(d.getTime())) throw new ValueFormatError(`expected an ISO 8601 date, got "${clip(text)}"`);
      return d;
    }
    case 'base64': {
      const compact = text.replace(/\s+/g, '');
      // Some services answered plain text where base64 was documented; keep such text as it is.
      if (!isBase64(compact)) return text;
      return Buffer.from(compact, 'base64').toString('utf8');
    }
    case 'string':
      return text;
  }
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * The spec's spelling of an enum value given in any case, or the value as it is when no spelling matches. The
 * service matched enum values case-insensitively (Python's guide sends DeploymentSlot 'production'); a reader
 * that does the same rewrites them here, so that what follows sees one spelling.
 */
export function canonicalEnum(values: readonly string[] | undefined, text: string): string {
  if (values === undefined || values.includes(text)) return text;
  const lower = text.toLowerCase();
  return values.find((v) => v.toLowerCase() === lower) ?? text;
}
