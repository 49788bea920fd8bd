/**
 * How generated operations send themselves: one function for operations that answer at once and one for
 * asynchronous ones. The descriptor's types check the input and give the result its type, so no caller names a
 * type parameter by hand.
 */
import type { OperationDescriptor } from '../core/shapes.js';
import type { ServiceClient } from './client.js';
import { contextOf } from './client-context.js';
import { loadOnce } from './load-once.js';
import type { AcceptedOperation, CompletedOperation } from './poller.js';
import type { RequestOptions, WaitingRequestOptions } from './request-options.js';

/** The machinery of a call, loaded by the first one: importing the SDK loads none of it. */
const calls = loadOnce(() => import('./operation-call.js'));

// Both are async so that anything thrown, a client that is none included, arrives as a rejection.

/** Sends an operation and resolves to its parsed response (or metadata when it has no body). */
export async function invoke<Input, Output>(
  client: ServiceClient, operation: OperationDescriptor<Input, Output>, input: NoInfer<Input>, options?: RequestOptions,
): Promise<Output> {
  const context = contextOf(client);
  const { callOperation } = await calls();
  return callOperation(context, operation, input as object, options) as Promise<Output>;
}

/** Sends an asynchronous operation: resolves when accepted, or when finished if `options.wait` is set. */
export async function invokeAsync<Input>(
  client: ServiceClient, operation: OperationDescriptor<Input, unknown>, input: NoInfer<Input>, options?: RequestOptions | WaitingRequestOptions,
): Promise<AcceptedOperation | CompletedOperation> {
  const context = contextOf(client);
  const { callAsyncOperation } = await calls();
  return callAsyncOperation(context, operation, input as object, options);
}
