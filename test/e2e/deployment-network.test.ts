/**
 * A deployment's own network settings end to end through the typed client over HTTPS against the emulator: DNS
 * servers (add, update, delete, shown in GetDeployment), additional virtual IPs, an internal load balancer in a
 * subnet of the deployment's virtual network (one per deployment, with the service's recorded refusal), and the
 * load-balanced endpoint sets of its VMs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import { ServiceError, ServiceManagementClient, type Role } from '../../generated/index.js';
import { provisioningSet, SEED_IMAGE, vhdUrl } from '../../tools/demo/seed-vm.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { typedClientFor } from '../support/typed-client.js';
import { rejectsWith } from '../support/service-errors.js';

let emulator: Emulator;
let client: ServiceManagementClient;
const STORE = 'dnetstore';
const names = { ServiceName: 'dnet', DeploymentName: 'dnet' };


function vm(name: string): Role {
  return {
    RoleName: name, RoleSize: 'Small', ProvisionGuestAgent: true,
    OSVirtualHardDisk: { SourceImageName: SEED_IMAGE, MediaLink: vhdUrl(STORE, `${name}-os.vhd`) },
    ConfigurationSets: [provisioningSet(name), {
      ConfigurationSetType: 'NetworkConfiguration', SubnetNames: ['apps'],
      InputEndpoints: [{ Name: 'web', Protocol: 'tcp', Port: 80, LocalPort: 8080, LoadBalancedEndpointSetName: 'webset', LoadBalancerProbe: { Port: 8080, Protocol: 'tcp' } }],
    }],
  };
}

before(async () => {
  emulator = await startTestEmulator();
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  await client.createStorageAccount({ ServiceName: STORE, Label: STORE, Location: 'West US' }, { wait: true });
  await client.setNetworkConfiguration({
    VirtualNetworkConfiguration: { VirtualNetworkSites: [{ name: 'lbnet', Location: 'West US', AddressSpace: ['10.1.0.0/16'], Subnets: [{ name: 'apps', AddressPrefix: '10.1.0.0/24' }] }] },
  }, { wait: true });
  await client.createHostedService({ ServiceName: 'dnet', Label: 'dnet', Location: 'West US' });
  await client.createVirtualMachineDeployment({
    ServiceName: 'dnet', Name: 'dnet', DeploymentSlot: 'Production', Label: 'dnet', VirtualNetworkName: 'lbnet', RoleList: [vm('web1'), vm('web2')],
    Dns: { DnsServers: [{ Name: 'first', Address: '10.1.0.200' }] },
  }, { wait: true });
});

after(async () => {
  await client.close();
  await emulator.close();
});

test('DNS servers of a deployment: added, updated and deleted, as GetDeployment shows them', async () => {
  await client.addDnsServer({ ...names, Name: 'second', Address: '10.1.0.201' }, { wait: true });
  await client.updateDnsServer({ ...names, DnsServerName: 'first', Name: 'first', Address: '10.1.0.210' }, { wait: true });
  assert.deepEqual((await client.getDeployment(names)).Dns, { DnsServers: [{ Name: 'first', Address: '10.1.0.210' }, { Name: 'second', Address: '10.1.0.201' }] });
  await rejectsWith(client.addDnsServer({ ...names, Name: 'SECOND', Address: '10.1.0.202' }), 409, /DNS server named SECOND already exists in deployment dnet/);
  await rejectsWith(client.addDnsServer({ ...names, Name: 'bad', Address: '10.1.0.300' }), 400, /Address 10\.1\.0\.300 of DNS server bad is not a valid IPv4 address/);
  await rejectsWith(client.updateDnsServer({ ...names, DnsServerName: 'none', Name: 'none', Address: '10.1.0.5' }), 404, /DNS server none does not exist in deployment dnet/);
  await client.deleteDnsServer({ ...names, DnsServerName: 'first' }, { wait: true });
  await client.deleteDnsServer({ ...names, DnsServerName: 'second' }, { wait: true });
  assert.equal((await client.getDeployment(names)).Dns, undefined);
  await rejectsWith(client.deleteDnsServer({ ...names, DnsServerName: 'second' }), 404, /DNS server second does not exist/);
});

test('additional virtual IPs follow the deployment\'s own in VirtualIPs; the own one cannot be removed', async () => {
  await client.addVirtualIP({ ...names, VirtualIPName: 'extra' }, { wait: true });
  const vips = (await client.getDeployment(names)).VirtualIPs!;
  assert.equal(vips.length, 2);
  assert.equal(vips[1]!.Name, 'extra');
  assert.match(vips[1]!.Address!, /^\d+\.\d+\.\d+\.\d+$/);
  assert.notEqual(vips[1]!.Address, vips[0]!.Address);
  await rejectsWith(client.addVirtualIP({ ...names, VirtualIPName: 'EXTRA' }), 409, /virtual IP named EXTRA already exists/);
  await rejectsWith(client.removeVirtualIP({ ...names, VirtualIPName: vips[0]!.Name! }), 400, /is the deployment's own and cannot be removed/);
  await client.removeVirtualIP({ ...names, VirtualIPName: 'extra' }, { wait: true });
  assert.equal((await client.getDeployment(names)).VirtualIPs!.length, 1);
  await rejectsWith(client.removeVirtualIP({ ...names, VirtualIPName: 'extra' }), 404, /virtual IP extra does not exist in deployment dnet/);
});

test('an internal load balancer sits in a subnet of the deployment\'s network, one per deployment; its address is taken', async () => {
  const balancer = { Name: 'ilb', FrontendIpConfiguration: { Type: 'Private' as const, SubnetName: 'apps', StaticVirtualNetworkIPAddress: '10.1.0.19' } };
  await rejectsWith(client.createLoadBalancer({ ...names, ...balancer, FrontendIpConfiguration: { ...balancer.FrontendIpConfiguration, SubnetName: 'nowhere' } }), 400, /subnet nowhere does not exist in virtual network lbnet/);
  await rejectsWith(client.createLoadBalancer({ ...names, ...balancer, FrontendIpConfiguration: { ...balancer.FrontendIpConfiguration, StaticVirtualNetworkIPAddress: '10.1.0.4' } }), 409, /10\.1\.0\.4 is already in use/);
  await client.createLoadBalancer({ ...names, ...balancer }, { wait: true });
  assert.deepEqual((await client.getDeployment(names)).LoadBalancers, [balancer]);
  await rejectsWith(client.createLoadBalancer({ ...names, Name: 'other', FrontendIpConfiguration: { Type: 'Private', SubnetName: 'apps' } }), 400, /^LoadBalancer already exists: ilb\. Only one internal load balancer allowed per deployment\.$/);
  assert.deepEqual(await client.checkStaticIPAvailability({ NetworkName: 'lbnet', Address: '10.1.0.19' }), { IsAvailable: false, AvailableAddresses: ['10.1.0.20', '10.1.0.21', '10.1.0.22', '10.1.0.23', '10.1.0.24'] });

  await client.updateLoadBalancer({ ...names, LoadBalancerName: 'ilb', Name: 'ilb', FrontendIpConfiguration: { Type: 'Private', SubnetName: 'apps', StaticVirtualNetworkIPAddress: '10.1.0.30' } }, { wait: true });
  assert.equal((await client.getDeployment(names)).LoadBalancers?.[0]?.FrontendIpConfiguration?.StaticVirtualNetworkIPAddress, '10.1.0.30');
  await client.updateLoadBalancedEndpointSet({ ...names, InputEndpoint: [{ LoadBalancedEndpointSetName: 'webset', LoadBalancerName: 'ilb', Port: 80, LocalPort: 8080 }] }, { wait: true });
  await rejectsWith(client.deleteLoadBalancer({ ...names, LoadBalancerName: 'ilb' }), 400, /load balancer ilb is in use by endpoint web/);
  await rejectsWith(client.deleteLoadBalancer({ ...names, LoadBalancerName: 'nolb' }), 404, /load balancer nolb does not exist in deployment dnet/);
});

test('UpdateLoadBalancedEndpointSet changes the set on every VM; an unknown set is refused', async () => {
  const probe = { Port: 9090, Protocol: 'http' as const, Path: '/health', IntervalInSeconds: 10, TimeoutInSeconds: 21 };
  await client.updateLoadBalancedEndpointSet({ ...names, InputEndpoint: [{ LoadBalancedEndpointSetName: 'webset', Port: 80, LocalPort: 9090, LoadBalancerProbe: probe }] }, { wait: true });
  const roles = (await client.getDeployment(names)).RoleList!;
  for (const role of roles) {
    const set = role.ConfigurationSets?.[0];
    assert.ok(set?.ConfigurationSetType === 'NetworkConfiguration');
    assert.deepEqual(set.InputEndpoints?.map((e) => [e.Name, e.LocalPort, e.LoadBalancerProbe]), [['web', 9090, probe]]);
  }
  await rejectsWith(client.updateLoadBalancedEndpointSet({ ...names, InputEndpoint: [{ LoadBalancedEndpointSetName: 'noset', Port: 81 }] }), 400, /load-balanced endpoint set noset does not exist in deployment dnet/);
});
