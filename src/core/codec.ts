/**
 * Conversions between wire text and typed values for scalar members, shared by the XML and JSON codecs.
 */
import type { ScalarShape } from './shapes.js';

export class ValueFormatError extends Error {}

/** A code unit of a surrogate pair without its other half: no UTF-8 encoder can write it (it becomes U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Characters outside XML 1.0's Char production, besides lone surrogates: C0 controls but tab, LF and CR; U+FFFE, U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function codePointName(text: string, at: number): string {
  return `U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why text cannot be encoded as UTF-8 exactly (a lone surrogate, at its position), or undefined. */
export function unicodeProblem(text: string): string | undefined {
  const found = LONE_SURROGATE.exec(text);
  return found === null ? undefined : `must not contain a lone surrogate (${codePointName(text, found.index)} at offset ${found.index}): it cannot be encoded as UTF-8`;
}

/** Why text cannot travel in an XML document (a character XML 1.0 forbids, or a lone surrogate), or undefined. */
export function xmlTextProblem(text: string): string | undefined {
  const found = NOT_XML.exec(text);
  if (found !== null) return `must not contain ${codePointName(text, found.index)} (at offset ${found.index}): XML cannot carry that character`;
  return unicodeProblem(text);
}

/**
 * ISO 8601 as the service writes dates (xs:dateTime: 2012-11-28T22:43:20Z, with up to 7 fraction digits, an
 * offset or none), or a bare date. Date's own parser is lenient far beyond that ("1" is 2001-01-01), and rolls an
 * impossible day over (2020-02-30 is 1 March); the fields are checked against the calendar here instead.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether text is an ISO 8601 date as above, with a real day of the calendar and a real time of day. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (m === null) return false;
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = [m[1], m[2], m[3], m[4], m[5], m[6], m[8], m[9]].map((v) => (v === undefined ? 0 : Number(v))) as number[];
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysIn(year!, month!) && hour! <= 23 && minute! <= 59 && second! <= 59
    && offsetHour! <= 23 && offsetMinute! <= 59;
}

/** Typed value → wire text. */
export function formatScalar(type: ScalarShape, value: unknown): string {
  switch (type.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new ValueFormatError('expected a boolean');
      return value ? 'true' : 'false';
    case 'int':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new ValueFormatError('expected an integer');
      // Beyond 2^53 a number no longer holds every integer: what would be sent is not what the caller meant.
      if (!Number.isSafeInteger(value)) throw new ValueFormatError('must be a safe integer (within ±(2^53 - 1))');
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
    case 'string': {
      if (typeof value !== 'string') throw new ValueFormatError('expected a string');
      const problem = unicodeProblem(value);
      if (problem !== undefined) throw new ValueFormatError(problem);
      return type.kind === 'base64' ? Buffer.from(value, 'utf8').toString('base64') : value;
    }
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
      // A long past 2^53 would read as a neighbouring number, silently: refused, so that no count is ever wrong.
      if (!Number.isSafeInteger(n)) throw new ValueFormatError(`expected an integer within ±(2^53 - 1), which a number holds exactly, got "${clip(text)}"`);
      return n;
    }
    case 'double': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new ValueFormatError(`expected a number, got "${clip(text)}"`);
      return n;
    }
    case 'dateTime': {
      const trimmed = text.trim();
      const d = isIsoDate(trimmed) ? new Date(trimmed) : undefined;
      if (d === undefined || Number.isNaN(d.getTime())) throw new ValueFormatError(`expected an ISO 8601 date, got "${clip(text)}"`);
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
