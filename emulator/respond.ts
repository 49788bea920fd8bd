/**
 * Turning results into HTTP answers: bodies written with the operation's response shape (runtime/xml.ts for
 * XML, runtime/json.ts for JSON), errors as the service's <Error> body, and the headers every answer carried.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { BodyShape } from '../runtime/shapes.js';
import { writeXmlBody } from '../runtime/xml.js';
import type { ApiError } from './api-error.js';
import { writeJsonBody } from '../runtime/json.js';
import type { WireFormat } from './request-body.js';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

const CONTENT_TYPES: Record<WireFormat, string> = {
  xml: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** x-ms-request-id as the service formed it: 32 lowercase hex characters. */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

/** A body of the given shape. */
export function bodyReply(status: number, shape: BodyShape, value: unknown, format: WireFormat, namespace: string, headers: Record<string, string> = {}): Reply {
  if ('text' in shape) {
    return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: String(value) };
  }
  const body = format === 'json'
    ? writeJsonBody(shape, value)
    : writeXmlBody(shape, value, namespace);
  return { status, headers: { 'Content-Type': CONTENT_TYPES[format], ...headers }, body };
}

export function errorReply(error: ApiError, errorBody: BodyShape, format: WireFormat, namespace: string): Reply {
  return bodyReply(error.status, errorBody, { Code: error.code, Message: error.message }, format, namespace, { ...error.headers });
}

export function sendReply(res: ServerResponse, requestId: string, reply: Reply): void {
  const payload = reply.body === undefined ? undefined : Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, {
    'Cache-Control': 'no-cache',
    ...reply.headers,
    'x-ms-request-id': requestId,
    'Content-Length': String(payload?.length ?? 0),
  });
  res.end(payload);
}
