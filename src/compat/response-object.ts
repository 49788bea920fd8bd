/**
 * The response object of the old documents, built from what the typed client reports: on success the parsed body
 * (`response`), status, headers and body text; on failure `error` as { Code, Message } with whatever is known of
 * the response. Every outcome becomes a response object, so a callback always runs and a promise never rejects.
 */
import type { ResponseInfo } from '../client/client.js';
import { NetworkError, ResponseParseError, ServiceError } from '../core/errors.js';
import type { OperationDescriptor } from '../core/shapes.js';
import type { RequestSummary, ResponseObject } from './types.js';

function withSummary<T extends ResponseObject>(rsp: T, reqopts: RequestSummary | undefined): T {
  if (reqopts !== undefined) rsp.reqopts = reqopts;
  return rsp;
}

/** Does the operation's answer for this status carry a body the typed client parsed? */
function hasParsedBody(op: OperationDescriptor, statusCode: number): boolean {
  if (op.async !== undefined) return false;
  const spec = op.responses.find((r) => r.status === statusCode) ?? (op.responses.length === 1 ? op.responses[0] : undefined);
  return spec?.body !== undefined;
}

export function successResponse(op: OperationDescriptor, result: unknown, info: ResponseInfo | undefined, reqopts: RequestSummary | undefined): ResponseObject {
  const statusCode = info?.statusCode ?? (result as { statusCode?: number } | undefined)?.statusCode;
  const response = statusCode !== undefined && hasParsedBody(op, statusCode) ? result : {};
  const rsp: ResponseObject = { isSuccessful: true, response, headers: { ...info?.headers }, body: info?.body ?? '' };
  if (statusCode !== undefined) rsp.statusCode = statusCode;
  return withSummary(rsp, reqopts);
}

/** A code for errors without a service answer: the network's (ECONNREFUSED, ...), Node's (ERR_...), or the class. */
function errorCode(err: unknown): string {
  if (err instanceof NetworkError) return err.causeCode ?? err.name;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== '') return code;
  return err instanceof Error ? err.name : 'Error';
}

function messageOf(err: unknown): string {
  if (err instanceof ServiceError) return err.detail;
  return err instanceof Error ? err.message : String(err);
}

export function failureResponse(err: unknown, info: ResponseInfo | undefined, reqopts: RequestSummary | undefined): ResponseObject {
  const rsp: ResponseObject = {
    isSuccessful: false,
    error: { Code: err instanceof ServiceError ? err.code : errorCode(err), Message: messageOf(err) },
    headers: { ...(err instanceof ServiceError ? err.headers : {}), ...info?.headers },
  };
  if (err instanceof ServiceError || err instanceof ResponseParseError) rsp.statusCode = err.statusCode;
  const body = info?.body ?? (err instanceof ServiceError || err instanceof ResponseParseError ? err.rawBody : undefined);
  if (body !== undefined) rsp.body = body;
  return withSummary(rsp, reqopts);
}
