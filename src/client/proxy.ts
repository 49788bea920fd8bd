/**
 * Which proxy, if any, carries requests to a host: explicit configuration first, then HTTPS_PROXY over
 * HTTP_PROXY (either case), minus NO_PROXY. Credentials found in a proxy URL are split off so that the URL can
 * be shown in messages without them.
 */

export interface ProxySettings {
  /** Proxy URL, e.g. http://proxy:3128 (credentials in the URL are accepted). */
  url: string;
  username?: string;
  password?: string;
}

export type ProxyOption = string | ProxySettings | false;

export interface ResolvedProxy {
  /** The proxy URL without credentials. */
  url: string;
  /** Value of the Proxy-Authorization header, when the proxy needs credentials. */
  authorization?: string;
}

/** The variable's value, upper case first, with the name it was found under (for messages). */
function env(name: string, environment: NodeJS.ProcessEnv): { name: string; value: string } | undefined {
  for (const candidate of [name, name.toLowerCase()]) {
    const value = environment[candidate]?.trim();
    if (value) return { name: candidate, value };
  }
  return undefined;
}

/** Does NO_PROXY (host, .domain suffix, *.domain, *, host:port) exclude this host and port? */
export function isExcludedByNoProxy(host: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const hostname = host.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const colon = entry.lastIndexOf(':');
    const hasPort = colon > 0 && !entry.includes(']') && /^\d+$/.test(entry.slice(colon + 1));
    const entryHost = (hasPort ? entry.slice(0, colon) : entry).replace(/^\*/, '').replace(/^\[|\]$/g, '');
    if (hasPort && Number(entry.slice(colon + 1)) !== port) continue;
    if (entryHost.startsWith('.') ? hostname.endsWith(entryHost) || hostname === entryHost.slice(1) : hostname === entryHost) return true;
  }
  return false;
}

/**
 * A percent-encoded user name or password from a proxy URL. A "%" not followed by two hex digits (or bytes that
 * are not UTF-8) would make decodeURIComponent throw an untyped URIError on every call: the setting is named
 * instead, never the value.
 */
function decodeCredential(text: string, source: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TypeError(`${source}: the proxy ${what} in the URL is not valid percent-encoding (write "%" as %25, and other reserved characters as %XX)`);
  }
}

/**
 * The proxy credentials the client may use — from the option or from HTTPS_PROXY / HTTP_PROXY, as written and
 * decoded — for scrubbing from whatever the client reports. Never throws: a malformed setting is reported when
 * the proxy is first used.
 */
export function proxySecretValues(option: ProxyOption | undefined, environment: NodeJS.ProcessEnv = process.env): string[] {
  if (option === false) return [];
  const settings: ProxySettings[] = option !== undefined ? [typeof option === 'string' ? { url: option } : option]
    : [env('HTTPS_PROXY', environment), env('HTTP_PROXY', environment)].flatMap((e) => (e === undefined ? [] : [{ url: e.value }]));
  const values: string[] = [];
  for (const setting of settings) {
    for (const explicit of [setting.username, setting.password]) if (explicit) values.push(explicit);
    if (!URL.canParse(setting.url.includes('://') ? setting.url : `http://${setting.url}`)) continue;
    const url = new URL(setting.url.includes('://') ? setting.url : `http://${setting.url}`);
    for (const raw of [url.username, url.password]) {
      if (raw === '') continue;
      values.push(raw);
      try {
        values.push(decodeURIComponent(raw));
      } catch {
        // Not decodable: only the raw form can travel.
      }
    }
  }
  return [...new Set(values)];
}

/** `source` names where the setting came from; the URL itself is never quoted, as it may hold a password. */
function normalize(setting: ProxySettings, source: string): ResolvedProxy {
  let url: URL;
  try {
    url = new URL(setting.url.includes('://') ? setting.url : `http://${setting.url}`);
  } catch {
    throw new TypeError(`${source}: not a valid proxy URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`${source}: the proxy URL must start with http:// or https://`);
  const username = setting.username ?? decodeCredential(url.username, source, 'username');
  const password = setting.password ?? decodeCredential(url.password, source, 'password');
  url.username = '';
  url.password = '';
  const resolved: ResolvedProxy = { url: url.origin };
  if (username !== '' || password !== '') {
    resolved.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  return resolved;
}

/** The proxy for a request to host:port, or undefined for a direct connection. */
export function resolveProxy(option: ProxyOption | undefined, host: string, port: number, environment: NodeJS.ProcessEnv = process.env): ResolvedProxy | undefined {
  if (option === false) return undefined;
  if (option !== undefined) return normalize(typeof option === 'string' ? { url: option } : option, 'proxy');
  const fromEnv = environmentProxy(host, port, environment);
  return fromEnv === undefined ? undefined : normalize({ url: fromEnv.value }, fromEnv.name);
}

/**
 * The proxy URL the environment names for host:port — HTTPS_PROXY over HTTP_PROXY (either case), unless NO_PROXY
 * excludes the host — as written, with the variable it came from; undefined for a direct connection.
 */
export function environmentProxy(host: string, port: number, environment: NodeJS.ProcessEnv = process.env): { name: string; value: string } | undefined {
  const fromEnv = env('HTTPS_PROXY', environment) ?? env('HTTP_PROXY', environment);
  if (fromEnv === undefined || isExcludedByNoProxy(host, port, env('NO_PROXY', environment)?.value)) return undefined;
  return fromEnv;
}
