/**
 * Each client's call context, kept beside it rather than on it: `invoke` reaches it here, while the public type
 * of a client shows no way to send outside a typed operation. This module is not exported from the package.
 */
import type { CallContext } from './operation-call.js';

const contexts = new WeakMap<object, CallContext>();

export function attachContext(client: object, context: CallContext): void {
  contexts.set(client, context);
}

export function contextOf(client: object): CallContext {
  const context = contexts.get(client);
  if (context === undefined) throw new TypeError('client: expected a ServiceClient (or a generated client built on it)');
  return context;
}
