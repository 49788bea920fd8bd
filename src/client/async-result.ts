/** What an asynchronous operation resolves to, decided by the options of the call. */
import type { RequestOptions, WaitingRequestOptions } from './client.js';
import type { AcceptedOperation, CompletedOperation } from './poller.js';

/** The options an asynchronous operation takes: plain ones, or with `wait` to resolve once it has finished. */
export type AsyncRequestOptions = RequestOptions | WaitingRequestOptions;

/**
 * With `{ wait: true }` (or wait options) a call resolves when the operation has finished; otherwise when the
 * service has accepted it. Options whose type may or may not wait give either.
 */
export type AsyncResult<Options extends AsyncRequestOptions | undefined> = Options extends WaitingRequestOptions
  ? CompletedOperation
  : AcceptedOperation;
