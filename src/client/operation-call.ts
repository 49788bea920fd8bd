/**
 * One call of an operation, around the pipeline: validate the input and serialize the request before it, read
 * the response or raise the typed error after it; for an asynchronous operation, hand back its request id and a
 * way to wait for it.
 */
import { ValidationError } from '../core/errors.js';
import type { OperationDescriptor, ServiceShape } from '../core/shapes.js';
import { validateInput } from '../core/validation.js';
import { ShapeError } from '../core/xml.js';
import type { PipelineResponse, SendRequest } from './pipeline.js';
import { waitForOperation, type AcceptedOperation, type CompletedOperation, type StatusReader, type WaitOptions } from './poller.js';
import type { RequestOptions, WaitingRequestOptions } from './request-options.js';
import { prepareRequest, type PrepareOptions, type PreparedRequest } from './request.js';
import { asyncRequestId, readResponse, serviceError } from './response.js';

/** What a client holds for its calls, fixed at construction. */
export interface CallContext {
  readonly service: ServiceShape;
  /** https://host[:port] the paths are appended to. */
  readonly origin: string;
  readonly validation: boolean;
  readonly prepare: PrepareOptions;
  readonly pipeline: SendRequest;
  readonly polling: WaitOptions | undefined;
}

/** Sends an operation and returns its parsed response body (or metadata when it has none). */
export async function callOperation(context: CallContext, op: OperationDescriptor, input: object, options: RequestOptions = {}): Promise<unknown> {
  return readResponse(op, await respond(context, op, input, options));
}

/** Sends an asynchronous operation: resolves when accepted, or when finished if `options.wait` is set. */
export async function callAsyncOperation(
  context: CallContext, op: OperationDescriptor, input: object, options: RequestOptions | WaitingRequestOptions = {},
): Promise<AcceptedOperation | CompletedOperation> {
  const response = await respond(context, op, input, options);
  const requestId = asyncRequestId(op, response, readResponse(op, response));
  const pollOp = op.async?.poll?.() ?? context.service.operationStatus();
  // A 202 is still running. So is any answer that hands back an id to poll (the gateway family answers 201 or
  // 200 with one); another 2xx means the service finished the request synchronously.
  const completed = response.statusCode !== 202 && op.async?.idFromBody === undefined;
  const accepted: AcceptedOperation = {
    operation: op.name,
    requestId,
    statusCode: response.statusCode,
    completed,
    wait: (waitOptions?: WaitOptions) => waitForOperation(
      statusReader(context), pollOp, op.name, requestId, completed ? response.statusCode : undefined, { ...context.polling, ...waitOptions },
    ),
  };
  if ('wait' in options && options.wait) return accepted.wait(options.wait === true ? { signal: options.signal } : { signal: options.signal, ...options.wait });
  return accepted;
}

/** Waits for an asynchronous request accepted earlier (e.g. a request id saved before a restart). */
export function waitForRequest(context: CallContext, requestId: string, options?: WaitOptions): Promise<CompletedOperation> {
  const pollOp = context.service.operationStatus();
  return waitForOperation(statusReader(context), pollOp, pollOp.name, requestId, undefined, { ...context.polling, ...options });
}

function statusReader(context: CallContext): StatusReader {
  return { send: async <T>(op: OperationDescriptor, input: object, options?: RequestOptions) => await callOperation(context, op, input, options) as T };
}

async function respond(context: CallContext, op: OperationDescriptor, input: object, options: RequestOptions): Promise<PipelineResponse> {
  if (typeof input !== 'object' || input === null) throw new TypeError(`${op.name}: input must be an object`);
  if (context.validation) validateInput(op, input as Record<string, unknown>);
  const prepared = prepare(context, op, input as Record<string, unknown>);
  const response = await context.pipeline({
    operation: op, method: prepared.method, url: `${context.origin}${prepared.pathAndQuery}`, headers: prepared.headers, body: prepared.body,
    signal: options.signal, timeoutMs: options.timeoutMs, attempt: 1,
  });
  if (response.statusCode >= 300) throw serviceError(op, context.service, response);
  options.onResponse?.({ operation: op.name, statusCode: response.statusCode, headers: response.headers, body: response.body, requestId: response.headers['x-ms-request-id'] });
  return response;
}

/** The request to send; a value the serializer cannot write (validation off) is still a ValidationError. */
function prepare(context: CallContext, op: OperationDescriptor, input: Record<string, unknown>): PreparedRequest {
  try {
    return prepareRequest(op, input, context.prepare);
  } catch (err) {
    if (err instanceof ShapeError) throw new ValidationError(op.name, [{ path: err.path, rule: err.rule }]);
    throw err;
  }
}
