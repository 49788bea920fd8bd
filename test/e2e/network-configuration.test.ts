/**
 * The network configuration document end to end through the typed client over HTTPS against the emulator: it is
 * set asynchronously, read back in document order, replaced as a whole, and a document naming a site twice is
 * refused before anything changes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, request } from 'undici';
import type { Emulator } from '../../src/emulator/server.js';
import { ServiceError, ServiceManagementClient, type NetworkConfiguration } from '../../generated/index.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { typedClientFor } from '../support/typed-client.js';

let emulator: Emulator;
let client: ServiceManagementClient;

before(async () => {
  emulator = await startTestEmulator();
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
});

after(async () => {
  await client.close();
  await emulator.close();
});

const document: NetworkConfiguration = {
  VirtualNetworkConfiguration: {
    Dns: { DnsServers: [{ name: 'dns1', IPAddress: '10.0.0.4' }] },
    LocalNetworkSites: [{ name: 'onprem', AddressSpace: ['192.168.0.0/16'], VPNGatewayAddress: '203.0.113.1' }],
    VirtualNetworkSites: [
      { name: 'vnet-b', Location: 'West US', AddressSpace: ['10.1.0.0/16'], Subnets: [{ name: 'web', AddressPrefix: '10.1.0.0/24' }] },
      { name: 'vnet-a', Location: 'West US', AddressSpace: ['10.2.0.0/16'], Subnets: [{ name: 'db', AddressPrefix: '10.2.1.0/24' }], DnsServersRef: [{ name: 'dns1' }] },
    ],
  },
};

test('the document set is the document read, sites in the order given', async () => {
  await client.setNetworkConfiguration(document, { wait: true });
  assert.deepEqual(await client.getNetworkConfiguration(), document);
});

test('a new document replaces the old one as a whole', async () => {
  const next: NetworkConfiguration = { VirtualNetworkConfiguration: { Dns: document.VirtualNetworkConfiguration!.Dns, VirtualNetworkSites: [document.VirtualNetworkConfiguration!.VirtualNetworkSites![1]!] } };
  await client.setNetworkConfiguration(next, { wait: true });
  assert.deepEqual(await client.getNetworkConfiguration(), next);
});

test('a document that names a virtual network twice is refused with 400 and changes nothing', async () => {
  const before = await client.getNetworkConfiguration();
  const twice: NetworkConfiguration = {
    VirtualNetworkConfiguration: { VirtualNetworkSites: [{ name: 'dup', Location: 'West US' }, { name: 'DUP', Location: 'West US' }] },
  };
  await assert.rejects(client.setNetworkConfiguration(twice, { wait: true }), (err: unknown) => {
    assert.ok(err instanceof ServiceError);
    assert.equal(err.statusCode, 400);
    assert.match(err.detail, /VirtualNetworkSite DUP more than once/);
    return true;
  });
  assert.deepEqual(await client.getNetworkConfiguration(), before);
});

test('the document is served as the service served it: text/plain, a BOM and an XML declaration, then the document', async () => {
  const agent = new Agent({ connect: { ca: emulator.caCert, cert: emulator.clientCert.cert, key: emulator.clientCert.key } });
  try {
    const answer = await request(`${emulator.url}/${emulator.subscriptionId}/services/networking/media`, { headers: { 'x-ms-version': '2014-10-01' }, dispatcher: agent });
    assert.equal(answer.headers['content-type'], 'text/plain');
    // The bytes, not text(): a text decoder would drop the BOM.
    const bytes = Buffer.from(await answer.body.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(bytes.subarray(3).toString('utf8'), /^<\?xml version="1\.0" encoding="utf-8"\?>\r\n<NetworkConfiguration /);
  } finally {
    await agent.close();
  }
  assert.ok((await client.getNetworkConfiguration()).VirtualNetworkConfiguration !== undefined, 'the typed client reads it');
});

test('a document without DNS servers still holds an empty <Dns />, as every recorded answer does (the classic CLI reads Dns.DnsServers)', async () => {
  const fresh = await startTestEmulator();
  const agent = new Agent({ connect: { ca: fresh.caCert, cert: fresh.clientCert.cert, key: fresh.clientCert.key } });
  const read = async (): Promise<string> => {
    const answer = await request(`${fresh.url}/${fresh.subscriptionId}/services/networking/media`, { headers: { 'x-ms-version': '2014-10-01' }, dispatcher: agent });
    return answer.body.text();
  };
  const freshClient = typedClientFor(fresh, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  try {
    assert.match(await read(), /<VirtualNetworkConfiguration>\s*<Dns\s*\/>\s*<\/VirtualNetworkConfiguration>/);
    await freshClient.setNetworkConfiguration({ VirtualNetworkConfiguration: { VirtualNetworkSites: [{ name: 'only', Location: 'West US', AddressSpace: ['10.3.0.0/16'] }] } }, { wait: true });
    assert.match(await read(), /<VirtualNetworkConfiguration>\s*<Dns\s*\/>\s*<VirtualNetworkSites>/);
  } finally {
    await freshClient.close();
    await agent.close();
    await fresh.close();
  }
});
