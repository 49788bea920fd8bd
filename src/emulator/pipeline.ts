/**
 * One request, start to finish: authenticate (client certificate or bearer token, 403 otherwise), check
 * x-ms-version, route to a spec operation, apply injected faults, read parameters and body against the spec,
 * run the operation's handler and write its result with the spec's response shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Spec } from '../core/spec-load.js';
import { splitPath, type Router } from './router.js';
import type { OperationDescriptor } from '../core/shapes.js';
import { ShapeError } from '../core/xml.js';
import { ApiError, errors } from './api-error.js';
import { checkVersionHeader, type VersionRange } from './api-version.js';
import type { AsyncOperations } from './async-operations.js';
import { callerOf, isAuthorized, type Caller } from './auth.js';
import type { Fault, Faults } from './faults.js';
import { handlerOf, type HandlerContext, type HandlerResult, type HandlerTable } from './handlers/types.js';
import { readParams } from './params.js';
import { peekBody, readRequestBody, requestFormat, responseFormat, type WireFormat } from './request-body.js';
import { bodyReply, errorReply, newRequestId, sendReply, sendSlowly, sendTruncated, type Reply } from './respond.js';
import type { SpecShapes } from '../core/shapes-from-spec.js';
import { completeLoggedOperation, logOperation } from './operation-log.js';
import { nowIso, type EmulatorState, type SubscriptionState } from './state.js';
import { ClientGoneError, DRAIN_BYTES, closeAfterAnswer, discardBody, receiveBody } from './receive-body.js';
import { keepRequest, redactHeaders, type RecordedRequest } from './request-log.js';

export type { RecordedRequest } from './request-log.js';

export interface PipelineConfig {
  readonly spec: Spec;
  readonly shapes: SpecShapes;
  readonly router: Router;
  readonly actionKeys: ReadonlySet<string>;
  readonly state: EmulatorState;
  readonly operations: AsyncOperations;
  readonly handlers: HandlerTable;
  readonly bearerTokens: ReadonlySet<string>;
  readonly versions: VersionRange;
  readonly faults: Faults;
  readonly baseUrl: string;
  readonly maxBodyBytes: number;
  /** Refuse out-of-order elements (400) instead of skipping them as the service did. */
  readonly strictOrder: boolean;
  readonly requests: RecordedRequest[];
  readonly log: (line: string) => void;
  /** Called after every request that may have changed the state, before its answer is sent (the store saves). */
  readonly afterMutation?: () => void;
}

/** What is learned about a request as it goes through the pipeline. */
interface Exchange {
  readonly requestId: string;
  readonly method: string;
  readonly format: WireFormat;
  subscriptionId?: string;
  operation?: OperationDescriptor;
  accepted: boolean;
  skipped?: readonly string[];
  /** What the handler was called with, for the subscription's operation log. */
  params?: Readonly<Record<string, unknown>>;
  body?: unknown;
  caller?: Caller;
  /** A fault that spoils how the answer's body is sent (cut short or slow). */
  bodyFault?: Extract<Fault, { type: 'truncate' | 'slowBody' }>;
}

type Outcome = Reply | 'reset';

/** Bodies longer than this are parsed after a turn of the event loop, so that answers already waiting go first. */
const YIELD_BEFORE_PARSE_CHARS = 64 * 1024;

function subscriptionIdOf(pathname: string): string | undefined {
  const first = splitPath(pathname)[0];
  if (first === undefined || first.toLowerCase() === 'subscriptions') return undefined;
  try {
    return decodeURIComponent(first);
  } catch {
    return first;
  }
}

