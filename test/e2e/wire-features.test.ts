/**
 * Wire features that only some operations have, end to end against a scripted HTTPS server: continuation tokens
 * as async iterators, and the network configuration document (its own namespace, values in attributes, a BOM and
 * an XML declaration on the response, octet-stream on the request).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ServiceManagementClient } from '../../generated/client.js';
import type { NetworkConfiguration } from '../../generated/models/NetworkConfiguration.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { typedClientForServer } from '../support/typed-client.js';

const NS = 'http://schemas.microsoft.com/windowsazure';
const NETWORK_NS = 'http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration';
const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
let server: ScriptedServer;
let client: ServiceManagementClient;

before(async () => {
  server = await startScriptedServer();
  client = typedClientForServer(server);
});

after(async () => {
  await client.close();
  await server.close();
});

function operationsPage(ids: string[], token?: string): string {
  const items = ids.map((id) => `<SubscriptionOperation><OperationId>${id}</OperationId><OperationName>CreateHostedService</OperationName><OperationStatus><ID>${id}</ID><Status>Succeeded</Status><HttpStatusCode>200</HttpStatusCode></OperationStatus></SubscriptionOperation>`).join('');
  return `<SubscriptionOperationCollection xmlns="${NS}"><SubscriptionOperations>${items}</SubscriptionOperations>${token ? `<ContinuationToken>${token}</ContinuationToken>` : ''}</SubscriptionOperationCollection>`;
}

test('a paged list is an async iterator that follows ContinuationToken to the last page', async () => {
  server.queue(
    { status: 200, body: operationsPage(['op-1', 'op-2'], 'next page/2') },
    { status: 200, body: operationsPage(['op-3']) },
  );
  const seen: string[] = [];
  const start = new Date('2015-07-01T00:00:00Z');
  for await (const operation of client.paginateListSubscriptionOperations({ StartTime: start, EndTime: '2015-07-02T00:00:00Z' })) {
    seen.push(operation.OperationId!);
  }
  assert.deepEqual(seen, ['op-1', 'op-2', 'op-3']);
  const [first, second] = server.requests.slice(-2).map((r) => new URL(r.path, 'https://x'));
  assert.equal(first!.searchParams.get('StartTime'), '2015-07-01T00:00:00.000Z');
  assert.equal(first!.searchParams.has('ContinuationToken'), false);
  assert.equal(second!.searchParams.get('ContinuationToken'), 'next page/2', 'the token goes back encoded and intact');
});

test('the network configuration reads from text/plain with a BOM and its own namespace, attributes included', async () => {
  const document = `\uFEFF<?xml version="1.0" encoding="utf-8"?><NetworkConfiguration xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="${NETWORK_NS}"><VirtualNetworkConfiguration><Dns><DnsServers><DnsServer name="dns1" IPAddress="10.0.0.4" /></DnsServers></Dns><VirtualNetworkSites><VirtualNetworkSite name="vnet1" Location="West US"><AddressSpace><AddressPrefix>10.0.0.0/8</AddressPrefix></AddressSpace><Subnets><Subnet name="front"><AddressPrefix>10.0.0.0/11</AddressPrefix></Subnet></Subnets></VirtualNetworkSite></VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>`;
  server.queue({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: document });
  const config = await client.getNetworkConfiguration();
  const site = config.VirtualNetworkConfiguration?.VirtualNetworkSites?.[0];
  assert.equal(site?.name, 'vnet1');
  assert.equal(site?.Location, 'West US');
  assert.deepEqual(site?.AddressSpace, ['10.0.0.0/8']);
  assert.equal(site?.Subnets?.[0]?.name, 'front');
  assert.deepEqual(config.VirtualNetworkConfiguration?.Dns?.DnsServers, [{ name: 'dns1', IPAddress: '10.0.0.4' }]);
});

test('the network configuration is sent as octet-stream in its own namespace, with attributes before children', async () => {
  server.queue({ status: 202, headers: { 'x-ms-request-id': 'b7a6d2c1e0f94a8b9c7d6e5f4a3b2c1d' } });
  const config: NetworkConfiguration = {
    VirtualNetworkConfiguration: {
      VirtualNetworkSites: [{ name: 'vnet1', Location: 'West US', AddressSpace: ['10.0.0.0/8'], Subnets: [{ name: 'front', AddressPrefix: '10.0.0.0/11' }] }],
    },
  };
  const accepted = await client.setNetworkConfiguration(config);
  assert.equal(accepted.requestId, 'b7a6d2c1e0f94a8b9c7d6e5f4a3b2c1d');
  const sent = server.requests.at(-1)!;
  assert.equal(sent.method, 'PUT');
  assert.equal(sent.path, `/${SUBSCRIPTION}/services/networking/media`);
  assert.equal(sent.headers['content-type'], 'application/octet-stream');
  assert.match(sent.body, new RegExp(`^<NetworkConfiguration xmlns="${NETWORK_NS.replace(/[.]/g, '\\.')}"`));
  assert.match(sent.body, /<VirtualNetworkSite name="vnet1" Location="West US"><AddressSpace><AddressPrefix>10\.0\.0\.0\/8<\/AddressPrefix><\/AddressSpace><Subnets><Subnet name="front"><AddressPrefix>10\.0\.0\.0\/11<\/AddressPrefix><\/Subnet><\/Subnets><\/VirtualNetworkSite>/);
});
