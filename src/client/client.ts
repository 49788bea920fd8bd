/**
 * The service client: configuration, one keep-alive transport, and the pipeline every operation goes through —
 * validate, prepare, send with retries and redirects, then read the response or raise a typed error.
 */
import type { Dispatcher } from 'undici';
import { CertificateCredential, type Credential } from './credentials.js';
import { parseEndpoint, type Endpoint } from './endpoint.js';
import {
  AbortedError, NetworkError, ResponseParseError, ResponseTooLargeError, SdkError, TimeoutError, ValidationError, serviceErrorFor,
  type ServiceError,
  type ValidationIssue,
} from '../core/errors.js';
import { redactBody, redactHeaders, resolveLogger, shouldLog, type LogEntry, type LogLevel, type Logger } from './logging.js';
import { waitForOperation, type AcceptedOperation, type CompletedOperation, type WaitOptions } from './poller.js';
import { resolveProxy, type ProxyOption, type ResolvedProxy } from './proxy.js';
import { prepareRequest, type PreparedRequest, type SerializeType } from './request.js';
import {
  backoffDelay, defaultRetryOptions, errorCode, isRetryableNetworkError, isRetryableStatus, retryAfterMs,
  type ResolvedRetryOptions, type RetryOptions,
} from './retry.js';
import type { BodyShape, OperationDescriptor, ServiceShape } from '../core/shapes.js';
import { sleep } from './sleep.js';
import { BodyLimitExceeded, createDispatcher, describeNetworkError, send, type RawResponse } from './transport.js';
import { validateInput } from '../core/validation.js';
import { readJsonBody } from '../core/json.js';
import { readXmlBody, ShapeError, XmlSyntaxError } from '../core/xml.js';

export interface ClientOptions {
  subscriptionId: string;
  credential: Credential;
  /** Host name, host:port or https:// URL; default: the service's public host. */
  endpoint?: string;
  /** x-ms-version sent when an operation does not name its own. */
  apiVersion?: string;
  /** Extra CA certificate(s) to trust (PEM), e.g. the emulator's. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** A proxy URL or settings; false for none; default: HTTPS_PROXY / HTTP_PROXY minus NO_PROXY. */
  proxy?: ProxyOption;
  retry?: RetryOptions;
  /** Validate inputs against the spec before sending; default true. */
  validation?: boolean;
  logger?: Logger;
  serializeType?: SerializeType;
  userAgent?: string;
  /** Per-attempt timeout; default 60 s. */
  timeoutMs?: number;
  /** Largest response body accepted; default 16 MiB (the largest recorded answers are a few hundred KB). */
  maxResponseBytes?: number;
  /** Defaults for waiting on asynchronous operations. */
  polling?: WaitOptions;
}

export interface ResponseInfo {
  operation: string;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  requestId?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout for this call. */
  timeoutMs?: number;
  /** Called with the raw response of a successful call (status, headers, body). */
  onResponse?: (response: ResponseInfo) => void;
}

/** Options of an asynchronous operation that waits for completion in the same call. */
export interface WaitingRequestOptions extends RequestOptions {
  wait: true | WaitOptions;
}

/** What a call without a response body resolves to. */
export interface ResponseMetadata {
  statusCode: number;
  requestId?: string;
}

const SDK_USER_AGENT = 'asm-sdk-typescript/0.1';
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** How much of an unreadable body an error keeps: enough to diagnose, not a whole HTML page. */
const RAW_BODY_KEPT = 64 * 1024;

/** A keep-alive dispatcher and the proxy (if any) it goes through. */
interface Route {
  dispatcher: Dispatcher;
  /** The endpoint's own origin: the only one the credential goes to. */
  own: boolean;
  proxy?: ResolvedProxy;
}

export class ServiceClient {
  readonly subscriptionId: string;
  readonly endpoint: Endpoint;
  readonly service: ServiceShape;
  readonly credential: Credential;
  readonly #options: ClientOptions;
  readonly #retry: ResolvedRetryOptions;
  readonly #log: { logger?: Logger; level: LogLevel };
  /** By origin. The endpoint's route carries the credential; routes to other hosts (redirects) never do. */
  readonly #routes = new Map<string, Route>();