function toApiError(err: unknown, log: (line: string) => void): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ShapeError) return errors.internal(`The emulator built a response that does not fit the spec: ${err.message}`);
  log(`internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  return errors.internal();
}

async function applyFault(config: PipelineConfig, ex: Exchange, op: OperationDescriptor, req: IncomingMessage): Promise<Outcome | undefined> {
  const fault = config.faults.take(op.name, req.method ?? 'GET');
  if (fault === undefined) return undefined;
  switch (fault.type) {
    case 'truncate':
    case 'slowBody':
      ex.bodyFault = fault;
      return undefined;
    case 'reset':
      return 'reset';
    case 'redirect':
      return { status: 307, headers: { Location: `${config.baseUrl}${req.url ?? '/'}` } };
    case 'delay':
      await sleep(fault.ms);
      return undefined;
    case 'error': {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      throw new ApiError(fault.status, fault.code, fault.message ?? `Injected fault: ${fault.code}.`, headers);
    }
  }
}

function handlerContext(config: PipelineConfig, ex: Exchange, op: OperationDescriptor, params: Record<string, unknown>, body: unknown, caller: Caller): HandlerContext {
  const subscription: SubscriptionState | undefined = ex.subscriptionId === undefined ? undefined : config.state.subscription(ex.subscriptionId);
  return {
    operation: op, params, body, state: config.state, operations: config.operations, spec: config.spec,
    shapes: config.shapes, requestId: ex.requestId, baseUrl: config.baseUrl,
    mayManage: (id) => isAuthorized(config.state, config.bearerTokens, caller, id),
    get subscription(): SubscriptionState {
      if (subscription === undefined) throw errors.internal(`${op.name} has no subscription in its path`);
      return subscription;
    },
  };
}

function replyFor(config: PipelineConfig, ex: Exchange, shape: OperationDescriptor, result: HandlerResult): Reply {
  const namespace = config.spec.service.namespace;
  if (result.kind === 'accepted') {
    if (shape.async === undefined || ex.subscriptionId === undefined) {
      throw errors.internal(`The handler of ${shape.name} answered 202, but the spec does not make it asynchronous.`);
    }
    config.operations.start(ex.requestId, ex.subscriptionId, result.work);
    ex.accepted = true;
    const status = result.status ?? 202;
    const response = shape.responses.find((r) => r.status === status);
    if (response?.body !== undefined && result.body !== undefined) return bodyReply(status, response.body, result.body, ex.format, namespace);
    return { status, headers: {} };
  }
  const response = shape.responses.find((r) => r.status === result.status);
  if (response === undefined) throw errors.internal(`The handler of ${shape.name} answered ${result.status}, which the spec does not list.`);
  const headers = { ...result.headers };
  if (response.body === undefined) {
    if (result.body !== undefined) throw errors.internal(`The handler of ${shape.name} returned a body, but the spec's ${result.status} response has none.`);
    return { status: result.status, headers };
  }
  if (result.body === undefined) throw errors.internal(`The handler of ${shape.name} returned no body for its ${result.status} response.`);
  return bodyReply(result.status, response.body, result.body, ex.format, namespace, headers);
}

function routeOrThrow(config: PipelineConfig, req: IncomingMessage, url: URL, raw: string, inFormat: WireFormat) {
  const method = req.method ?? 'GET';
  const route = config.router.match(method, url.pathname, url.searchParams, () => peekBody(raw, inFormat));
  switch (route.kind) {
    case 'match':
      return route;
    case 'notFound':
      throw errors.notFound(`The resource ${url.pathname} does not exist (no operation of the spec matches ${method} ${url.pathname}${url.search}).`);
    case 'wrongMethod':
      throw new ApiError(400, 'InvalidHttpVerb', `The HTTP verb ${method} is not supported on ${url.pathname}; use ${route.allowed.join(' or ')}.`, { Allow: route.allowed.join(', ') });
    case 'bodyMismatch':
      throw errors.badRequest(`The request body's root element does not select an operation at ${url.pathname}: expected one of <${route.expected.join('>, <')}>.`);
  }
}

/**
 * Who may go further: the caller is authenticated for the path's subscription before a byte of the body is read,
 * so an anonymous client costs no memory whatever it sends.
 */
function admit(config: PipelineConfig, ex: Exchange, url: URL, caller: Caller): void {
  const subscriptionId = subscriptionIdOf(url.pathname);
  ex.caller = caller;
  if (!isAuthorized(config.state, config.bearerTokens, caller, subscriptionId)) throw errors.forbidden();
  ex.subscriptionId = subscriptionId;
}

async function processRequest(config: PipelineConfig, ex: Exchange, req: IncomingMessage, url: URL, caller: Caller, raw: string): Promise<Outcome> {
  checkVersionHeader(req.headers['x-ms-version'], config.versions);
  const inFormat = requestFormat(req.headers['content-type']);
  const route = routeOrThrow(config, req, url, raw, inFormat);
  const op = route.operation;
  ex.operation = op;
  const faulted = await applyFault(config, ex, op, req);
  if (faulted !== undefined) return faulted;
  const params = readParams(op, route.pathParams, url.searchParams, req.headers, config.actionKeys);
  // A large body costs a parse that blocks: let the answers already waiting go out first.
  if (raw.length > YIELD_BEFORE_PARSE_CHARS) await new Promise((resolve) => setImmediate(resolve));
  const { value: body, skipped } = readRequestBody(op.request, raw, inFormat, { namespace: config.spec.service.namespace, strictOrder: config.strictOrder });
  if (skipped.length > 0) ex.skipped = skipped;
  ex.params = params;
  ex.body = body;
  const handler = handlerOf(config.handlers, op.name);
  if (handler === undefined) throw new ApiError(501, 'NotImplemented', `The emulator does not implement the operation ${op.name} yet.`);
  if (op.async !== undefined && ex.subscriptionId !== undefined) config.operations.assertRoomFor(ex.subscriptionId, config.state.bounds.operationsInProgress);
  return replyFor(config, ex, op, await handler(handlerContext(config, ex, op, params, body, caller)));
}
function send(res: ServerResponse, ex: Exchange, reply: Reply): Promise<void> | void {
  const fault = ex.bodyFault;
  if (fault?.type === 'truncate') return sendTruncated(res, ex.requestId, reply, fault.bytes);
  if (fault?.type === 'slowBody') return sendSlowly(res, ex.requestId, reply, fault.intervalMs, fault.chunkBytes);
  return sendReply(res, ex.requestId, reply);
}

