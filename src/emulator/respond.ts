/**
 * Turning results into HTTP answers: bodies written with the operation's response shape (runtime/xml.ts for
 * XML, runtime/json.ts for JSON), errors as the service's <Error> body, and the headers every answer carried.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BodyShape } from '../core/shapes.js';
import { writeXmlBody } from '../core/xml.js';
import type { ApiError } from './api-error.js';
import { writeJsonBody } from '../core/json.js';
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

/**
 * A handler that answers `Content-Type: text/plain` serves an XML document as a file, as the service served the
 * network configuration (recorded: text/plain, a BOM and an XML declaration before the root element).
 */
export const TEXT_DOCUMENT = 'text/plain';
const DOCUMENT_PROLOG = '\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n';

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
    : `${headers['Content-Type'] === TEXT_DOCUMENT ? DOCUMENT_PROLOG : ''}${writeXmlBody(shape, value, namespace)}`;
  return { status, headers: { 'Content-Type': CONTENT_TYPES[format], ...headers }, body };
}

export function errorReply(error: ApiError, errorBody: BodyShape, format: WireFormat, namespace: string): Reply {
  return bodyReply(error.status, errorBody, { Code: error.code, Message: error.message }, format, namespace, { ...error.headers });
}

function writeHead(res: ServerResponse, requestId: string, reply: Reply, length: number): void {
  res.writeHead(reply.status, {
    'Cache-Control': 'no-cache',
    ...reply.headers,
    'x-ms-request-id': requestId,
    'Content-Length': String(length),
  });
}

export function sendReply(res: ServerResponse, requestId: string, reply: Reply): void {
  const payload = reply.body === undefined ? undefined : Buffer.from(reply.body, 'utf8');
  writeHead(res, requestId, reply, payload?.length ?? 0);
  res.end(payload);
}

/**
 * A body cut short: the headers promise the whole body, `bytes` of it (default half) are sent and the
 * connection is dropped, as when a connection broke mid-answer.
 */
export function sendTruncated(res: ServerResponse, requestId: string, reply: Reply, bytes?: number): void {
  const payload = Buffer.from(reply.body ?? '', 'utf8');
  if (payload.length === 0) return sendReply(res, requestId, reply);
  writeHead(res, requestId, reply, payload.length);
  const cut = Math.min(payload.length - 1, bytes ?? Math.floor(payload.length / 2));
  res.write(payload.subarray(0, cut), () => res.socket?.destroy());
}

/** A body sent `chunkBytes` at a time with a pause between chunks, as over a slow link. */
export async function sendSlowly(res: ServerResponse, requestId: string, reply: Reply, intervalMs: number, chunkBytes = 16): Promise<void> {
  const payload = Buffer.from(reply.body ?? '', 'utf8');
  writeHead(res, requestId, reply, payload.length);
  for (let at = 0; at < payload.length; at += chunkBytes) {
    if (res.destroyed) return;
    res.write(payload.subarray(at, at + chunkBytes));
    await sleep(intervalMs);
  }
  res.end();
}
