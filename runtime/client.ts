/**
 * The service client: configuration, one keep-alive transport, and the pipeline every operation goes through —
 * validate, prepare, send with retries and redirects, then read the response or raise a typed error.
 */
import type { Dispatcher } from 'undici';
import { CertificateCredential, type Credential } from './credentials.js';
import { parseEndpoint, type Endpoint } from './endpoint.js';
import {
  AbortedError, NetworkError, ResponseParseError, SdkError, TimeoutError, serviceErrorFor, type ServiceError,
} from './errors.js';
import { redactBody, redactHeaders, resolveLogger, shouldLog, type LogEntry, type LogLevel, type Logger } from './logging.js';
import { waitForOperation, type AcceptedOperation, type CompletedOperation, type WaitOptions } from './poller.js';
import { resolveProxy, type ProxyOption } from './proxy.js';
import { prepareRequest, type PreparedRequest, type SerializeType } from './request.js';
import {
  backoffDelay, defaultRetryOptions, errorCode, isRetryableNetworkError, isRetryableStatus, retryAfterMs,
  type ResolvedRetryOptions, type RetryOptions,
} from './retry.js';
import type { BodyShape, OperationDescriptor, ServiceShape } from './shapes.js';
import { sleep } from './sleep.js';
import { createDispatcher, send, type RawResponse } from './transport.js';
import { validateInput } from './validation.js';
import { readXmlBody, ShapeError, XmlSyntaxError } from './xml.js';

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

