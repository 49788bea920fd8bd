/**
 * HTTP over undici: keep-alive dispatchers presenting the client certificate to the target — through a CONNECT
 * tunnel when a proxy is configured, with the target's certificate verified either way. There is deliberately no
 * option to skip that verification: trust a private CA with `ca` instead. Also the URL and failure helpers the
 * pipeline shares (origin test, path, NetworkError with its detail), none of which parses a URL on success.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import type { ClientTlsOptions } from './credentials.js';
import { undici } from '../core/deferred-modules.js';
import type { ResolvedProxy } from './proxy.js';
import { NetworkError } from '../core/errors.js';
import { errorCode } from './retry.js';
import { untilAborted } from './sleep.js';

export interface TransportOptions {
  tls?: ClientTlsOptions;
  /** Extra CA certificates to trust, besides Node's defaults. */
  ca?: string | Buffer | Array<string | Buffer>;
  proxy?: ResolvedProxy;
  /** Also trust these CAs for a TLS connection to the proxy itself. */
  proxyCa?: string | Buffer | Array<string | Buffer>;
  connections?: number;
  /**
   * Longest wait for a connection (TCP and TLS handshake), default undici's 10 s. The client passes its own
   * timeout when shorter: a connection still handshaking after the attempt gave up would hold close() as long.
   */
  connectTimeoutMs?: number;
}

export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface SendOptions {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Largest response body read; a larger one is refused without being read to its end. */
  maxResponseBytes?: number;
}

/** The response body is larger than the caller accepts. */
export class BodyLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`the response body exceeds ${limit} bytes`);
  }
}

function caList(ca: TransportOptions['ca']): Array<string | Buffer> | undefined {
  if (ca === undefined) return undefined;
  return Array.isArray(ca) ? ca : [ca];
}

/**
 * Node's default roots, NODE_EXTRA_CA_CERTS and the extra CAs: passing `ca` alone would replace the first two,
 * and rootCertificates does not hold the NODE_EXTRA_CA_CERTS ones.
 */
function trust(ca: TransportOptions['ca']): Array<string | Buffer> | undefined {
  const extra = caList(ca);
  return extra ? [...rootCertificates, ...environmentCas(), ...extra] : undefined;
}

function environmentCas(): Buffer[] {
  const file = process.env['NODE_EXTRA_CA_CERTS'];
  if (!file) return [];
  try {
    return [readFileSync(file)];
  } catch {
    // Node itself warns at start-up about an unreadable NODE_EXTRA_CA_CERTS; nothing more to add here.
    return [];
  }
}

/**
 * One TLS context per dispatcher, built once: otherwise every new connection would parse the trusted roots and
 * decrypt a PKCS#12 bundle again.
 */
function secureContext(tls: ClientTlsOptions | undefined, ca: TransportOptions['ca']): SecureContext {
  return createSecureContext({ ...(tls ?? {}), ca: trust(ca) });
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export function createDispatcher(options: TransportOptions): Dispatcher {
  const timeout = Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS);
  const requestTls = { secureContext: secureContext(options.tls, options.ca), rejectUnauthorized: true, timeout };
  if (options.proxy) {
    return new (undici().ProxyAgent)({
      uri: options.proxy.url,
      ...(options.proxy.authorization !== undefined ? { token: options.proxy.authorization } : {}),
      requestTls,
      proxyTls: { secureContext: secureContext(undefined, options.proxyCa ?? options.ca), rejectUnauthorized: true, timeout },
      connections: options.connections ?? 64,
    });
  }
  return new (undici().Agent)({ connect: requestTls, keepAliveTimeout: 30_000, connections: options.connections ?? 64 });
}

/** Sends one request and reads the whole body. */
export async function send(dispatcher: Dispatcher, options: SendOptions): Promise<RawResponse> {
  // undici honours a signal only once a connection is established: a TLS handshake that never completes would
  // otherwise hold the call until undici's own connect timeout (10 s), whatever the call's timeout or its caller's
  // abort said. A response that still arrives after the abort is nobody's: its body is dropped.
  const response = await untilAborted(undici().request(options.url, {
    method: options.method as Dispatcher.HttpMethod,
    headers: options.headers,
    body: options.body,
    dispatcher,
    signal: options.signal,
  }), options.signal, (late) => late.body.destroy());
  const body = await readBody(response.body, Number(response.headers['content-length']), options.maxResponseBytes ?? Infinity);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { statusCode: response.statusCode, headers, body };
}