/**
 * Synchronous mutations are recorded as finished operations (clients poll their request ids too), and every
 * mutation that reached its handler goes into the subscription's operation log.
 */
function recordOperation(config: PipelineConfig, ex: Exchange, req: IncomingMessage, reply: Reply, error: ApiError | undefined): void {
  if (ex.method === 'GET' || ex.subscriptionId === undefined || ex.operation === undefined) return;
  const failure = error === undefined ? undefined : { code: error.code, message: error.message };
  if (!ex.accepted) config.operations.recordFinished(ex.requestId, ex.subscriptionId, reply.status, failure);
  const subscription = config.state.subscription(ex.subscriptionId);
  if (subscription === undefined || ex.params === undefined) return;
  logOperation(subscription, {
    requestId: ex.requestId, op: ex.operation, method: ex.method, path: new URL(req.url ?? '/', 'https://emulator.invalid').pathname,
    params: ex.params, body: ex.body, status: reply.status, accepted: ex.accepted,
    ...(ex.caller?.thumbprint === undefined ? {} : { thumbprint: ex.caller.thumbprint }),
    ...(req.socket.remoteAddress === undefined ? {} : { clientIp: req.socket.remoteAddress }),
    ...(failure === undefined ? {} : { error: failure }),
  }, nowIso());
  // An operation that completes at once (asyncPolls 0) finished before it was logged.
  const finished = ex.accepted ? config.operations.peek(ex.requestId) : undefined;
  if (finished !== undefined && finished.status !== 'InProgress') completeLoggedOperation(subscription, finished, nowIso());
}

/**
 * After a refusal that came before the body was read: a small body is read and dropped so the connection can
 * serve the client's next request; a larger one is not read, and the connection closes after the answer.
 */
async function closeUnlessDrained(req: IncomingMessage, reply: Reply): Promise<boolean> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const drained = reply.status !== 413 && declared <= DRAIN_BYTES && (await discardBody(req));
  if (!drained) reply.headers['Connection'] = 'close';
  return !drained;
}

export async function handleRequest(config: PipelineConfig, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ex: Exchange = { requestId: newRequestId(), method: req.method ?? 'GET', format: responseFormat(req.headers.accept), accepted: false };
  const recorded: RecordedRequest = {
    requestId: ex.requestId, method: ex.method, url: req.url ?? '/', headers: redactHeaders(req.headers, config.bearerTokens), body: '', bodyBytes: 0, status: 0,
  };
  let outcome: Outcome;
  let failure: ApiError | undefined;
  let bodyRead = false;
  try {
    const url = new URL(req.url ?? '/', 'https://emulator.invalid');
    const caller = callerOf(req);
    admit(config, ex, url, caller);
    const raw = await receiveBody(req, config.maxBodyBytes);
    bodyRead = true;
    recorded.body = raw;
    recorded.bodyBytes = Buffer.byteLength(raw);
    outcome = await processRequest(config, ex, req, url, caller, raw);
  } catch (err) {
    if (err instanceof ClientGoneError) {
      keepRequest(config.requests, recorded);
      config.log(`${ex.method} ${recorded.url} -> client gone before its body arrived`);
      return;
    }
    failure = toApiError(err, config.log);
    outcome = errorReply(failure, config.shapes.errorBody, ex.format, config.spec.service.namespace);
  }
  if (ex.operation !== undefined) recorded.operation = ex.operation.name;
  if (ex.skipped !== undefined) recorded.skipped = ex.skipped;
  if (outcome === 'reset') {
    req.socket.destroy();
  } else {
    const close = !bodyRead && (await closeUnlessDrained(req, outcome));
    if (close) closeAfterAnswer(req);
    recorded.status = outcome.status;
    recordOperation(config, ex, req, outcome, failure);
    if (ex.method !== 'GET') config.afterMutation?.();
    await send(res, ex, outcome);
  }
  keepRequest(config.requests, recorded);
  config.log(`${ex.method} ${recorded.url} -> ${recorded.status || 'reset'}${ex.operation ? ` (${ex.operation.name})` : ''}`);
  for (const note of ex.skipped ?? []) config.log(`  skipped, as the service did: ${note}`);
}
