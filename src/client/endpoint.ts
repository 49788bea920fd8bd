/** Parses the `endpoint` option: a host name, host:port, or an https:// URL. */
export interface Endpoint {
  /** https://host[:port] */
  origin: string;
  host: string;
  port: number;
}

export function parseEndpoint(endpoint: string): Endpoint {
  const text = endpoint.trim();
  if (/^http:\/\//i.test(text)) throw new TypeError(`endpoint ${text}: the service is only reachable over https`);
  let url: URL;
  try {
    url = new URL(/^https:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new TypeError(`endpoint ${text}: expected a host name, host:port or an https:// URL`);
  }
  if (url.pathname !== '/' && url.pathname !== '') throw new TypeError(`endpoint ${text}: must not contain a path`);
  return { origin: url.origin, host: url.hostname, port: url.port === '' ? 443 : Number(url.port) };
}
