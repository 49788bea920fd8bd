/**
 * The `options` argument: host (name, name:port or https:// URL; azure@0.7.x also took `port` on its own),
 * apiversion, serializetype ('XML' or 'JSON'), and ca for a private CA. An invalid host or serialize type
 * throws at construction, as a wrong argument does.
 */
import { parseEndpoint, type Endpoint } from '../client/endpoint.js';
import type { SerializeType } from '../client/request.js';
import { serviceShape } from '../../generated/service.js';
import type { HostOptions } from './types.js';

export interface ConnectionSettings {
  endpoint: Endpoint;
  apiVersion?: string;
  serializeType: SerializeType;
  ca?: HostOptions['ca'];
  /** Default Location for CreateHostedService. */
  location?: string;
}

function hostWithPort(host: string, port: HostOptions['port']): string {
  if (port === undefined || port === null || port === '') return host;
  const url = new URL(/^[a-z]+:\/\//i.test(host) ? host : `https://${host}`);
  if (url.port !== '') return host;
  url.port = String(port);
  return url.origin;
}

export function serializeTypeOf(value: unknown): SerializeType {
  if (value === undefined || value === null || value === '') return 'xml';
  if (typeof value === 'string' && /^xml$/i.test(value)) return 'xml';
  if (typeof value === 'string' && /^json$/i.test(value)) return 'json';
  throw new TypeError(`options.serializetype: expected 'XML' or 'JSON', got ${JSON.stringify(value)}`);
}

export function connectionSettings(options: HostOptions | null | undefined): ConnectionSettings {
  const given = options ?? {};
  const host = typeof given.host === 'string' && given.host.trim() !== '' ? given.host.trim() : serviceShape.host;
  const settings: ConnectionSettings = {
    endpoint: parseEndpoint(hostWithPort(host, given.port)),
    serializeType: serializeTypeOf(given.serializetype),
  };
  if (given.apiversion) settings.apiVersion = given.apiversion;
  if (given.ca !== undefined && given.ca !== null) settings.ca = given.ca;
  if (given.location) settings.location = given.location;
  return settings;
}