/** Reads a body up to `limit` bytes: a declared or actual excess stops the read and closes the stream. */
async function readBody(stream: Dispatcher.ResponseData['body'], declaredLength: number, limit: number): Promise<string> {
  if (declaredLength > limit) {
    stream.destroy();
    throw new BodyLimitExceeded(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      stream.destroy();
      throw new BodyLimitExceeded(limit);
    }
    chunks.push(chunk);
  }
  // TextDecoder, like undici's text(), drops a byte-order mark and replaces invalid UTF-8.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

/**
 * Is this absolute URL on the given origin? A string test, so that the common case (every request of a call to
 * the endpoint) parses no URL; the "/" after the origin keeps https://host:44 from matching https://host:443x
 * and https://host@elsewhere.
 */
export function isOwnOrigin(url: string, origin: string): boolean {
  return url.length > origin.length && url.startsWith(origin) && url.charCodeAt(origin.length) === 47 /* / */;
}

/** Path and query of an absolute URL, without parsing it. */
export function pathOf(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash < 0 ? '/' : url.slice(slash);
}

/** What went wrong, per NetworkError made here: the retry policy logs it without the operation's prefix. */
const failureDetails = new WeakMap<NetworkError, string>();

/** The NetworkError for a request that got no response, saying what went wrong and what to do. */
export function networkFailure(operation: string, method: string, url: string, err: unknown, proxyUrl: string | undefined): NetworkError {
  const target = new URL(url);
  const port = target.port === '' ? 443 : Number(target.port);
  const detail = describeNetworkError(err, { host: target.hostname, port, ...(proxyUrl !== undefined ? { proxyUrl } : {}) });
  const failure = new NetworkError(operation, `${method} ${target.pathname} failed: ${detail}`, errorCode(err), { cause: err });
  failureDetails.set(failure, detail);
  return failure;
}

/** The detail of a NetworkError: the text after "failed: ", or the message of one made elsewhere. */
export function failureDetail(err: NetworkError): string {
  return failureDetails.get(err) ?? err.message;
}

/** Where a failed request was going: the target, and the proxy (without credentials) when one was used. */
export interface Route {
  host: string;
  port: number;
  proxyUrl?: string;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE',
]);

function chain(err: unknown): Array<{ code?: unknown; message?: unknown }> {
  const out: Array<{ code?: unknown; message?: unknown }> = [];
  for (let current = err, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    out.push(current as { code?: unknown; message?: unknown });
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/** The first error code along the cause chain that `accept` takes. */
function codeIn(err: unknown, accept: (code: string) => boolean): string | undefined {
  for (const link of chain(err)) if (typeof link.code === 'string' && accept(link.code)) return link.code;
  return undefined;
}

/** The status a proxy answered a CONNECT with, as undici reports it. */
function proxyRefusal(err: unknown): number | undefined {
  for (const link of chain(err)) {
    const match = typeof link.message === 'string' ? /Proxy response \((\d{3})\)|Proxy Authentication Required \((\d{3})\)/.exec(link.message) : null;
    if (match) return Number(match[1] ?? match[2]);
  }
  return undefined;
}

/**
 * A message saying what went wrong and what to do, for a request that got no response. It names hosts and codes
 * only: no header, no body, no proxy credentials.
 */
export function describeNetworkError(err: unknown, route: Route): string {
  const target = `${route.host}:${route.port}`;
  const proxyStatus = route.proxyUrl !== undefined ? proxyRefusal(err) : undefined;
  if (proxyStatus === 407) return `the proxy ${route.proxyUrl} refused the tunnel to ${target}: 407 Proxy Authentication Required (check the proxy username and password)`;
  if (proxyStatus !== undefined) return `the proxy ${route.proxyUrl} refused the tunnel to ${target} with status ${proxyStatus}`;
  const untrusted = codeIn(err, (c) => UNTRUSTED.has(c));
  if (untrusted) return `the TLS certificate of ${target} is not trusted (${untrusted}): pass the CA that issued it as the ca option`;
  if (codeIn(err, (c) => c === 'CERT_HAS_EXPIRED')) return `the TLS certificate of ${target} has expired (CERT_HAS_EXPIRED)`;
  if (codeIn(err, (c) => c === 'ERR_TLS_CERT_ALTNAME_INVALID')) return `the TLS certificate of ${target} is not issued for ${route.host} (ERR_TLS_CERT_ALTNAME_INVALID)`;
  const alert = codeIn(err, (c) => /^ERR_SSL_.*ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|ACCESS_DENIED)$/.test(c));
  if (alert) return `${target} refused the client certificate during the TLS handshake (${alert})`;
  const code = codeIn(err, () => true);
  if (code === 'ECONNREFUSED') return route.proxyUrl !== undefined ? `the proxy ${route.proxyUrl} refused the connection (ECONNREFUSED)` : `${target} refused the connection (ECONNREFUSED)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${route.proxyUrl ?? route.host} could not be resolved (${code})`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') {
    return `the connection to ${target} closed before a response arrived (${code})`;
  }
  return `${code ?? (err as Error)?.message ?? 'unknown error'} (${target}${route.proxyUrl !== undefined ? ` via ${route.proxyUrl}` : ''})`;
}
