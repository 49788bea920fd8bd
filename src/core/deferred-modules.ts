/**
 * The heavy dependencies (undici, ajv), loaded on first use instead of at import time: importing
 * the SDK and constructing a client then costs a few milliseconds, and a program pays for HTTP and
 * validation only when it sends its first request. Both ship CommonJS builds, so a synchronous require
 * serves the synchronous call site (validating) as well.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const undici = (): typeof import('undici') => require('undici') as typeof import('undici');
export const ajv = (): typeof import('ajv') => require('ajv') as typeof import('ajv');
