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
import { readInTurn } from './body-turns.js';
import { asyncRequestId, readResponse, serviceError } from './response.js';
import { requestIdOf } from './request-id.js';
import { secretNames } from './logging.js';
import { inputSecrets, scrubError } from './scrub-error.js';

/** What a client holds for its calls, fixed at construction. */
export interface CallContext {
  readonly service: ServiceShape;
  /** https://host[:port] the paths are appended to. */
  readonly origin: string;
  readonly validation: boolean;
  readonly prepare: PrepareOptions;
  readonly pipeline: SendRequest;
  readonly polling: WaitOptions | undefined;
  /** The client's own secret values (proxy credentials, the current bearer token), scrubbed from what it reports. */
  readonly secrets: () => readonly string[];
}

/** A call's response and the secret values it is known to carry. */
interface Responded {
  response: PipelineResponse;
  secrets: readonly string[];
}

/** Sends an operation and returns its parsed response body (or metadata when it has none). */
export async function callOperation(
  context: CallContext, op: OperationDescriptor, input: object, options: RequestOptions = {}, inherited: readonly string[] = [],
): Promise<unknown> {
  let secrets = inherited;
  try {
    const responded = await respond(context, op, input, options, inherited);
    secrets = responded.secrets;
    const { response } = responded;
    return await readInTurn(response.body.length, () => readResponse(op, response, secrets));
  } catch (err) {
    throw scrubError(err, secrets.length > 0 ? secrets : callSecrets(context, op, input, inherited));
  }
}

/** Sends an asynchronous operation: resolves when accepted, or when finished if `options.wait` is set. */
export async function callAsyncOperation(
  context: CallContext, op: OperationDescriptor, input: object, options: RequestOptions | WaitingRequestOptions = {},
): Promise<AcceptedOperation | CompletedOperation> {
  let secrets: readonly string[] = [];
  let response: PipelineResponse;
  let requestId: string;
  try {
    ({ response, secrets } = await respond(context, op, input, options));
    const answered = response;
    requestId = asyncRequestId(op, response, await readInTurn(response.body.length, () => readResponse(op, answered, secrets)), secrets);
  } catch (err) {
    throw scrubError(err, secrets.length > 0 ? secrets : callSecrets(context, op, input));
  }
  const pollOp = op.async?.poll?.() ?? context.service.operationStatus();
  // A 202 is still running. So is any answer that hands back an id to poll (the gateway family answers 201 or
  // 200 with one); another 2xx means the service finished the request synchronously.
  const completed = response.statusCode !== 202 && op.async?.idFromBody === undefined;
  const accepted: AcceptedOperation = {
    operation: op.name,
    requestId,
    statusCode: response.statusCode,
    completed,
    // The status answers can quote the request back too: the waits scrub the same secrets.
    wait: (waitOptions?: WaitOptions) => waitForOperation(
      statusReader(context, secrets), pollOp, op.name, requestId, completed ? response.statusCode : undefined, { ...context.polling, ...waitOptions },
    ).catch((err: unknown) => { throw scrubError(err, secrets); }),
  };
  if ('wait' in options && options.wait) return accepted.wait(options.wait === true ? { signal: options.signal } : { signal: options.signal, ...options.wait });
  return accepted;
}

/** Waits for an asynchronous request accepted earlier (e.g. a request id saved before a restart). */
export function waitForRequest(context: CallContext, requestId: string, options?: WaitOptions): Promise<CompletedOperation> {
  const pollOp = context.service.operationStatus();
  return waitForOperation(statusReader(context), pollOp, pollOp.name, requestId, undefined, { ...context.polling, ...options })
    .catch((err: unknown) => { throw scrubError(err, []); });
}

function statusReader(context: CallContext, inherited: readonly string[] = []): StatusReader {
  return { send: async <T>(op: OperationDescriptor, input: object, options?: RequestOptions) => await callOperation(context, op, input, options, inherited) as T };
}

/** The secret values of a call: the client's, the input's secret members, and those of the call it serves. */
function callSecrets(context: CallContext, op: OperationDescriptor, input: unknown, inherited: readonly string[] = []): readonly string[] {
  const own = inputSecrets(input, secretNames(op));
  const client = context.secrets();
  return own.length === 0 && inherited.length === 0 ? client : [...client, ...own, ...inherited];
}

async function respond(context: CallContext, op: OperationDescriptor, input: object, options: RequestOptions, inherited: readonly string[] = []): Promise<Responded> {
  if (typeof input !== 'object' || input === null) throw new TypeError(`${op.name}: input must be an object`);
  if (context.validation) validateInput(op, input as Record<string, unknown>);
  const prepared = prepare(context, op, input as Record<string, unknown>);
  const secrets = callSecrets(context, op, input, inherited);
  const response = await context.pipeline({
    operation: op, method: prepared.method, url: `${context.origin}${prepared.pathAndQuery}`, headers: prepared.headers, body: prepared.body,
    signal: options.signal, timeoutMs: options.timeoutMs, attempt: 1, ...(secrets.length > 0 ? { secrets } : {}),
  });
  if (response.statusCode >= 300) throw await readInTurn(response.body.length, () => serviceError(op, context.service, response, secrets));
  options.onResponse?.({ operation: op.name, statusCode: response.statusCode, headers: response.headers, body: response.body, requestId: requestIdOf(response.headers) });
  return { response, secrets };
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
