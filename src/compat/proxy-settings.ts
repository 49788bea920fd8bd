/**
 * Proxy configuration of the old documents, as the runtime's ProxyOption:
 *   - at construction, HTTPS_PROXY (or https_proxy) over HTTP_PROXY (or http_proxy), when it holds a valid URL
 *     (NO_PROXY is honoured too, which the old package did not do);
 *   - setProxyUrl(url) / SetProxyUrl(url), overriding the environment; null removes the proxy;
 *   - setProxy({ host, port, proxyAuth: 'user:password' }, isHttps), isHttps meaning the proxy itself speaks TLS.
 * Proxy credentials go to the runtime separately from the URL, which is all that messages ever show.
 */
import { environmentProxy, type ProxyOption, type ProxySettings } from '../client/proxy.js';
import type { Endpoint } from '../client/endpoint.js';
import type { ProxyAddress } from './types.js';

function isValidUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The proxy named by the environment now (false: none), for requests to `endpoint`: the runtime's own lookup,
 * except that a value that is no URL means no proxy, as in the old package, rather than an error.
 */
export function proxyFromEnvironment(endpoint: Endpoint, env: NodeJS.ProcessEnv = process.env): ProxyOption {
  const found = environmentProxy(endpoint.host, endpoint.port, env);
  return found !== undefined && isValidUrl(found.value) ? found.value : false;
}

export function proxyFromAddress(address: ProxyAddress | null | undefined, isHttps?: boolean): ProxyOption {
  if (address === null || address === undefined) return false;
  if (typeof address !== 'object' || typeof address.host !== 'string' || address.host === '') {
    throw new TypeError('setProxy: expected { host, port, proxyAuth }');
  }
  const scheme = isHttps === true ? 'https' : 'http';
  const port = address.port === undefined || address.port === '' ? '' : `:${address.port}`;
  const settings: ProxySettings = { url: `${scheme}://${address.host}${port}` };
  if (typeof address.proxyAuth === 'string' && address.proxyAuth !== '') {
    const colon = address.proxyAuth.indexOf(':');
    settings.username = colon < 0 ? address.proxyAuth : address.proxyAuth.slice(0, colon);
    settings.password = colon < 0 ? '' : address.proxyAuth.slice(colon + 1);
  }
  return settings;
}

/** setProxyUrl's argument: a URL, or (as the first document shows) the object setProxy takes. */
export function proxyFromUrl(url: string | ProxyAddress | null | undefined, isHttps?: boolean): ProxyOption {
  if (url === null || url === undefined || url === '') return false;
  if (typeof url === 'object') return proxyFromAddress(url, isHttps);
  if (!isValidUrl(url)) throw new TypeError('setProxyUrl: not a valid proxy URL');
  return url;
}
