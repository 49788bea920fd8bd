/**
 * Virtual networks end to end through the typed client over HTTPS against the emulator: the service's rules for
 * the network configuration document (places, CIDR prefixes, subnets inside their site and not overlapping,
 * references, limits, sites and subnets in use), ListVirtualNetworkSites derived from it, VMs deployed into a
 * subnet (addresses from .4 up, static addresses honoured and refused when taken or outside the subnet),
 * CheckStaticIPAvailability, and the migration of a virtual network with its deployments.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import { ServiceError, ServiceManagementClient, type ConfigurationSet, type NetworkConfiguration, type Role, type VirtualNetworkSiteConfiguration } from '../../generated/index.js';
import { provisioningSet, SEED_IMAGE, vhdUrl } from '../../tools/demo/seed-vm.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { typedClientFor } from '../support/typed-client.js';
import { rejectsWith } from '../support/service-errors.js';

let emulator: Emulator;
let client: ServiceManagementClient;
const STORE = 'vnetstore';

before(async () => {
  emulator = await startTestEmulator();
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  await client.createStorageAccount({ ServiceName: STORE, Label: STORE, Location: 'West US' }, { wait: true });
  await client.createAffinityGroup({ Name: 'vnet-group', Label: 'group', Location: 'West US' });
});

after(async () => {
  await client.close();
  await emulator.close();
});


const web: VirtualNetworkSiteConfiguration = {
  name: 'corp', Location: 'West US', AddressSpace: ['10.4.0.0/16'],
  Subnets: [{ name: 'front', AddressPrefix: '10.4.0.0/24' }, { name: 'back', AddressPrefix: '10.4.1.0/24' }], DnsServersRef: [{ name: 'dns1' }],
  Gateway: { ConnectionsToLocalNetwork: [{ name: 'office', Connection: { type: 'IPsec' } }] },
};

function documentWith(...sites: VirtualNetworkSiteConfiguration[]): NetworkConfiguration {
  return {
    VirtualNetworkConfiguration: {
      Dns: { DnsServers: [{ name: 'dns1', IPAddress: '10.4.0.10' }] },
      LocalNetworkSites: [{ name: 'office', AddressSpace: ['192.168.0.0/16'], VPNGatewayAddress: '203.0.113.5' }],
      VirtualNetworkSites: sites,
    },
  };
}

function vm(name: string, network: Omit<Extract<ConfigurationSet, { ConfigurationSetType: 'NetworkConfiguration' }>, 'ConfigurationSetType'>): Role {
  return {
    RoleName: name, RoleSize: 'Small', ProvisionGuestAgent: true,
    OSVirtualHardDisk: { SourceImageName: SEED_IMAGE, MediaLink: vhdUrl(STORE, `${name}-os.vhd`) },
    ConfigurationSets: [provisioningSet(name.slice(0, 15)), { ConfigurationSetType: 'NetworkConfiguration', ...network }],
  };
}

async function deployInto(service: string, network: string | undefined, roles: Role[]): Promise<void> {
  await client.createHostedService({ ServiceName: service, Label: service, Location: 'West US' });
  await client.createVirtualMachineDeployment({
    ServiceName: service, Name: service, DeploymentSlot: 'Production', Label: service, RoleList: roles, ...(network === undefined ? {} : { VirtualNetworkName: network }),
  }, { wait: true });
}

test('a document breaking a rule is refused with 400 naming the rule, and nothing changes', async () => {
  const before = await client.getNetworkConfiguration();
  const cases: Array<[VirtualNetworkSiteConfiguration, RegExp]> = [
    [{ ...web, Location: 'Atlantis' }, /location Atlantis of virtual network corp is not valid/],
    [{ ...web, Location: undefined }, /must name either a Location or an AffinityGroup/],
    [{ ...web, Location: undefined, AffinityGroup: 'nogroup' }, /affinity group nogroup of virtual network corp does not exist/],
    [{ ...web, AddressSpace: ['10.4.0.0/33'] }, /10\.4\.0\.0\/33 of the address space of virtual network corp is not a valid CIDR prefix/],
    [{ ...web, Subnets: [{ name: 'out', AddressPrefix: '10.5.0.0/24' }] }, /subnet out \(10\.5\.0\.0\/24\) is not inside the address space of virtual network corp/],
    [{ ...web, Subnets: [{ name: 'a', AddressPrefix: '10.4.0.0/23' }, { name: 'b', AddressPrefix: '10.4.1.0/24' }] }, /subnet of virtual network corp a \(10\.4\.0\.0\/23\) overlaps b \(10\.4\.1\.0\/24\)/],
    [{ ...web, DnsServersRef: [{ name: 'nodns' }] }, /DNS server nodns referenced by virtual network corp is not defined/],
    [{ ...web, Gateway: { ConnectionsToLocalNetwork: [{ name: 'nowhere' }] } }, /local network site nowhere referenced by virtual network corp is not defined/],
  ];
  for (const [site, pattern] of cases) await rejectsWith(client.setNetworkConfiguration(documentWith(site)), 400, pattern);
  const limits = emulator.state.subscription(emulator.subscriptionId)!.properties;
  const saved = limits.MaxVirtualNetworkSites;
  limits.MaxVirtualNetworkSites = 1;
  try {
    await rejectsWith(client.setNetworkConfiguration(documentWith(web, { ...web, name: 'second', AddressSpace: ['10.9.0.0/16'], Subnets: [] })), 400, /2 virtual network sites; the subscription allows at most 1/);
  } finally {
    limits.MaxVirtualNetworkSites = saved;
  }
  assert.deepEqual(await client.getNetworkConfiguration(), before);
});

test('ListVirtualNetworkSites derives each site from the document: id, state, space, subnets, DNS servers, gateway sites', async () => {
  await client.setNetworkConfiguration(documentWith(web, { name: 'grouped', AffinityGroup: 'vnet-group', AddressSpace: ['172.16.0.0/12'] }), { wait: true });
  const [corp, grouped] = await client.listVirtualNetworkSites();
  assert.match(corp!.Id!, /^[0-9a-f-]{36}$/);
  assert.deepEqual({ ...corp, Id: undefined }, {
    Name: 'corp', Id: undefined, State: 'Created', AddressSpace: { AddressPrefixes: ['10.4.0.0/16'] },
    Subnets: [{ Name: 'front', AddressPrefix: '10.4.0.0/24' }, { Name: 'back', AddressPrefix: '10.4.1.0/24' }],
    Dns: { DnsServers: [{ Name: 'dns1', Address: '10.4.0.10' }] },
    Gateway: {
      Sites: [{ Name: 'office', AddressSpace: { AddressPrefixes: ['192.168.0.0/16'] }, VpnGatewayAddress: '203.0.113.5', Connections: [{ Type: 'IPsec' }] }],
      VPNClientAddressPool: { AddressPrefixes: [] }, VnetNames: [],
    },
    Location: 'West US',
  });
  assert.equal(grouped!.AffinityGroup, 'vnet-group');
  assert.equal(grouped!.InUse, undefined);
});

test('VMs deployed into a subnet get its addresses from .4 up; a static address is honoured; the site shows InUse', async () => {
  await deployInto('vnet-vms', 'corp', [vm('first', { SubnetNames: ['front'] }), vm('second', { SubnetNames: ['front'] }), vm('pinned', { SubnetNames: ['back'], StaticVirtualNetworkIPAddress: '10.4.1.20' })]);
  const deployment = await client.getDeployment({ ServiceName: 'vnet-vms', DeploymentName: 'vnet-vms' });
  assert.deepEqual(deployment.RoleInstanceList?.map((i) => [i.RoleName, i.IpAddress]), [['first', '10.4.0.4'], ['second', '10.4.0.5'], ['pinned', '10.4.1.20']]);
  assert.equal(deployment.VirtualNetworkName, 'corp');
  const [corp] = await client.listVirtualNetworkSites();
  assert.equal(deployment.VirtualNetworkId, corp!.Id);
  assert.equal(corp!.InUse, true);
  const pinned = deployment.RoleList?.find((r) => r.RoleName === 'pinned')?.ConfigurationSets?.[0];
  assert.deepEqual(pinned, { ConfigurationSetType: 'NetworkConfiguration', SubnetNames: ['back'], StaticVirtualNetworkIPAddress: '10.4.1.20' });

  await client.addRole({ ServiceName: 'vnet-vms', DeploymentName: 'vnet-vms', ...vm('third', { SubnetNames: ['front'] }) }, { wait: true });
  const third = (await client.getDeployment({ ServiceName: 'vnet-vms', DeploymentName: 'vnet-vms' })).RoleInstanceList?.find((i) => i.RoleName === 'third');
  assert.equal(third?.IpAddress, '10.4.0.6');
});

test('a static address taken, outside its subnet or reserved, an unknown network or subnet, are refused', async () => {
  const names = { ServiceName: 'vnet-vms', DeploymentName: 'vnet-vms' };
  await rejectsWith(client.addRole({ ...names, ...vm('clash', { SubnetNames: ['back'], StaticVirtualNetworkIPAddress: '10.4.1.20' }) }), 409, /static address 10\.4\.1\.20 is already in use in virtual network corp/);
  await rejectsWith(client.addRole({ ...names, ...vm('outside', { SubnetNames: ['front'], StaticVirtualNetworkIPAddress: '10.4.1.30' }) }), 400, /10\.4\.1\.30 of role outside is not a usable address of subnet front/);
  await rejectsWith(client.addRole({ ...names, ...vm('reserved', { SubnetNames: ['front'], StaticVirtualNetworkIPAddress: '10.4.0.3' }) }), 400, /not a usable address of subnet front/);
  await rejectsWith(client.addRole({ ...names, ...vm('nosub', { SubnetNames: ['middle'] }) }), 400, /subnet middle does not exist in virtual network corp/);
  await client.createHostedService({ ServiceName: 'vnet-bad', Label: 'bad', Location: 'West US' });
  const deployment = { ServiceName: 'vnet-bad', Name: 'bad', DeploymentSlot: 'Production' as const, Label: 'bad' };
  await rejectsWith(client.createVirtualMachineDeployment({ ...deployment, VirtualNetworkName: 'nonet', RoleList: [vm('a', {})] }), 400, /virtual network nonet does not exist/);
  await rejectsWith(client.createVirtualMachineDeployment({ ...deployment, RoleList: [vm('a', { SubnetNames: ['front'] })] }), 400, /its deployment is not in a virtual network/);
  await rejectsWith(client.createVirtualMachineDeployment({
    ...deployment, VirtualNetworkName: 'corp', RoleList: [vm('a', { SubnetNames: ['back'], StaticVirtualNetworkIPAddress: '10.4.1.40' }), vm('b', { SubnetNames: ['back'], StaticVirtualNetworkIPAddress: '10.4.1.40' })],
  }), 409, /10\.4\.1\.40 is already in use/);
  await rejectsWith(client.createVirtualMachineDeployment({ ...deployment, VirtualNetworkName: 'grouped', RoleList: [vm('a', {})] }), 400, /in affinity group vnet-group; the cloud service vnet-bad must be in that affinity group/);
});

test('CheckStaticIPAvailability: a free usable address is available; a taken or reserved one is not, with free ones suggested', async () => {
  assert.deepEqual(await client.checkStaticIPAvailability({ NetworkName: 'corp', Address: '10.4.0.100' }), { IsAvailable: true });
  assert.deepEqual(await client.checkStaticIPAvailability({ NetworkName: 'corp', Address: '10.4.0.4' }), { IsAvailable: false, AvailableAddresses: ['10.4.0.7', '10.4.0.8', '10.4.0.9', '10.4.0.10', '10.4.0.11'] });
  assert.deepEqual(await client.checkStaticIPAvailability({ NetworkName: 'corp', Address: '10.4.1.0' }), { IsAvailable: false, AvailableAddresses: ['10.4.1.4', '10.4.1.5', '10.4.1.6', '10.4.1.7', '10.4.1.8'] });
  await rejectsWith(client.checkStaticIPAvailability({ NetworkName: 'corp', Address: '10.99.0.1' }), 400, /not in the address space of virtual network corp/);
  await rejectsWith(client.checkStaticIPAvailability({ NetworkName: 'nonet', Address: '10.4.0.1' }), 404, /virtual network nonet does not exist/);
});

test('a site or subnet in use by a deployment cannot be removed or changed; an unused subnet can', async () => {
  await rejectsWith(client.setNetworkConfiguration(documentWith()), 400, /^Cannot delete or modify virtual network while in use 'corp'\.$/);
  await rejectsWith(client.setNetworkConfiguration(documentWith({ ...web, Subnets: [{ name: 'front', AddressPrefix: '10.4.0.0/25' }, web.Subnets![1]!] })), 400, /^Cannot delete or modify subnet while in use 'front'\.$/);
  await rejectsWith(client.setNetworkConfiguration(documentWith({ ...web, Location: 'East US' })), 400, /in use 'corp'/);
  await client.setNetworkConfiguration(documentWith({ ...web, Subnets: [...web.Subnets!, { name: 'spare', AddressPrefix: '10.4.2.0/24' }] }), { wait: true });
  await client.setNetworkConfiguration(documentWith(web), { wait: true });
});

test('a virtual network migrates with its deployments: validate, prepare, abort, prepare, commit', async () => {
  const name = { VirtualNetworkName: 'corp' };
  assert.deepEqual(await client.validateVirtualNetworkMigration(name), []);
  await rejectsWith(client.commitVirtualNetworkMigration(name), 400, /virtual network corp is not prepared for migration/);
  await client.prepareVirtualNetworkMigration(name, { wait: true });
  assert.equal((await client.listVirtualNetworkSites())[0]!.MigrationState, 'Prepared');
  assert.equal((await client.getDeployment({ ServiceName: 'vnet-vms', DeploymentName: 'vnet-vms' })).MigrationState, 'Prepared');
  await rejectsWith(client.prepareVirtualNetworkMigration(name), 400, /already prepared for migration/);
  await client.abortVirtualNetworkMigration(name, { wait: true });
  assert.equal((await client.listVirtualNetworkSites())[0]!.MigrationState, undefined);
  assert.equal((await client.getDeployment({ ServiceName: 'vnet-vms', DeploymentName: 'vnet-vms' })).MigrationState, undefined);
  await client.prepareVirtualNetworkMigration(name, { wait: true });
  await client.commitVirtualNetworkMigration(name, { wait: true });
  assert.deepEqual(await client.listVirtualNetworkSites(), []);
  await rejectsWith(client.getDeployment({ ServiceName: 'vnet-vms', DeploymentName: 'vnet-vms' }), 404, /does not exist/);
  await rejectsWith(client.validateVirtualNetworkMigration(name), 404, /virtual network corp does not exist/);
});
