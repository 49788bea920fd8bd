/**
 * The x-ms-version check. The service required the header on every request and refused versions it did not
 * know; clients in the wild sent dates from 2012-03-01 (azure@0.6) to 2017-01-01 (azure-asm-compute).
 */
import { ApiError } from './api-error.js';

export interface VersionRange {
  /** Oldest accepted version, YYYY-MM-DD. */
  min: string;
  /** Newest accepted version, YYYY-MM-DD. */
  max: string;
}

export const DEFAULT_VERSIONS: VersionRange = { min: '2009-10-01', max: '2017-01-01' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
}

/** Widens the range so that every version the spec names is accepted. */
export function rangeCovering(range: VersionRange, versions: readonly string[]): VersionRange {
  const max = versions.reduce((a, b) => (b > a ? b : a), range.max);
  const min = versions.reduce((a, b) => (b < a ? b : a), range.min);
  return { min, max };
}

/** Throws 400 MissingOrIncorrectVersionHeader unless the header holds a version in range. */
export function checkVersionHeader(header: string | string[] | undefined, range: VersionRange): void {
  const value = Array.isArray(header) ? header[0] : header;
  const version = value?.trim();
  if (version !== undefined && isRealDate(version) && version >= range.min && version <= range.max) return;
  const found = version === undefined ? 'it is missing' : `got "${version}"`;
  throw new ApiError(400, 'MissingOrIncorrectVersionHeader',
    `The versioning header is not specified or was specified incorrectly (${found}; x-ms-version must be a date from ${range.min} to ${range.max}, e.g. 2014-10-01).`);
}
