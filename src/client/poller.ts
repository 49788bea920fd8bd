/**
 * Waiting for an asynchronous request: the first status check at once, then exponential backoff with jitter
 * between a minimum and a maximum delay, until Succeeded or Failed, an overall timeout, or the caller's signal.
 * Aborting stops the waiting, never the operation on the server. Failed rejects at once with OperationFailedError;
 * a status operation that keeps answering 403 or 404 stops the wait instead of spinning to the timeout.
 */
import { AbortedError, OperationFailedError, ResponseParseError, ServiceError, TimeoutError } from '../core/errors.js';
import type { OperationDescriptor } from '../core/shapes.js';
import { sameRequestId } from './request-id.js';
import { sleep } from './sleep.js';

/** What waiting needs of a client: a way to read the status operation (kept narrow so the poller needs no client). */
export interface StatusReader {
  send<T>(op: OperationDescriptor, input: object, options?: { signal?: AbortSignal }): Promise<T>;
}

export interface OperationStatus {
  requestId: string;
  status: 'InProgress' | 'Succeeded' | 'Failed' | string;
  httpStatusCode?: number;
  error?: { code: string; message: string };
}

export interface WaitOptions {
  /** Delay before the second check, and the floor of every delay; default 1 s. */
  minDelayMs?: number;
  /** Ceiling of the delay between checks; default 30 s. */
  maxDelayMs?: number;
  /** Overall limit; default 30 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with every status read, InProgress included. */
  onProgress?: (status: OperationStatus) => void;
}

export interface CompletedOperation {
  operation: string;
  requestId: string;
  status: 'Succeeded';
  httpStatusCode?: number;
}

/** An accepted asynchronous request: its id now, its completion through wait(). */
export interface AcceptedOperation {
  operation: string;
  requestId: string;
  statusCode: number;
  /** True when the service finished the request synchronously (no 202): wait() then resolves at once. */
  completed: boolean;
  wait(options?: WaitOptions): Promise<CompletedOperation>;
}

interface StatusBody {
  ID?: string;
  Status?: string;
  HttpStatusCode?: number | string;
  Error?: { Code?: string; Message?: string };
}

/** Consecutive 403/404 answers tolerated while the operation's record appears (it can lag the 202). */
const MISSING_TOLERANCE = 3;

/**
 * Delay before status check number `check + 1`: the ceiling doubles from minDelayMs up to maxDelayMs, and the
 * delay is drawn in [ceiling/2, ceiling] (never below minDelayMs), so that many waiters do not poll in step.
 */
export function pollDelay(check: number, minDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(check - 1, 30));
  return Math.max(minDelayMs, Math.round(ceiling / 2 + random() * ceiling / 2));
}

export async function waitForOperation(
  client: StatusReader, pollOp: OperationDescriptor, operation: string, requestId: string,
  completedWithStatus: number | undefined, options: WaitOptions = {},
): Promise<CompletedOperation> {
  if (completedWithStatus !== undefined) return { operation, requestId, status: 'Succeeded', httpStatusCode: completedWithStatus };
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = Math.max(minDelay, options.maxDelayMs ?? 30_000);
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const deadline = AbortSignal.timeout(timeoutMs);
  // One signal for the caller's abort and the overall deadline, so that a slow status read cannot outlive either.
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const idParam = pollOp.params.find((p) => p.in === 'path')!.name;
  let missing = 0;
  for (let check = 1; ; check++) {
    try {
      const status = await readStatus(client, pollOp, idParam, requestId, signal, () => ++missing < MISSING_TOLERANCE);
      if (status) missing = 0;
      const current = status ?? { requestId, status: 'InProgress' };
      options.onProgress?.(current);
      if (current.status === 'Succeeded') return { operation, requestId, status: 'Succeeded', httpStatusCode: current.httpStatusCode };
      if (current.status === 'Failed') {
        throw new OperationFailedError(operation, requestId, current.error?.code ?? 'Unknown', current.error?.message ?? 'no error detail', current.httpStatusCode);
      }
      await sleep(pollDelay(check, minDelay, maxDelay), signal, operation);
    } catch (err) {
      // A status read or a sleep cut short by the combined signal: say which of the two fired.
      if (err instanceof AbortedError && !options.signal?.aborted && deadline.aborted) throw new TimeoutError(operation, timeoutMs);
      if (err instanceof AbortedError) throw new AbortedError(operation);
      throw err;
    }
  }
}

/** One status read; undefined while the operation is not visible yet (403/404) and `tolerate()` allows it. */
async function readStatus(
  client: StatusReader, pollOp: OperationDescriptor, idParam: string, requestId: string, signal: AbortSignal, tolerate: () => boolean,
): Promise<OperationStatus | undefined> {
  let body: StatusBody;
  try {
    body = await client.send<StatusBody>(pollOp, { [idParam]: requestId }, { signal });
  } catch (err) {
    if (err instanceof ServiceError && (err.statusCode === 404 || err.statusCode === 403) && tolerate()) return undefined;
    throw err;
  }
  // An answer without a Status is no status at all: reading it as InProgress would poll to the timeout.
  if (body.Status === undefined) throw new ResponseParseError(pollOp.name, 200, 'the status answer holds no <Status>', '');
  // The service's <ID> is the polled id (in GUID form): another id is an answer about another operation.
  if (body.ID !== undefined && !sameRequestId(String(body.ID), requestId)) {
    throw new ResponseParseError(pollOp.name, 200, `the status answer is about operation ${JSON.stringify(String(body.ID).slice(0, 128))}, not the polled ${requestId}`, '');
  }
  // The network gateway family reports Successful and a status name ("OK") where the others say Succeeded and 200.
  const status: OperationStatus = { requestId, status: body.Status === 'Successful' ? 'Succeeded' : body.Status ?? 'InProgress' };
  const httpStatusCode = Number(body.HttpStatusCode);
  if (body.HttpStatusCode !== undefined && Number.isInteger(httpStatusCode)) status.httpStatusCode = httpStatusCode;
  if (body.Error) status.error = { code: body.Error.Code ?? 'Unknown', message: body.Error.Message ?? '' };
  return status;
}
