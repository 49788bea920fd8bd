/**
 * Virtual network gateways (V2) end to end through the typed client over HTTPS against the emulator: created on a
 * vnet's GatewaySubnet with a GatewayId, one gateway per vnet whichever API made it, Provisioning → Provisioned;
 * their connections need both ends; shared keys and IPsec parameters of a connection; reset, resize,
 * diagnostics; delete refused while a connection uses the gateway. `gatewayOf` tells other families a vnet has one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import { gatewayOf } from '../../src/emulator/network/gateways.js';
import { ResourceNotFoundError, ServiceError, ServiceManagementClient, type NetworkConfiguration } from '../../generated/index.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { typedClientFor } from '../support/typed-client.js';
import { rejectsWith } from '../support/service-errors.js';

let emulator: Emulator;
let client: ServiceManagementClient;

const document: NetworkConfiguration = {
  VirtualNetworkConfiguration: {
    VirtualNetworkSites: [
      { name: 'v2net', Location: 'East US', AddressSpace: ['10.8.0.0/16'], Subnets: [{ name: 'GatewaySubnet', AddressPrefix: '10.8.0.0/28' }] },
      { name: 'plain', Location: 'East US', AddressSpace: ['10.9.0.0/16'], Subnets: [{ name: 'web', AddressPrefix: '10.9.0.0/24' }] },
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


let gatewayId = '';

test('created on a vnet with a GatewaySubnet: listed at once with its GatewayId, Provisioned when the operation completes', async () => {
  await rejectsWith(client.createVirtualNetworkGateway({ NetworkName: 'plain', GatewayName: 'gw-plain' }), 400, /no subnet named GatewaySubnet/);
  const accepted = await client.createVirtualNetworkGateway({ NetworkName: 'v2net', GatewayName: 'gw1', GatewayType: 'DynamicRouting', GatewaySize: 'Standard' });
  const [listed] = await client.listVirtualNetworkGateways();
  assert.equal(listed?.State, 'Provisioning');
  gatewayId = listed!.GatewayId!;
  assert.match(gatewayId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  await rejectsWith(client.createGateway({ NetworkName: 'v2net' }), 409, /already has a gateway/);
  await accepted.wait();
  const gateway = await client.getVirtualNetworkGateway({ GatewayId: gatewayId });
  assert.equal(gateway.State, 'Provisioned');
  assert.equal(gateway.GatewayName, 'gw1');
  assert.equal(gateway.GatewaySize, 'Standard');
  assert.equal(gateway.Location, 'East US');
  assert.match(gateway.VIPAddress ?? '', /^\d+\.\d+\.\d+\.\d+$/);
  // The site's id (ListVirtualNetworkSites shows it; read here from the emulator's state).
  assert.equal(gateway.VnetId, emulator.state.subscription(emulator.subscriptionId)?.virtualNetworkSites.get('v2net')?.Id);
  assert.equal(gatewayOf(emulator.state.subscription(emulator.subscriptionId)!, 'V2NET')?.GatewayId, gatewayId);
  assert.equal(gatewayOf(emulator.state.subscription(emulator.subscriptionId)!, 'plain'), undefined);
  await assert.rejects(client.getVirtualNetworkGateway({ GatewayId: '00000000-0000-4000-8000-000000000000' }), ResourceNotFoundError);
});

test('connections need an existing virtual network gateway; their shared key and IPsec parameters are read and changed through it', async () => {
  const local = await client.createLocalNetworkGateway({ GatewayName: 'site1', IpAddress: '198.51.100.40', AddressSpace: ['192.168.40.0/24'] });
  const unknown = client.createGatewayConnection({ GatewayConnectionName: 'c0', VirtualNetworkGatewayId: '00000000-0000-4000-8000-000000000000', ConnectedEntityId: local });
  await rejectsWith(unknown, 404, /^The gateway does not exist\.$/);
  await client.createGatewayConnection({ GatewayConnectionName: 'c1', VirtualNetworkGatewayId: gatewayId, ConnectedEntityId: local, GatewayConnectionType: 'IPsec' }, { wait: true });

  const pair = { GatewayId: gatewayId, ConnectedEntityId: local };
  const generated = await client.getVirtualNetworkGatewaySharedKey(pair);
  assert.match(generated.Value, /^[A-Za-z0-9]{32}$/);
  await client.setVirtualNetworkGatewaySharedKey({ ...pair, Value: 'v2-key-abc' }, { wait: true });
  assert.equal((await client.getVirtualNetworkGatewaySharedKey(pair)).Value, 'v2-key-abc');
  assert.equal((await client.getGatewayConnection(pair)).SharedKey, undefined);
  await client.resetVirtualNetworkGatewaySharedKey({ ...pair, KeyLength: 20 }, { wait: true });
  assert.match((await client.getVirtualNetworkGatewaySharedKey(pair)).Value, /^[A-Za-z0-9]{20}$/);

  assert.equal((await client.getVirtualNetworkGatewayIPsecParameters(pair)).EncryptionType, 'RequireEncryption');
  await client.setVirtualNetworkGatewayIPsecParameters({ ...pair, HashAlgorithm: 'SHA256', SADataSizeKilobytes: 4096 }, { wait: true });
  const ipsec = await client.getVirtualNetworkGatewayIPsecParameters(pair);
  assert.deepEqual([ipsec.HashAlgorithm, ipsec.SADataSizeKilobytes], ['SHA256', 4096]);
  await rejectsWith(client.setVirtualNetworkGatewayIPsecParameters({ ...pair, SALifeTimeSeconds: 10 }), 400, /SALifeTimeSeconds 10 is not valid/);
  await rejectsWith(client.getVirtualNetworkGatewaySharedKey({ GatewayId: gatewayId, ConnectedEntityId: 'nobody' }), 404, /no gateway connection/);

  await rejectsWith(client.deleteVirtualNetworkGateway({ GatewayId: gatewayId }), 400, /used by gateway connection c1/);
  await client.deleteGatewayConnection(pair, { wait: true });
});

test('reset, resize and diagnostics; delete goes through Deprovisioning and frees the vnet for another gateway', async () => {
  await client.resizeVirtualNetworkGateway({ GatewayId: gatewayId, GatewaySize: 'HighPerformance' }, { wait: true });
  assert.equal((await client.getVirtualNetworkGateway({ GatewayId: gatewayId })).GatewaySize, 'HighPerformance');
  await client.resetVirtualNetworkGateway({ GatewayId: gatewayId }, { wait: true });
  assert.match((await client.getVirtualNetworkGateway({ GatewayId: gatewayId })).LastEvent?.Message ?? '', /was reset/);

  await client.startVirtualNetworkGatewayDiagnostics({
    GatewayId: gatewayId, Operation: 'StartDiagnostics', CaptureDurationInSeconds: 30, ContainerName: 'v2diag', CustomerStorageName: 'v2store', CustomerStorageKey: 'a2V5',
  }, { wait: true });
  assert.equal((await client.getVirtualNetworkGatewayDiagnostics({ GatewayId: gatewayId })).State, 'StartInProgress');
  await client.stopVirtualNetworkGatewayDiagnostics({ GatewayId: gatewayId, Operation: 'StopDiagnostics' }, { wait: true });
  assert.match((await client.getVirtualNetworkGatewayDiagnostics({ GatewayId: gatewayId })).PublicDiagnosticsUrl ?? '', /^https:\/\/v2store\.blob\.core\.windows\.net\/v2diag\//);

  const deletion = await client.deleteVirtualNetworkGateway({ GatewayId: gatewayId });
  assert.equal((await client.getVirtualNetworkGateway({ GatewayId: gatewayId })).State, 'Deprovisioning');
  await deletion.wait();
  await assert.rejects(client.getVirtualNetworkGateway({ GatewayId: gatewayId }), ResourceNotFoundError);
  assert.equal(gatewayOf(emulator.state.subscription(emulator.subscriptionId)!, 'v2net'), undefined);
  await client.createGateway({ NetworkName: 'v2net' }, { wait: true });
  assert.equal((await client.getGateway({ NetworkName: 'v2net' })).GatewayType, 'StaticRouting');
});
