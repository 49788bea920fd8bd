/**
 * The end of the pipeline: sends a request over one keep-alive dispatcher per origin, made on first use. Only the
 * endpoint's own origin gets the client certificate; a redirect to any other host (or port) connects without it.
 * The proxy is chosen per host, so that NO_PROXY applies to redirect targets too.
 */
import type { Dispatcher } from 'undici';
import { ResponseTooLargeError } from '../core/errors.js';
import { CertificateCredential, type Credential } from './credentials.js';
import type { ClientLog } from './logging.js';
import type { SendRequest } from './pipeline.js';
import { resolveProxy, type ProxyOption, type ResolvedProxy } from './proxy.js';
import { BodyLimitExceeded, createDispatcher, isOwnOrigin, networkFailure, send } from './transport.js';

export interface OriginTransportOptions {
  /** https://host[:port] of the endpoint: the only origin the credential goes to. */
  ownOrigin: string;
  credential: Credential;
  ca?: string | Buffer | Array<string | Buffer>;
  proxy?: ProxyOption;
  maxResponseBytes: number;
  /** The client's per-attempt timeout: no connection attempt outlives it. */
  connectTimeoutMs?: number;
  log: ClientLog;
}

export interface OriginTransport {
  send: SendRequest;
  /** Closes every dispatcher made so far. */
  close(): Promise<void>;
}

interface Route {
  dispatcher: Dispatcher;
  proxy?: ResolvedProxy;
}

export function createOriginTransport(options: OriginTransportOptions): OriginTransport {
  const routes = new Map<string, Route>();
  /** The endpoint's route, once made: nearly every request takes it, without a lookup. */
  let ownRoute: Route | undefined;

  const route = (origin: string): Route => {
    let found = routes.get(origin);
    if (found) return found;
    const url = new URL(origin);
    const own = origin === options.ownOrigin;
    const proxy = resolveProxy(options.proxy, url.hostname, url.port === '' ? 443 : Number(url.port));
    const tls = own && options.credential instanceof CertificateCredential ? options.credential.tlsOptions() : undefined;
    found = { dispatcher: createDispatcher({ tls, ca: options.ca, proxy, ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}) }), ...(proxy ? { proxy } : {}) };
    routes.set(origin, found);
    options.log.write('debug', { message: `connecting to ${origin} ${proxy ? `through the proxy ${proxy.url}` : 'directly'}${own ? '' : ' (no credential: another host)'}` });
    return found;
  };

  return {
    send: async (request) => {
      const via = isOwnOrigin(request.url, options.ownOrigin) ? ownRoute ??= route(options.ownOrigin) : route(new URL(request.url).origin);
      try {
        return await send(via.dispatcher, {
          method: request.method, url: request.url, headers: request.headers, body: request.body, signal: request.signal,
          maxResponseBytes: options.maxResponseBytes,
        });
      } catch (err) {
        if (err instanceof BodyLimitExceeded) throw new ResponseTooLargeError(request.operation.name, err.limit);
        throw networkFailure(request.operation.name, request.method, request.url, err, via.proxy?.url);
      }
    },
    close: async () => {
      const open = [...routes.values()];
      routes.clear();
      ownRoute = undefined;
      await Promise.all(open.map((r) => r.dispatcher.close()));
    },
  };
}