  constructor(options: ClientOptions, service: ServiceShape) {
    if (typeof options.subscriptionId !== 'string' || options.subscriptionId.trim() === '') throw new TypeError('subscriptionId: required');
    if (!options.credential) throw new TypeError('credential: required');
    this.subscriptionId = options.subscriptionId.trim();
    this.service = service;
    this.credential = options.credential;
    this.endpoint = parseEndpoint(options.endpoint ?? service.host);
    this.#options = options;
    this.#retry = { ...defaultRetryOptions, ...options.retry };
    this.#log = resolveLogger(options.logger);
    if (options.credential instanceof CertificateCredential && options.credential.isExpired()) {
      this.log('warn', { message: `management certificate ${options.credential.thumbprint} expired on ${options.credential.notAfter.toISOString()}` });
    }
  }

  /** Sends an operation and returns its parsed response body (or metadata when it has none). */
  async send<T>(op: OperationDescriptor, input: object = {}, options: RequestOptions = {}): Promise<T> {
    const response = await this.#call(op, input as Record<string, unknown>, options);
    return this.#readResponse(op, response) as T;
  }

  /** Sends an asynchronous operation: resolves when accepted, or when finished if `options.wait` is set. */
  async sendAsync(op: OperationDescriptor, input: object, options: RequestOptions | WaitingRequestOptions = {}): Promise<AcceptedOperation | CompletedOperation> {
    const response = await this.#call(op, input as Record<string, unknown>, options);
    const body = this.#readResponse(op, response);
    const requestId = this.#asyncId(op, response, body);
    const pollOp = op.async?.poll?.() ?? this.service.operationStatus();
    // A 202 is still running. So is any answer that hands back an id to poll (the gateway family answers 201 or
    // 200 with one); another 2xx means the service finished the request synchronously.
    const completed = response.statusCode !== 202 && op.async?.idFromBody === undefined;
    const accepted: AcceptedOperation = {
      operation: op.name,
      requestId,
      statusCode: response.statusCode,
      completed,
      wait: (waitOptions?: WaitOptions) => waitForOperation(this, pollOp, op.name, requestId, completed ? response.statusCode : undefined, { ...this.#options.polling, ...waitOptions }),
    };
    if ('wait' in options && options.wait) return accepted.wait(options.wait === true ? { signal: options.signal } : { signal: options.signal, ...options.wait });
    return accepted;
  }

  /** Waits for an asynchronous request accepted earlier (e.g. a request id saved before a restart). */
  waitForOperation(requestId: string, options?: WaitOptions): Promise<CompletedOperation> {
    return waitForOperation(this, this.service.operationStatus(), this.service.operationStatus().name, requestId, undefined, { ...this.#options.polling, ...options });
  }

  /** Closes the keep-alive connections. */
  async close(): Promise<void> {
    const routes = [...this.#routes.values()];
    this.#routes.clear();
    await Promise.all(routes.map((route) => route.dispatcher.close()));
  }

  log(level: LogLevel, entry: Omit<LogEntry, 'level'>): void {
    const { logger, level: threshold } = this.#log;
    if (logger && shouldLog(level, threshold)) logger({ level, ...entry });
  }

  #asyncId(op: OperationDescriptor, response: RawResponse, body: unknown): string {
    const idField = op.async?.idFromBody;
    const fromBody = idField !== undefined && typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[idField] : undefined;
    const id = typeof fromBody === 'string' ? fromBody : response.headers['x-ms-request-id'];
    if (!id) throw new ResponseParseError(op.name, response.statusCode, 'no request id to follow (x-ms-request-id header missing)', redactBody(op, response.body.slice(0, RAW_BODY_KEPT)));
    return id;
  }

  async #call(op: OperationDescriptor, input: Record<string, unknown>, options: RequestOptions): Promise<RawResponse> {
    if (typeof input !== 'object' || input === null) throw new TypeError(`${op.name}: input must be an object`);
    if (this.#options.validation !== false) validateInput(op, input);
    const prepared = this.#prepare(op, input);
    const response = await this.#sendWithRetries(op, prepared, options);
    if (response.statusCode >= 300) throw this.#serviceError(op, response);
    options.onResponse?.({ operation: op.name, statusCode: response.statusCode, headers: response.headers, body: response.body, requestId: response.headers['x-ms-request-id'] });
    return response;
  }

  /** The request to send; a value the serializer cannot write (validation off) is still a ValidationError. */
  #prepare(op: OperationDescriptor, input: Record<string, unknown>): PreparedRequest {
    try {
      return prepareRequest(op, input, {
        subscriptionId: this.subscriptionId,
        apiVersion: this.#options.apiVersion ?? this.service.apiVersion,
        namespace: this.service.namespace,
        serializeType: this.#options.serializeType ?? 'xml',
        userAgent: this.#options.userAgent ? `${this.#options.userAgent} ${SDK_USER_AGENT}` : SDK_USER_AGENT,
      });
    } catch (err) {
      if (err instanceof ShapeError) throw new ValidationError(op.name, [{ path: err.path, rule: err.rule }]);
      throw err;
    }
  }

  async #sendWithRetries(op: OperationDescriptor, prepared: PreparedRequest, options: RequestOptions): Promise<RawResponse> {
    let url = `${this.endpoint.origin}${prepared.pathAndQuery}`;
    let redirects = 0;
    for (let attempt = 1; ; attempt++) {
      const target = new URL(url);
      const route = this.#route(target);
      const started = performance.now();
      let response: RawResponse;
      try {
        response = await this.#attempt(op, prepared, url, route, options);
      } catch (err) {
        if (err instanceof SdkError) throw err;
        const retryable = isRetryableNetworkError(prepared.method, err) && attempt <= this.#retry.maxRetries;
        const detail = describeNetworkError(err, { host: target.hostname, port: portOf(target), ...(route.proxy ? { proxyUrl: route.proxy.url } : {}) });
        const path = `${target.pathname}${target.search}`;
        if (!retryable) {
          this.log('error', { message: `${prepared.method} ${path} failed: ${detail}`, operation: op.name, method: prepared.method, path, attempt });
          throw new NetworkError(op.name, `${prepared.method} ${target.pathname} failed: ${detail}`, errorCode(err), { cause: err });
        }
        await this.#backoff(op, prepared.method, path, `failed: ${detail}`, attempt, backoffDelay(attempt, this.#retry), options);
        continue;
      }
      this.#logResponse(op, prepared, response, attempt, performance.now() - started);
      if ((response.statusCode === 307 || response.statusCode === 308) && response.headers['location']) {
        if (++redirects > this.#retry.maxRedirects) throw this.#serviceError(op, response);
        const next = URL.canParse(response.headers['location'], url) ? new URL(response.headers['location'], url) : undefined;
        if (next === undefined) {
          throw serviceErrorFor({
            code: 'InvalidRedirect', message: 'the redirect names no valid URL in its Location header',
            statusCode: response.statusCode, requestId: response.headers['x-ms-request-id'], operation: op.name,
          });
        }
        // The body is sent again, and it can hold passwords: never in the clear.
        if (next.protocol !== 'https:') {
          throw serviceErrorFor({
            code: 'InsecureRedirect', message: `refused to follow a redirect to a ${next.protocol} URL (https only)`,
            statusCode: response.statusCode, requestId: response.headers['x-ms-request-id'], operation: op.name,
          });
        }
        url = next.toString();
        attempt--;
        continue;
      }
      if (attempt <= this.#retry.maxRetries && isRetryableStatus(prepared.method, response.statusCode, response.body, this.#retry)) {
        const retryAfter = retryAfterMs(response.headers['retry-after']);
        const why = `-> ${response.statusCode}${retryAfter !== undefined ? ' (Retry-After)' : ''}`;
        await this.#backoff(op, prepared.method, prepared.pathAndQuery, why, attempt, backoffDelay(attempt, this.#retry, retryAfter), options);
        continue;
      }
      return response;
    }
  }

  /** Logs the coming retry (with its delay, so that a caller can see Retry-After honoured) and waits. */
  async #backoff(op: OperationDescriptor, method: string, path: string, why: string, attempt: number, delayMs: number, options: RequestOptions): Promise<void> {
    this.log('warn', {
      message: `${method} ${path} ${why}; retry ${attempt} of ${this.#retry.maxRetries} in ${delayMs} ms`,
      operation: op.name, method, path, attempt, retryInMs: delayMs,
    });
    await sleep(delayMs, options.signal, op.name);
  }

  async #attempt(op: OperationDescriptor, prepared: PreparedRequest, url: string, route: Route, options: RequestOptions): Promise<RawResponse> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 60_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers = { ...prepared.headers };
    if (route.own && this.credential.kind === 'token') headers['authorization'] = `Bearer ${await this.credential.token()}`;
    try {
      return await send(route.dispatcher, { method: prepared.method, url, headers, body: prepared.body, signal, maxResponseBytes: this.#options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES });
    } catch (err) {
      if (err instanceof BodyLimitExceeded) throw new ResponseTooLargeError(op.name, err.limit);
      if (options.signal?.aborted) throw new AbortedError(op.name);
      if (timeout.aborted) throw new TimeoutError(op.name, timeoutMs);
      throw err;
    }
  }

  /**
   * The dispatcher for a URL's origin, made on first use. Only the endpoint's own origin gets the client
   * certificate: a redirect to any other host (or port) goes without it, and without the token. The proxy is
   * chosen per host, so that NO_PROXY applies to redirect targets too.
   */
  #route(target: URL): Route {
    let route = this.#routes.get(target.origin);
    if (route) return route;
    const own = target.origin === this.endpoint.origin;
    const proxy = resolveProxy(this.#options.proxy, target.hostname, portOf(target));
    const tls = own && this.credential instanceof CertificateCredential ? this.credential.tlsOptions() : undefined;
    route = { dispatcher: createDispatcher({ tls, ca: this.#options.ca, proxy }), own, ...(proxy ? { proxy } : {}) };
    this.#routes.set(target.origin, route);
    this.log('debug', { message: `connecting to ${target.origin} ${proxy ? `through the proxy ${proxy.url}` : 'directly'}${own ? '' : ' (no credential: another host)'}` });
    return route;
  }

  #logResponse(op: OperationDescriptor, prepared: PreparedRequest, response: RawResponse, attempt: number, durationMs: number): void {
    const level: LogLevel = response.statusCode >= 400 ? 'warn' : 'info';
    this.log(level, {
      message: `${prepared.method} ${prepared.pathAndQuery} -> ${response.statusCode}`,
      operation: op.name, method: prepared.method, path: prepared.pathAndQuery, status: response.statusCode,
      durationMs: Math.round(durationMs), attempt, requestId: response.headers['x-ms-request-id'],
    });
    if (this.#log.logger && shouldLog('debug', this.#log.level)) {
      this.log('debug', { message: 'request', operation: op.name, headers: redactHeaders(prepared.headers), ...(prepared.body !== undefined ? { body: redactBody(op, prepared.body) } : {}) });
      this.log('debug', { message: 'response', operation: op.name, headers: redactHeaders(response.headers), body: redactBody(op, response.body.slice(0, RAW_BODY_KEPT)) });
    }
  }

  #serviceError(op: OperationDescriptor, response: RawResponse): ServiceError {
    const requestId = response.headers['x-ms-request-id'];
    let code = `Http${response.statusCode}`;
    let message = response.statusCode >= 300 && response.statusCode < 400 ? 'too many redirects' : 'the service answered with an error';
    let rawBody: string | undefined;
    try {
      const parsed = this.#parseBody({ element: 'Error', model: this.service.error }, response) as { Code?: string; Message?: string };
      if (parsed.Code) code = parsed.Code;
      if (parsed.Message) message = parsed.Message;
    } catch {
      rawBody = redactBody(op, response.body.slice(0, RAW_BODY_KEPT));
    }
    return serviceErrorFor({ code, message, statusCode: response.statusCode, requestId, operation: op.name, rawBody, headers: redactHeaders(response.headers) });
  }

  #parseBody(body: BodyShape, response: RawResponse): unknown {
    if ('text' in body) return response.body;
    if (!/json/i.test(response.headers['content-type'] ?? '')) return readXmlBody(body, response.body);
    const issues: ValidationIssue[] = [];
    const value = readJsonBody(body, JSON.parse(response.body) as unknown, issues, { unknownMembers: 'ignore' });
    if (issues.length > 0) throw new ShapeError(issues[0]!.path, issues[0]!.rule);
    return value;
  }

  #readResponse(op: OperationDescriptor, response: RawResponse): unknown {
    const spec = op.responses.find((r) => r.status === response.statusCode) ?? (op.responses.length === 1 ? op.responses[0] : undefined);
    const body = spec?.body;
    if (!body || response.body.trim() === '' && !('list' in body)) {
      return { statusCode: response.statusCode, requestId: response.headers['x-ms-request-id'] } satisfies ResponseMetadata;
    }
    try {
      return this.#parseBody(body, response);
    } catch (err) {
      if (err instanceof XmlSyntaxError || err instanceof ShapeError || err instanceof SyntaxError) {
        throw new ResponseParseError(op.name, response.statusCode, err.message, redactBody(op, response.body.slice(0, RAW_BODY_KEPT)));
      }
      throw err;
    }
  }
}

function portOf(url: URL): number {
  return url.port === '' ? 443 : Number(url.port);
}
