/**
 * The load workload, written twice: through the SDK, and as the bare baseline (undici.request on a keep-alive
 * Agent presenting the same client certificate, bodies read as text, the status polled at a fixed interval).
 * Both do the same requests: rounds of concurrent GetHostedService calls, and rounds of concurrent asynchronous
 * deletes waited to completion (each preceded by the creates it needs).
 */
import { Agent, request } from 'undici';
import { serviceShape } from '../../../generated/service.js';
import { CreateHostedServiceOperation } from '../../../generated/operations/CreateHostedService.js';
import { DeleteHostedServiceOperation } from '../../../generated/operations/DeleteHostedService.js';
import { GetHostedServiceOperation } from '../../../generated/operations/GetHostedService.js';
import { ServiceClient } from '../../../src/client/client.js';
import { invoke, invokeAsync } from '../../../src/client/invoke.js';
import { certificateFromPem } from '../../../src/client/credentials.js';

export interface LoadTarget {
  url: string;
  ca: string;
  key: string;
  cert: string;
  subscriptionId: string;
  /** Names of existing services the reads cycle through. */
  readNames: string[];
}

export interface Workload {
  read(name: string): Promise<void>;
  create(name: string): Promise<void>;
  /** Starts an asynchronous delete and waits until it has succeeded. */
  deleteAndWait(name: string): Promise<void>;
  close(): Promise<void>;
}

export const CONNECTIONS = 64;
const NS = 'http://schemas.microsoft.com/windowsazure';

export function sdkWorkload(target: LoadTarget): Workload {
  const client = new ServiceClient({
    subscriptionId: target.subscriptionId, credential: certificateFromPem(target), endpoint: target.url, ca: target.ca, proxy: false,
    polling: { minDelayMs: 10, maxDelayMs: 40, timeoutMs: 120_000 }, timeoutMs: 60_000,
  }, serviceShape);
  return {
    read: async (name) => { await invoke(client, GetHostedServiceOperation, { ServiceName: name }); },
    create: async (name) => { await invoke(client, CreateHostedServiceOperation, { ServiceName: name, Label: name, Location: 'West US' }); },
    deleteAndWait: async (name) => { await invokeAsync(client, DeleteHostedServiceOperation, { ServiceName: name, DeleteAllMedia: true }, { wait: true }); },
    close: () => client.close(),
  };
}

export function undiciWorkload(target: LoadTarget): Workload {
  const agent = new Agent({ connect: { ca: target.ca, cert: target.cert, key: target.key }, keepAliveTimeout: 30_000, connections: CONNECTIONS });
  const base = `${target.url}/${target.subscriptionId}`;
  const headers = { 'x-ms-version': '2014-10-01', accept: 'application/xml' };
  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: string) => {
    const response = await request(`${base}${path}`, { method, headers: body ? { ...headers, 'content-type': 'application/xml' } : headers, body, dispatcher: agent });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${text.slice(0, 200)}`);
    return { status: response.statusCode, id: String(response.headers['x-ms-request-id'] ?? ''), text };
  };
  return {
    read: async (name) => { await call('GET', `/services/hostedservices/${name}`); },
    create: async (name) => {
      await call('POST', '/services/hostedservices', `<CreateHostedService xmlns="${NS}"><ServiceName>${name}</ServiceName><Label>${Buffer.from(name).toString('base64')}</Label><Location>West US</Location></CreateHostedService>`);
    },
    deleteAndWait: async (name) => {
      const { id } = await call('DELETE', `/services/hostedservices/${name}?comp=media`);
      for (let i = 0; i < 10_000; i++) {
        const { text } = await call('GET', `/operations/${id}`);
        if (text.includes('<Status>Succeeded</Status>')) return;
        if (text.includes('<Status>Failed</Status>')) throw new Error(`delete of ${name} failed`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`delete of ${name} never finished`);
    },
    close: () => agent.close(),
  };
}
