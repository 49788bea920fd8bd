/**
 * One documented method: its arguments, the generated operation it maps to, how the arguments become that
 * operation's input, and the generated client call that sends it. Nothing here speaks HTTP.
 */
import type { ServiceManagementClient } from '../../../generated/client.js';
import type { RequestOptions } from '../../client/client.js';
import type { OperationDescriptor } from '../../core/shapes.js';
import type { ArgSpec } from '../arguments.js';

export interface MethodContext {
  /** Location for a hosted service created without one. */
  defaultLocation(): Promise<string | undefined>;
  /** A blob for the OS disk of a new role whose image-based OS disk names none. */
  osDiskMediaLink(serviceName: string, roleName: string): Promise<string | undefined>;
}

export interface LegacyMethod {
  args: readonly ArgSpec[];
  /** Rewrites another calling form into the documented one (before the arguments are checked). */
  reshape?(args: unknown[]): unknown[];
  operation: OperationDescriptor;
  /** The operation's input from the checked arguments. May throw a ValidationError for an impossible object. */
  input(values: unknown[]): object;
  /** Fills in defaults that need the service (CreateHostedService's Location). */
  complete?(input: object, context: MethodContext): Promise<object>;
  send(client: ServiceManagementClient, input: object, options: RequestOptions): Promise<unknown>;
}

/** Keeps each table entry's input type consistent between `input`, `complete` and `send`. */
export function method<I extends object>(spec: {
  args: readonly ArgSpec[];
  reshape?(args: unknown[]): unknown[];
  operation: OperationDescriptor;
  input(values: unknown[]): I;
  complete?(input: I, context: MethodContext): Promise<I>;
  send(client: ServiceManagementClient, input: I, options: RequestOptions): Promise<unknown>;
}): LegacyMethod {
  return spec as unknown as LegacyMethod;
}
