/**
 * The heavy dependencies (undici, fast-xml-parser, ajv), loaded on first use instead of at import time: importing
 * the SDK and constructing a client then costs a few milliseconds, and a program pays for HTTP, XML and
 * validation only when it sends its first request. All three ship CommonJS builds, so a synchronous require
 * serves the synchronous call sites (parsing, validating) as well.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const undici = (): typeof import('undici') => require('undici') as typeof import('undici');
export const fastXmlParser = (): typeof import('fast-xml-parser') => require('fast-xml-parser') as typeof import('fast-xml-parser');
export const ajv = (): typeof import('ajv') => require('ajv') as typeof import('ajv');
