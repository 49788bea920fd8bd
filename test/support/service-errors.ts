/**
 * The one assertion the end-to-end tests make on a refusal: a typed ServiceError with the HTTP status, the
 * service's error code when given, and a detail that matches.
 */
import assert from 'node:assert/strict';
import { ServiceError } from '../../generated/index.js';

export async function rejectsWith(promise: Promise<unknown>, status: number, pattern: RegExp): Promise<void>;
export async function rejectsWith(promise: Promise<unknown>, status: number, code: string, pattern: RegExp): Promise<void>;
export async function rejectsWith(promise: Promise<unknown>, status: number, codeOrPattern: string | RegExp, pattern?: RegExp): Promise<void> {
  const code = typeof codeOrPattern === 'string' ? codeOrPattern : undefined;
  const detail = typeof codeOrPattern === 'string' ? pattern! : codeOrPattern;
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ServiceError, String(err));
    assert.equal(err.statusCode, status, err.detail);
    if (code !== undefined) assert.equal(err.code, code);
    assert.match(err.detail, detail);
    return true;
  });
}
