/**
 * Route tables, routes in effect and IP forwarding end to end through the typed client over HTTPS against the
 * emulator: tables created asynchronously with names unique in the subscription, routes checked (a CIDR
 * prefix; VirtualAppliance needs the appliance's address, the other next hops take none), a subnet takes one
 * table, a table in use cannot be deleted; a role instance's routes in effect are its virtual network's system
 * routes and its subnet's user routes; IP forwarding on a VM and its interface; route table migration.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ServiceManagementClient } from '../../generated/index.js';
import type { Emulator } from '../../src/emulator/server.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { rejectsWith, setVirtualNetwork, vmInSubnet, VNET } from '../support/network-fixtures.js';
import { typedClientFor } from '../support/typed-client.js';

let emulator: Emulator;
let client: ServiceManagementClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  await setVirtualNetwork(client);
  await vmInSubnet(emulator, client, 'rtsvc', 'rtstore');
});

after(async () => {
  await client.close();
  await emulator.close();
});

const table = { RouteTableName: 'rt1' };
const subnet = { VirtualNetworkName: VNET, SubnetName: 'front' };
const instance = { ServiceName: 'rtsvc', DeploymentName: 'd1', RoleInstanceName: 'sampleRole' };

test('a route table is created asynchronously, listed, and read in full with its routes', async () => {
  const accepted = await client.createRouteTable({ Name: 'rt1', Label: 'to the appliance', Location: 'West US' });
  await rejectsWith(client.getRouteTable(table), 404, 'ResourceNotFound', /route table rt1 does not exist/);
  await accepted.wait();
  assert.deepEqual(await client.listRouteTables(), [{ Name: 'rt1', Label: 'to the appliance', Location: 'West US', RouteTableState: 'Created' }]);
  await rejectsWith(client.createRouteTable({ Name: 'RT1', Location: 'West US' }), 409, 'ConflictError', /route table named RT1 already exists/);

  await client.setRoute({ ...table, RouteName: 'to-fw', AddressPrefix: '0.0.0.0/0', NextHopType: { Type: 'virtualappliance', IpAddress: '10.4.2.4' } }, { wait: true });
  await client.setRoute({ ...table, RouteName: 'blackhole', AddressPrefix: '192.0.2.0/24', NextHopType: { Type: 'Null' } }, { wait: true });
  const full = await client.getRouteTable({ ...table, DetailLevel: 'full' });
  assert.deepEqual(full.RouteList, [
    { Name: 'to-fw', AddressPrefix: '0.0.0.0/0', NextHopType: { Type: 'VirtualAppliance', IpAddress: '10.4.2.4' }, RouteState: 'Active' },
    { Name: 'blackhole', AddressPrefix: '192.0.2.0/24', NextHopType: { Type: 'Null' }, RouteState: 'Active' },
  ]);
  assert.equal((await client.getRouteTable(table)).RouteList, undefined);
});

test('routes breaking the rules are refused with 400 naming the field', async () => {
  const set = (change: object) => client.setRoute({ ...table, RouteName: 'bad', AddressPrefix: '10.9.0.0/16', NextHopType: { Type: 'Internet' }, ...change });
  await rejectsWith(set({ AddressPrefix: '10.9.0.0' }), 400, 'BadRequest', /AddressPrefix 10\.9\.0\.0 of route bad is not valid/);
  await rejectsWith(set({ NextHopType: { Type: 'Wormhole' } }), 400, 'BadRequest', /NextHopType Type Wormhole of route bad .*VirtualAppliance, VPNGateway, Internet, VNETLocal, Null/);
  await rejectsWith(set({ NextHopType: { Type: 'VirtualAppliance' } }), 400, 'BadRequest', /next hop VirtualAppliance, which needs the appliance's IPv4 address/);
  await rejectsWith(set({ NextHopType: { Type: 'Internet', IpAddress: '10.4.2.4' } }), 400, 'BadRequest', /next hop Internet, which takes no NextHopType IpAddress/);
  await rejectsWith(client.deleteRoute({ ...table, RouteName: 'bad' }), 404, 'ResourceNotFound', /route bad does not exist in route table rt1/);
});

test('routes in effect: the network\'s system routes, then the subnet\'s table, whose 0.0.0.0/0 overrides the default', async () => {
  const before = await client.getEffectiveRouteTableForRoleInstance(instance);
  assert.deepEqual(before.EffectiveRouteList, [
    { Source: 'Default', Status: 'Active', AddressPrefixes: ['10.4.0.0/16'], EffectiveNextHop: { Type: 'VNETLocal' } },
    { Source: 'Default', Status: 'Active', AddressPrefixes: ['0.0.0.0/0'], EffectiveNextHop: { Type: 'Internet' } },
  ]);
  await rejectsWith(client.getRouteTableForSubnet(subnet), 404, 'ResourceNotFound', /subnet front of virtual network secnet has no route table/);
  await client.addRouteTableToSubnet({ ...subnet, RouteTableName: 'rt1' }, { wait: true });
  assert.deepEqual(await client.getRouteTableForSubnet(subnet), { RouteTableName: 'rt1' });
  const after = (await client.getEffectiveRouteTableForRoleInstance(instance)).EffectiveRouteList!;
  assert.deepEqual(after.map((r) => [r.Name, r.Source, r.Status, r.AddressPrefixes?.[0], r.EffectiveNextHop?.Type, r.EffectiveNextHop?.IPAddresses]), [
    [undefined, 'Default', 'Active', '10.4.0.0/16', 'VNETLocal', undefined],
    [undefined, 'Default', 'Invalid', '0.0.0.0/0', 'Internet', undefined],
    ['to-fw', 'User', 'Active', '0.0.0.0/0', 'VirtualAppliance', ['10.4.2.4']],
    ['blackhole', 'User', 'Active', '192.0.2.0/24', 'Null', undefined],
  ]);
  const nicRoutes = await client.getEffectiveRouteTableForNetworkInterface({ ...instance, NetworkInterfaceName: 'nic2' });
  assert.equal(nicRoutes.EffectiveRouteList?.length, 2, 'nic2 is in subnet back, which has no table');
  await rejectsWith(client.getEffectiveRouteTableForNetworkInterface({ ...instance, NetworkInterfaceName: 'nic9' }), 404, 'ResourceNotFound', /network interface nic9/);
  await rejectsWith(client.getEffectiveRouteTableForRoleInstance({ ...instance, RoleInstanceName: 'ghost' }), 404, 'ResourceNotFound', /role instance ghost does not exist/);
});

test('a table in use cannot be deleted, nor migrated; removed from the subnet it can be', async () => {
  await client.createRouteTable({ Name: 'rt2', Location: 'West US' }, { wait: true });
  await rejectsWith(client.addRouteTableToSubnet({ ...subnet, RouteTableName: 'rt2' }), 400, 'BadRequest', /already has route table rt1; remove it first/);
  await rejectsWith(client.deleteRouteTable(table), 400, 'BadRequest', /rt1 is in use by subnet front of virtual network secnet/);
  const messages = await client.validateRouteTableMigration(table);
  assert.deepEqual(messages.map((m) => [m.ResourceType, m.ResourceName, m.Category]), [['RouteTable', 'rt1', 'Error']]);
  await rejectsWith(client.prepareRouteTableMigration(table), 400, 'BadRequest', /cannot be prepared for migration: it is associated with subnet front/);
  await client.removeRouteTableFromSubnet(subnet, { wait: true });
  await rejectsWith(client.removeRouteTableFromSubnet(subnet), 404, 'ResourceNotFound', /has no route table/);
  await client.prepareRouteTableMigration(table, { wait: true });
  await client.commitRouteTableMigration(table, { wait: true });
  await client.deleteRoute({ RouteTableName: 'rt2', RouteName: 'none' }).then(() => assert.fail('no such route'), () => undefined);
  await client.deleteRouteTable({ RouteTableName: 'rt2' }, { wait: true });
  assert.deepEqual(await client.listRouteTables(), []);
});

test('IP forwarding: Disabled until set, on the VM and on its interface apart; a VM outside a network cannot forward', async () => {
  const role = { ServiceName: 'rtsvc', DeploymentName: 'd1', RoleName: 'sampleRole' };
  const nic = { ...role, NetworkInterfaceName: 'nic2' };
  assert.deepEqual(await client.getIPForwardingForRole(role), { State: 'Disabled' });
  await client.setIPForwardingOnRole({ ...role, State: 'Enabled' }, { wait: true });
  assert.deepEqual(await client.getIPForwardingForRole(role), { State: 'Enabled' });
  assert.deepEqual(await client.getIPForwardingForNetworkInterface(nic), { State: 'Disabled' });
  await client.setIPForwardingOnNetworkInterface({ ...nic, State: 'Enabled' }, { wait: true });
  assert.deepEqual(await client.getIPForwardingForNetworkInterface(nic), { State: 'Enabled' });
  const network = (await client.getRole(role)).ConfigurationSets?.find((s) => s.ConfigurationSetType === 'NetworkConfiguration') as { IPForwarding?: string };
  assert.equal(network.IPForwarding, 'Enabled');
  await rejectsWith(client.getIPForwardingForNetworkInterface({ ...role, NetworkInterfaceName: 'nic9' }), 404, 'ResourceNotFound', /network interface nic9 does not exist/);

  const deployment = emulator.state.subscription(emulator.subscriptionId)!.hostedServices.get('rtsvc')!.deployments.get('d1')!;
  delete deployment.VirtualNetworkName;
  await rejectsWith(client.setIPForwardingOnRole({ ...role, State: 'Disabled' }), 400, 'BadRequest', /IP forwarding applies to virtual machines in a virtual network; deployment d1/);
  deployment.VirtualNetworkName = VNET;
});