export class ServiceClient {
  readonly subscriptionId: string;
  readonly endpoint: Endpoint;
  readonly service: ServiceShape;
  readonly credential: Credential;
  readonly #options: ClientOptions;
  readonly #retry: ResolvedRetryOptions;
  readonly #log: { logger?: Logger; level: LogLevel };
  #dispatcher: Dispatcher | undefined;
  #foreignDispatcher: Dispatcher | undefined;

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
    const accepted: AcceptedOperation = {
      operation: op.name,
      requestId,
      statusCode: response.statusCode,
      completed: response.statusCode !== 202,
      wait: (waitOptions?: WaitOptions) => waitForOperation(this, pollOp, op.name, requestId, response.statusCode !== 202 ? response.statusCode : undefined, { ...this.#options.polling, ...waitOptions }),
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
    await Promise.all([this.#dispatcher?.close(), this.#foreignDispatcher?.close()]);
    this.#dispatcher = undefined;
    this.#foreignDispatcher = undefined;
  }

  log(level: LogLevel, entry: Omit<LogEntry, 'level'>): void {
    const { logger, level: threshold } = this.#log;
    if (logger && shouldLog(level, threshold)) logger({ level, ...entry });
  }

  #asyncId(op: OperationDescriptor, response: RawResponse, body: unknown): string {
    const idField = op.async?.idFromBody;
    const fromBody = idField !== undefined && typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[idField] : undefined;
    const id = typeof fromBody === 'string' ? fromBody : response.headers['x-ms-request-id'];
    if (!id) throw new ResponseParseError(op.name, response.statusCode, 'no request id to follow (x-ms-request-id header missing)', response.body);
    return id;
  }

  async #call(op: OperationDescriptor, input: Record<string, unknown>, options: RequestOptions): Promise<RawResponse> {
    if (typeof input !== 'object' || input === null) throw new TypeError(`${op.name}: input must be an object`);
    if (this.#options.validation !== false) validateInput(op, input);
    const prepared = prepareRequest(op, input, {
      subscriptionId: this.subscriptionId,
      apiVersion: this.#options.apiVersion ?? this.service.apiVersion,
      namespace: this.service.namespace,
      serializeType: this.#options.serializeType ?? 'xml',
      userAgent: this.#options.userAgent ? `${this.#options.userAgent} ${SDK_USER_AGENT}` : SDK_USER_AGENT,
    });
    const response = await this.#sendWithRetries(op, prepared, options);
    if (response.statusCode >= 300) throw this.#serviceError(op, response);
    options.onResponse?.({ operation: op.name, statusCode: response.statusCode, headers: response.headers, body: response.body, requestId: response.headers['x-ms-request-id'] });
    return response;
  }

  async #sendWithRetries(op: OperationDescriptor, prepared: PreparedRequest, options: RequestOptions): Promise<RawResponse> {
    let url = `${this.endpoint.origin}${prepared.pathAndQuery}`;
    let redirects = 0;
    for (let attempt = 1; ; attempt++) {
      const sameHost = new URL(url).origin === this.endpoint.origin;
      const started = performance.now();
      let response: RawResponse;
      try {
        response = await this.#attempt(op, prepared, url, sameHost, options);
      } catch (err) {
        if (err instanceof SdkError) throw err;
        const retryable = isRetryableNetworkError(prepared.method, err) && attempt <= this.#retry.maxRetries;
        this.log(retryable ? 'warn' : 'error', { message: `network error: ${errorCode(err) ?? (err as Error).message}`, operation: op.name, method: prepared.method, path: prepared.pathAndQuery, attempt });
        if (!retryable) throw new NetworkError(op.name, `${prepared.method} ${new URL(url).pathname} failed: ${errorCode(err) ?? (err as Error).message}`, errorCode(err), { cause: err });
        await sleep(backoffDelay(attempt, this.#retry), options.signal, op.name);
        continue;
      }
      this.#logResponse(op, prepared, response, attempt, performance.now() - started);
      if ((response.statusCode === 307 || response.statusCode === 308) && response.headers['location']) {
        if (++redirects > this.#retry.maxRedirects) throw this.#serviceError(op, response);
        url = new URL(response.headers['location'], url).toString();
        attempt--;
        continue;
      }
      if (attempt <= this.#retry.maxRetries && isRetryableStatus(prepared.method, response.statusCode, response.body, this.#retry)) {
        await sleep(backoffDelay(attempt, this.#retry, retryAfterMs(response.headers['retry-after'])), options.signal, op.name);
        continue;
      }
      return response;
    }
  }

  async #attempt(op: OperationDescriptor, prepared: PreparedRequest, url: string, sameHost: boolean, options: RequestOptions): Promise<RawResponse> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 60_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers = { ...prepared.headers };
    if (sameHost && this.credential.kind === 'token') headers['authorization'] = `Bearer ${await this.credential.token()}`;
    try {
      return await send(sameHost ? this.#targetDispatcher() : this.#foreignHostDispatcher(), { method: prepared.method, url, headers, body: prepared.body, signal });
    } catch (err) {
      if (options.signal?.aborted) throw new AbortedError(op.name);
      if (timeout.aborted) throw new TimeoutError(op.name, timeoutMs);
      throw err;
    }
  }

  #targetDispatcher(): Dispatcher {
    this.#dispatcher ??= createDispatcher({
      tls: this.credential instanceof CertificateCredential ? this.credential.tlsOptions() : undefined,
      ca: this.#options.ca,
      proxy: resolveProxy(this.#options.proxy, this.endpoint.host, this.endpoint.port),
    });
    return this.#dispatcher;
  }

  /** Redirects to another host get no client certificate and no token. */
  #foreignHostDispatcher(): Dispatcher {
    this.#foreignDispatcher ??= createDispatcher({ ca: this.#options.ca, proxy: resolveProxy(this.#options.proxy, this.endpoint.host, this.endpoint.port) });
    return this.#foreignDispatcher;
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
      this.log('debug', { message: 'response', operation: op.name, headers: redactHeaders(response.headers), body: redactBody(op, response.body) });
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
      rawBody = redactBody(op, response.body);
    }
    return serviceErrorFor({ code, message, statusCode: response.statusCode, requestId, operation: op.name, rawBody });
  }

  #parseBody(body: BodyShape, response: RawResponse): unknown {
    if ('text' in body) return response.body;
    if (/json/i.test(response.headers['content-type'] ?? '')) return JSON.parse(response.body) as unknown;
    return readXmlBody(body, response.body);
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
        throw new ResponseParseError(op.name, response.statusCode, err.message, response.body);
      }
      throw err;
    }
  }
}
