/**
 * HTTP over undici: one keep-alive dispatcher per client, presenting the client certificate to the target —
 * through a CONNECT tunnel when a proxy is configured, with the target's certificate verified either way.
 */
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import type { ClientTlsOptions } from './credentials.js';
import type { ResolvedProxy } from './proxy.js';

export interface TransportOptions {
  tls?: ClientTlsOptions;
  /** Extra CA certificates to trust, besides Node's defaults. */
  ca?: string | Buffer | Array<string | Buffer>;
  proxy?: ResolvedProxy;
  /** Also trust these CAs for a TLS connection to the proxy itself. */
  proxyCa?: string | Buffer | Array<string | Buffer>;
  connections?: number;
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
}

function caList(ca: TransportOptions['ca']): Array<string | Buffer> | undefined {
  if (ca === undefined) return undefined;
  return Array.isArray(ca) ? ca : [ca];
}

/** Node's default roots plus the extra CAs (passing `ca` alone would replace the defaults). */
function trust(ca: TransportOptions['ca']): Array<string | Buffer> | undefined {
  const extra = caList(ca);
  return extra ? [...rootCertificates, ...extra] : undefined;
}

export function createDispatcher(options: TransportOptions): Dispatcher {
  const requestTls = { ...(options.tls ?? {}), ca: trust(options.ca), rejectUnauthorized: true };
  if (options.proxy) {
    return new ProxyAgent({
      uri: options.proxy.url,
      ...(options.proxy.authorization !== undefined ? { token: options.proxy.authorization } : {}),
      requestTls,
      proxyTls: { ca: trust(options.proxyCa ?? options.ca), rejectUnauthorized: true },
      connections: options.connections ?? 64,
    });
  }
  return new Agent({ connect: requestTls, keepAliveTimeout: 30_000, connections: options.connections ?? 64 });
}

/** Sends one request and reads the whole body. */
export async function send(dispatcher: Dispatcher, options: SendOptions): Promise<RawResponse> {
  const response = await request(options.url, {
    method: options.method as Dispatcher.HttpMethod,
    headers: options.headers,
    body: options.body,
    dispatcher,
    signal: options.signal,
  });
  const body = await response.body.text();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { statusCode: response.statusCode, headers, body };
}
