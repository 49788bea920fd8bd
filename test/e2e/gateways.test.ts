/**
 * The classic VPN gateway end to end through the typed client over HTTPS against the emulator: it needs a
 * GatewaySubnet and is one per vnet; it goes NotProvisioned → Provisioning → Provisioned as its operation
 * completes (polled with GetGatewayOperationStatus, which names the operation); its site-to-site connections,
 * shared keys, IPsec parameters, default sites, diagnostics, client root certificates, VPN client package and
 * device scripts follow the service's rules, with its error bodies.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import { createSelfSignedClientCertificate } from '../../src/emulator/certs.js';
import { ConflictError, ResourceNotFoundError, ServiceError, ServiceManagementClient, type NetworkConfiguration } from '../../generated/index.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { typedClientFor } from '../support/typed-client.js';
import { rejectsWith } from '../support/service-errors.js';

let emulator: Emulator;
let client: ServiceManagementClient;

const document: NetworkConfiguration = {
  VirtualNetworkConfiguration: {
    LocalNetworkSites: [
      { name: 'branch', AddressSpace: ['192.168.10.0/24'], VPNGatewayAddress: '198.51.100.20' },
      { name: 'hq', AddressSpace: ['192.168.20.0/24'], VPNGatewayAddress: '198.51.100.21' },
    ],
    VirtualNetworkSites: [
      {
        name: 'gwnet', Location: 'West US', AddressSpace: ['10.4.0.0/16'],
        Subnets: [{ name: 'web', AddressPrefix: '10.4.1.0/24' }, { name: 'GatewaySubnet', AddressPrefix: '10.4.0.0/29' }],
        Gateway: { VPNClientAddressPool: ['172.16.201.0/24'], ConnectionsToLocalNetwork: [{ name: 'branch' }, { name: 'hq' }] },
      },
      { name: 'nogwsubnet', Location: 'West US', AddressSpace: ['10.5.0.0/16'], Subnets: [{ name: 'web', AddressPrefix: '10.5.1.0/24' }] },
    ],
  },
};

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  await client.setNetworkConfiguration(document, { wait: true });
});

after(async () => {
  await client.close();
  await emulator.close();
});


test('a gateway needs a subnet named GatewaySubnet and a virtual network that exists', async () => {
  await rejectsWith(client.createGateway({ NetworkName: 'nogwsubnet', gatewayType: 'DynamicRouting' }), 400, 'BadRequest', /no subnet named GatewaySubnet/);
  await rejectsWith(client.createGateway({ NetworkName: 'nowhere' }), 404, 'ResourceNotFound', /virtual network nowhere does not exist/);
  await rejectsWith(client.createGateway({ NetworkName: 'gwnet', GatewaySize: 'Huge' }), 400, 'BadRequest', /GatewaySize Huge is not valid/);
});

test('created with 201, the gateway is Provisioning until its operation says Successful, then Provisioned with a VIP', async () => {
  assert.equal((await client.getGateway({ NetworkName: 'gwnet' })).State, 'NotProvisioned');
  const accepted = await client.createGateway({ NetworkName: 'gwnet', gatewayType: 'DynamicRouting', GatewaySize: 'Default' });
  assert.equal(accepted.completed, false);
  assert.equal((await client.getGateway({ NetworkName: 'gwnet' })).State, 'Provisioning');
  await rejectsWith(client.createGateway({ NetworkName: 'gwnet' }), 409, 'ConflictError', /already has a gateway/);

  const running = await client.getGatewayOperationStatus({ OperationId: accepted.requestId });
  assert.equal(running.Status, 'InProgress');
  assert.equal(running.OperationName, 'CreateGateway');
  assert.equal(running.HttpStatusCode, undefined);
  const finished = await accepted.wait();
  assert.equal(finished.status, 'Succeeded');
  const status = await client.getGatewayOperationStatus({ OperationId: accepted.requestId });
  assert.equal(status.Status, 'Successful');
  assert.equal(status.HttpStatusCode, 'OK');
  assert.ok(status.OperationCompletedTime !== undefined && status.OperationStartedTime !== undefined);

  const gateway = await client.getGateway({ NetworkName: 'gwnet' });
  assert.equal(gateway.State, 'Provisioned');
  assert.equal(gateway.GatewayType, 'DynamicRouting');
  assert.equal(gateway.GatewaySize, 'Default');
  assert.match(gateway.VIPAddress ?? '', /^\d+\.\d+\.\d+\.\d+$/);
  assert.match(gateway.GatewayId ?? '', /^[0-9a-f-]{36}$/);
  assert.match(gateway.LastEvent?.Message ?? '', /Successfully created a gateway for the following virtual network: gwnet/);
});

test('a virtual network with a gateway, or its GatewaySubnet, cannot be removed from the network configuration', async () => {
  const sites = document.VirtualNetworkConfiguration!.VirtualNetworkSites!;
  const without = (changed: typeof sites): NetworkConfiguration => ({ VirtualNetworkConfiguration: { ...document.VirtualNetworkConfiguration, VirtualNetworkSites: changed } });
  await rejectsWith(client.setNetworkConfiguration(without(sites.filter((s) => s.name !== 'gwnet')), { wait: true }), 400, 'BadRequest', /Cannot delete or modify virtual network while in use 'gwnet'\./);
  const noGatewaySubnet = sites.map((s) => (s.name === 'gwnet' ? { ...s, Subnets: s.Subnets!.filter((n) => n.name !== 'GatewaySubnet') } : s));
  await rejectsWith(client.setNetworkConfiguration(without(noGatewaySubnet), { wait: true }), 400, 'BadRequest', /Cannot delete or modify subnet while in use 'GatewaySubnet'\./);
  assert.equal((await client.getGateway({ NetworkName: 'gwnet' })).State, 'Provisioned');
});

test('connections are the local sites the vnet names; connect and disconnect change ConnectivityState', async () => {
  const listed = await client.listGatewayConnectionsForNetwork({ NetworkName: 'gwnet' });
  assert.deepEqual(listed.map((c) => [c.LocalNetworkSiteName, c.ConnectivityState]), [['branch', 'NotConnected'], ['hq', 'NotConnected']]);
  await client.connectDisconnectOrTestGateway({ NetworkName: 'gwnet', LocalNetworkName: 'branch', Operation: 'Connect' }, { wait: true });
  const connected = (await client.listGatewayConnectionsForNetwork({ NetworkName: 'gwnet' }))[0]!;
  assert.equal(connected.ConnectivityState, 'Connected');
  assert.ok(connected.LastConnectionEstablished instanceof Date && connected.LastConnectionEstablished.getUTCFullYear() > 2000);
  await client.connectDisconnectOrTestGateway({ NetworkName: 'gwnet', LocalNetworkName: 'branch', Operation: 'Disconnect' }, { wait: true });
  assert.equal((await client.listGatewayConnectionsForNetwork({ NetworkName: 'gwnet' }))[0]!.ConnectivityState, 'NotConnected');
  await rejectsWith(client.connectDisconnectOrTestGateway({ NetworkName: 'gwnet', LocalNetworkName: 'elsewhere', Operation: 'Connect' }), 404, 'ResourceNotFound', /not connected to local network site elsewhere/);
  await rejectsWith(client.connectDisconnectOrTestGateway({ NetworkName: 'gwnet', LocalNetworkName: 'hq', Operation: 'Test', IPAddress: '10.x' }), 400, 'BadRequest', /IPAddress 10\.x to test/);
});

test('shared keys: generated per connection, set, reset to the length asked; never in a list', async () => {
  const first = await client.getGatewaySharedKey({ NetworkName: 'gwnet', LocalNetworkName: 'hq' });
  assert.match(first.Value, /^[A-Za-z0-9]{32}$/);
  assert.deepEqual(await client.getGatewaySharedKey({ NetworkName: 'gwnet', LocalNetworkName: 'hq' }), first);
  await client.setGatewaySharedKey({ NetworkName: 'gwnet', LocalNetworkName: 'hq', Value: 'my-own-key-123' }, { wait: true });
  assert.equal((await client.getGatewaySharedKey({ NetworkName: 'gwnet', LocalNetworkName: 'hq' })).Value, 'my-own-key-123');
  const reset = await client.resetGatewaySharedKey({ NetworkName: 'gwnet', LocalNetworkName: 'hq', KeyLength: 16 }, { wait: true });
  assert.equal(reset.status, 'Succeeded');
  assert.match((await client.getGatewaySharedKey({ NetworkName: 'gwnet', LocalNetworkName: 'hq' })).Value, /^[A-Za-z0-9]{16}$/);
  await rejectsWith(client.resetGatewaySharedKey({ NetworkName: 'gwnet', LocalNetworkName: 'hq', KeyLength: 500 }), 400, 'BadRequest', /KeyLength 500 is not valid/);
});

test('IPsec parameters: the defaults until set, then the values set; values outside the service\'s are refused', async () => {
  assert.deepEqual(await client.getGatewayIPsecParameters({ NetworkName: 'gwnet', LocalNetworkName: 'branch' }), {
    EncryptionType: 'RequireEncryption', PfsGroup: 'None', SADataSizeKilobytes: 102400000, SALifeTimeSeconds: 3600, HashAlgorithm: 'SHA1',
  });
  await client.setGatewayIPsecParameters({ NetworkName: 'gwnet', LocalNetworkName: 'branch', EncryptionType: 'AES256', SALifeTimeSeconds: 7200 }, { wait: true });
  const set = await client.getGatewayIPsecParameters({ NetworkName: 'gwnet', LocalNetworkName: 'branch' });
  assert.equal(set.EncryptionType, 'AES256');
  assert.equal(set.SALifeTimeSeconds, 7200);
  assert.equal(set.PfsGroup, 'None');
  await rejectsWith(client.setGatewayIPsecParameters({ NetworkName: 'gwnet', LocalNetworkName: 'branch', PfsGroup: 'PFS99' }), 400, 'BadRequest', /PfsGroup PFS99 is not valid/);
});

test('default sites: one connected local site, set and removed', async () => {
  await client.setGatewayDefaultSites({ NetworkName: 'gwnet', DefaultSites: ['HQ'] }, { wait: true });
  assert.deepEqual((await client.getGateway({ NetworkName: 'gwnet' })).DefaultSites, ['hq']);
  await rejectsWith(client.setGatewayDefaultSites({ NetworkName: 'gwnet', DefaultSites: ['mars'] }), 400, 'BadRequest', /default site mars is not a local network site/);
  await client.removeGatewayDefaultSites({ NetworkName: 'gwnet' }, { wait: true });
  assert.deepEqual((await client.getGateway({ NetworkName: 'gwnet' })).DefaultSites, []);
});

test('diagnostics: Ready, capturing after start, stopping, then Ready with the URL of the data in the container asked for', async () => {
  // The service wrote an empty PublicDiagnosticsUrl while there was no data (recorded).
  assert.deepEqual(await client.getGatewayDiagnostics({ NetworkName: 'gwnet' }), { PublicDiagnosticsUrl: '', State: 'Ready' });
  const start = { NetworkName: 'gwnet', Operation: 'StartDiagnostics' as const, CaptureDurationInSeconds: 60, ContainerName: 'captures', CustomerStorageName: 'diagstore', CustomerStorageKey: 'c2VjcmV0LWtleQ==' };
  await rejectsWith(client.startGatewayDiagnostics({ ...start, CaptureDurationInSeconds: 0 }), 400, 'BadRequest', /CaptureDurationInSeconds 0 is not valid/);
  await rejectsWith(client.stopGatewayDiagnostics({ NetworkName: 'gwnet', Operation: 'StopDiagnostics' }), 400, 'BadRequest', /No diagnostics capture is running/);
  await client.startGatewayDiagnostics(start, { wait: true });
  assert.equal((await client.getGatewayDiagnostics({ NetworkName: 'gwnet' })).State, 'StartInProgress');
  await rejectsWith(client.startGatewayDiagnostics(start), 400, 'BadRequest', /already running/);
  const stop = await client.stopGatewayDiagnostics({ NetworkName: 'gwnet', Operation: 'StopDiagnostics' });
  assert.equal((await client.getGatewayDiagnostics({ NetworkName: 'gwnet' })).State, 'StopInProgress');
  await stop.wait();
  const ready = await client.getGatewayDiagnostics({ NetworkName: 'gwnet' });
  assert.equal(ready.State, 'Ready');
  assert.match(ready.PublicDiagnosticsUrl ?? '', /^https:\/\/diagstore\.blob\.core\.windows\.net\/captures\/.+\?.*sig=/);
  assert.ok(!(ready.PublicDiagnosticsUrl ?? '').includes('c2VjcmV0LWtleQ'));
});

test('client root certificates: uploaded as .cer base64, listed by thumbprint, read back, deleted; bad or repeated ones refused', async () => {
  const root = createSelfSignedClientCertificate('P2S Root');
  const der = root.cert.replace(/-----[^-]+-----|\s/g, '');
  await client.addClientRootCertificate({ NetworkName: 'gwnet', Certificate: der }, { wait: true });
  const [listed] = await client.listClientRootCertificates({ NetworkName: 'gwnet' });
  assert.equal(listed?.Thumbprint, root.thumbprint);
  assert.match(listed?.Subject ?? '', /CN=P2S Root/);
  assert.ok(listed?.ExpirationTime instanceof Date);
  assert.equal(await client.getClientRootCertificate({ NetworkName: 'gwnet', CertificateThumbprint: root.thumbprint.toLowerCase() }), der);
  await assert.rejects(client.addClientRootCertificate({ NetworkName: 'gwnet', Certificate: der }), ConflictError);
  await rejectsWith(client.addClientRootCertificate({ NetworkName: 'gwnet', Certificate: 'bm90IGEgY2VydA==' }), 400, 'BadRequest', /not a valid X\.509 certificate/);

  const url = await vpnClientPackageUrl();
  assert.match(url, /^https:\/\/.+\/amd64\/.+\.exe\?.*sig=/);

  const deleted = await client.deleteClientRootCertificate({ NetworkName: 'gwnet', CertificateThumbprint: root.thumbprint });
  const deletion = await client.getGatewayOperationStatus({ OperationId: deleted.ID! });
  assert.deepEqual([deletion.OperationName, deletion.Status], ['DeleteClientRootCertificate', 'Successful']);
  assert.deepEqual(await client.listClientRootCertificates({ NetworkName: 'gwnet' }), []);
  await assert.rejects(client.getClientRootCertificate({ NetworkName: 'gwnet', CertificateThumbprint: root.thumbprint }), ResourceNotFoundError);
  await rejectsWith(client.generateVpnClientPackage({ NetworkName: 'gwnet', ProcessorArchitecture: 'X86' }), 400, 'BadRequest', /no client root certificate/);
});

async function vpnClientPackageUrl(): Promise<string> {
  const accepted = await client.generateVpnClientPackage({ NetworkName: 'gwnet', ProcessorArchitecture: 'Amd64' });
  await accepted.wait();
  const status = await client.getGatewayOperationStatus({ OperationId: accepted.requestId });
  assert.equal(status.OperationName, 'GenerateVpnClientPackage');
  return status.Data ?? '';
}

test('device scripts: the listed devices only, in their syntax, with the gateway VIP and the shared key left as a placeholder', async () => {
  const devices = await client.listSupportedVpnDevices();
  assert.deepEqual(devices.Vendor?.map((v) => v.name), ['Cisco Systems, Inc.', 'Juniper Networks, Inc.', 'Microsoft Corporation']);
  const { VIPAddress } = await client.getGateway({ NetworkName: 'gwnet' });
  const script = await client.getGatewayDeviceConfigurationScript({
    NetworkName: 'gwnet', Vendor: 'Cisco Systems, Inc.', Platform: 'ASA 5500 Series Adaptive Security Appliances', OSFamily: 'ASA Software 8.3',
  });
  assert.match(script, new RegExp(`set peer ${VIPAddress!.replace(/\./g, '\\.')}`));
  assert.match(script, /network-object 10\.4\.0\.0 255\.255\.0\.0/);
  assert.match(script, /network-object 192\.168\.10\.0 255\.255\.255\.0/);
  assert.match(script, /pre-shared-key <SP_PresharedKey>/);
  const key = (await client.getGatewaySharedKey({ NetworkName: 'gwnet', LocalNetworkName: 'branch' })).Value;
  assert.ok(!script.includes(key));
  await rejectsWith(client.getGatewayDeviceConfigurationScript({ NetworkName: 'gwnet', Vendor: 'Acme', Platform: 'X', OSFamily: 'Y' }), 400, 'BadRequest', /no configuration script for vendor 'Acme'/);
});

test('resize, reset and failover are asynchronous on a provisioned gateway; delete goes through Deprovisioning', async () => {
  await rejectsWith(client.resizeGateway({ NetworkName: 'gwnet', GatewaySize: 'Tiny' }), 400, 'BadRequest', /GatewaySize Tiny/);
  await client.resizeGateway({ NetworkName: 'gwnet', GatewaySize: 'HighPerformance' }, { wait: true });
  assert.equal((await client.getGateway({ NetworkName: 'gwnet' })).GatewaySize, 'HighPerformance');
  const reset = await client.resetGateway({ NetworkName: 'gwnet' });
  await rejectsWith(client.failoverGateway({ NetworkName: 'gwnet', UpdateGatewayOperation: 'Failover' }), 409, 'ConflictError', /currently performing an operation/);
  await reset.wait();
  await client.failoverGateway({ NetworkName: 'gwnet', UpdateGatewayOperation: 'Failover' }, { wait: true });
  assert.match((await client.getGateway({ NetworkName: 'gwnet' })).LastEvent?.Message ?? '', /failed over/);

  const deletion = await client.deleteGateway({ NetworkName: 'gwnet' });
  assert.equal((await client.getGateway({ NetworkName: 'gwnet' })).State, 'Deprovisioning');
  await deletion.wait();
  assert.equal((await client.getGateway({ NetworkName: 'gwnet' })).State, 'NotProvisioned');
  await rejectsWith(client.listGatewayConnectionsForNetwork({ NetworkName: 'gwnet' }), 404, 'ResourceNotFound', /^The gateway does not exist\.$/);
  await rejectsWith(client.deleteGateway({ NetworkName: 'gwnet' }), 404, 'ResourceNotFound', /The gateway does not exist/);
});
