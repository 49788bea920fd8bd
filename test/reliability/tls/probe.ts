/**
 * One TLS probe: a GetHostedService call to a server presenting a given certificate, directly or through a
 * CONNECT proxy, and how it ended — with the number of HTTP requests the server received (a refused handshake
 * lets none through). Shared by the suite and its child processes.
 */
import { serviceShape } from '../../../generated/service.js';
import { GetHostedServiceOperation } from '../../../generated/operations/GetHostedService.js';
import { ServiceClient } from '../../../src/client/client.js';
import { invoke } from '../../../src/client/invoke.js';
import { certificateFromPem } from '../../../src/client/credentials.js';
import { startConnectProxy } from '../../support/connect-proxy.js';
import { describe, label, settle } from '../outcome.js';
import { httpReply, startScriptedServer } from '../../support/scripted-server.js';

export interface ProbeInput {
  server: { key: string; cert: string };
  client: { key: string; cert: string };
  /** The CA the client is told to trust (the `ca` option); undefined for none. */
  ca?: string;
  viaProxy: boolean;
  /** Connect to this host name instead of 127.0.0.1 (the certificate must name it). */
  host?: string;
}

export interface ProbeResult {
  ending: string;
  message: string;
  requestsReceived: number;
}

export async function probe(input: ProbeInput): Promise<ProbeResult> {
  const server = await startScriptedServer({ certificate: input.server });
  server.handle(() => httpReply(200, { 'Content-Type': 'application/xml' }, '<HostedService xmlns="http://schemas.microsoft.com/windowsazure"><ServiceName>tls</ServiceName></HostedService>'));
  const proxy = input.viaProxy ? await startConnectProxy() : undefined;
  const client = new ServiceClient({
    subscriptionId: 'tls', credential: certificateFromPem(input.client), endpoint: `https://${input.host ?? '127.0.0.1'}:${server.port}`,
    ...(input.ca === undefined ? {} : { ca: input.ca }), proxy: proxy?.url ?? false, retry: { maxRetries: 0 }, timeoutMs: 10_000,
  }, serviceShape);
  try {
    const ending = await settle(() => invoke(client, GetHostedServiceOperation, { ServiceName: 'tls' }), 20_000);
    return { ending: label(ending), message: ending.kind === 'error' ? describe(ending.error) : '', requestsReceived: server.requests.length };
  } finally {
    await client.close();
    await proxy?.close();
    await server.close();
  }
}
