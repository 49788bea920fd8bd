/**
 * What an operation handler receives and returns. Handlers are keyed by spec operation name, one file per
 * resource family; each works on typed values (the request body already read and checked against the spec)
 * and answers typed values that the server writes with the operation's response shape.
 */
import type { OperationTypes } from '../../../generated/emulator/handlers.js';
import type { Spec } from '../../core/spec-load.js';
import type { OperationDescriptor } from '../../core/shapes.js';
import { errors } from '../api-error.js';
import type { AsyncOperations, AsyncWork } from '../async-operations.js';
import type { SpecShapes } from '../../core/shapes-from-spec.js';
import type { EmulatorState, SubscriptionState } from '../state.js';

export type OperationName = keyof OperationTypes;

/** What a helper shared by handlers of any operation sees: parameters and body untyped. */
interface AnyOperation {
  body: unknown;
  params: Readonly<Record<string, unknown>>;
}

type TypesOf<Op extends OperationName | undefined> = [Op] extends [OperationName] ? OperationTypes[Op] : AnyOperation;

/**
 * `Op` names the operation (or operations) a handler serves: its body and parameters then have the generated
 * types (generated/emulator/handlers.ts); without it they are untyped, for helpers that serve any operation.
 */
export interface HandlerContext<Op extends OperationName | undefined = undefined> {
  readonly operation: OperationDescriptor;
  /** The subscription named by the request path (every ASM path but /subscriptions has one). */
  readonly subscription: SubscriptionState;
  /** Path, query and header parameters by spec name, typed (boolean flags are true or false). */
  readonly params: Readonly<TypesOf<Op>['params']>;
  /** The typed request body, already checked against the spec; undefined when the operation takes none. */
  readonly body: TypesOf<Op>['body'];
  readonly state: EmulatorState;
  readonly operations: AsyncOperations;
  readonly spec: Spec;
  readonly shapes: SpecShapes;
  /** This request's x-ms-request-id (and operation id when it is asynchronous). */
  readonly requestId: string;
  /** The emulator's own base URL, for URLs the service puts in bodies and headers. */
  readonly baseUrl: string;
  /** Whether the caller (its client certificate or token) may manage the subscription. */
  mayManage(subscriptionId: string): boolean;
}

export type HandlerResult =
  | { kind: 'done'; status: number; body?: unknown; headers?: Readonly<Record<string, string>> }
  | { kind: 'accepted'; work: AsyncWork; body?: unknown; status?: 201 | 202 };

export type Handler<Op extends OperationName | undefined = undefined> = (ctx: HandlerContext<Op>) => HandlerResult | Promise<HandlerResult>;

/**
 * Handlers by spec operation name, each typed for its operation. Other names are allowed, untyped, for an
 * emulator started on a spec of its own (`specDir`).
 */
export type HandlerTable = { readonly [Op in OperationName]?: Handler<Op> } & { readonly [name: string]: Handler<never> | undefined };

export function done(status: number, body?: unknown, headers?: Record<string, string>): HandlerResult {
  return { kind: 'done', status, ...(body === undefined ? {} : { body }), ...(headers === undefined ? {} : { headers }) };
}

/**
 * 202 Accepted: the work runs when the operation completes (see async-operations.ts). A few asynchronous
 * operations answered 201 instead (CreateGateway, as recorded); `status` says so.
 */
export function accepted(work: AsyncWork, body?: unknown, status?: 201 | 202): HandlerResult {
  return { kind: 'accepted', work, ...(body === undefined ? {} : { body }), ...(status === undefined ? {} : { status }) };
}

export function stringParam(ctx: HandlerContext, name: string): string {
  const value = ctx.params[name];
  if (typeof value !== 'string') throw errors.internal(`the emulator expected string parameter ${name} for ${ctx.operation.name}`);
  return value;
}

export function flagParam(ctx: HandlerContext, name: string): boolean {
  return ctx.params[name] === true;
}

/**
 * Refuses a mutation while an asynchronous operation holds the resource, as the service did
 * (409 ConflictError naming the operation's request id).
 */
export function assertNotBusy(ctx: HandlerContext, resource: string, description: string): void {
  const holder = ctx.operations.holder(ctx.subscription.id, resource);
  if (holder !== undefined) {
    throw errors.conflict(`Windows Azure is currently performing an operation with x-ms-requestid ${holder} on this ${description} that requires exclusive access.`);
  }
}

/**
 * The handler of an operation named at run time (the router's match), seen untyped: the pipeline gives it the
 * parameters and body read with that operation's shapes, which are what its generated types describe.
 */
export function handlerOf(table: HandlerTable, name: string): Handler | undefined {
  return table[name] as Handler | undefined;
}
