/**
 * Waiting for an asynchronous request: the first status check at once, then exponential backoff with jitter
 * between a minimum and a maximum delay, until Succeeded or Failed, an overall timeout, or the caller's signal.
 * Aborting stops the waiting, never the operation on the server. Failed rejects at once with OperationFailedError;
 * a status operation that keeps answering 403 or 404 stops the wait instead of spinning to the timeout.
 */
import type { ServiceClient } from './client.js';
import { AbortedError, OperationFailedError, ServiceError, TimeoutError } from './errors.js';
import type { OperationDescriptor } from './shapes.js';
import { sleep } from './sleep.js';

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
  HttpStatusCode?: number;
  Error?: { Code?: string; Message?: string };
}

/** Consecutive 403/404 answers tolerated while the operation's record appears (it can lag the 202). */
const MISSING_TOLERANCE = 3;

export async function waitForOperation(
  client: ServiceClient, pollOp: OperationDescriptor, operation: string, requestId: string,
  completedWithStatus: number | undefined, options: WaitOptions = {},
): Promise<CompletedOperation> {
  if (completedWithStatus !== undefined) return { operation, requestId, status: 'Succeeded', httpStatusCode: completedWithStatus };
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = Math.max(minDelay, options.maxDelayMs ?? 30_000);
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const deadline = Date.now() + timeoutMs;
  const idParam = pollOp.params.find((p) => p.in === 'path')!.name;
  let delay = minDelay;
  let missing = 0;
  for (let check = 1; ; check++) {
    if (options.signal?.aborted) throw new AbortedError(operation);
    let body: StatusBody;
    try {
      body = await client.send<StatusBody>(pollOp, { [idParam]: requestId }, { signal: options.signal });
      missing = 0;
    } catch (err) {
      if (!(err instanceof ServiceError) || (err.statusCode !== 404 && err.statusCode !== 403) || ++missing >= MISSING_TOLERANCE) throw err;
      body = { Status: 'InProgress' };
    }
    const status: OperationStatus = { requestId, status: body.Status ?? 'InProgress' };
    if (body.HttpStatusCode !== undefined) status.httpStatusCode = body.HttpStatusCode;
    if (body.Error) status.error = { code: body.Error.Code ?? 'Unknown', message: body.Error.Message ?? '' };
    options.onProgress?.(status);
    if (status.status === 'Succeeded') return { operation, requestId, status: 'Succeeded', httpStatusCode: status.httpStatusCode };
    if (status.status === 'Failed') {
      throw new OperationFailedError(operation, requestId, status.error?.code ?? 'Unknown', status.error?.message ?? 'no error detail', status.httpStatusCode);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new TimeoutError(operation, timeoutMs);
    // Full jitter within [delay/2, delay], never below the floor nor past the deadline.
    const jittered = Math.max(minDelay, delay / 2 + Math.random() * delay / 2);
    await sleep(Math.min(jittered, remaining), options.signal, operation);
    if (Date.now() >= deadline) throw new TimeoutError(operation, timeoutMs);
    delay = Math.min(maxDelay, delay * 2);
  }
}
