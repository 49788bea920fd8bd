/**
 * Network security groups end to end through the typed client over HTTPS against the emulator: created
 * asynchronously with the service's default rules, rules checked as the service checked them (priority 100-4096
 * unique per direction, protocols, port ranges, address prefixes and tags), associated with a subnet, a VM role
 * and its network interface (one group each), refused deletion while in use, and moved to Resource Manager by
 * the migration steps.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ValidationError, type NetworkSecurityRule, type ServiceManagementClient } from '../../generated/index.js';
import type { Emulator } from '../../src/emulator/server.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { rejectsWith, setVirtualNetwork, vmInSubnet, VNET } from '../support/network-fixtures.js';
import { typedClientFor } from '../support/typed-client.js';

let emulator: Emulator;
let client: ServiceManagementClient;
/** Sends what the client's own validation would refuse, to show the emulator refuses it as the service did. */
let unchecked: ServiceManagementClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  unchecked = typedClientFor(emulator, { validation: false, polling: { minDelayMs: 5, maxDelayMs: 10 } });
  await setVirtualNetwork(client);
});

after(async () => {
  await client.close();
  await unchecked.close();
  await emulator.close();
});

const rdp: NetworkSecurityRule = {
  Type: 'Inbound', Priority: 100, Action: 'Allow', SourceAddressPrefix: 'INTERNET', SourcePortRange: '*',
  DestinationAddressPrefix: '10.4.1.0/24', DestinationPortRange: '3389', Protocol: 'TCP',
};

test('a group is created asynchronously, listed without rules, and read in full with the six default rules last', async () => {
  const accepted = await client.createNetworkSecurityGroup({ Name: 'web-nsg', Label: 'web tier', Location: 'west us' });
  await assert.rejects(client.getNetworkSecurityGroup({ NetworkSecurityGroupName: 'web-nsg' }), (e: Error) => /does not exist/.test(e.message), 'not there before the operation completes');
  await accepted.wait();
  assert.deepEqual((await client.listNetworkSecurityGroups()).find((g) => g.Name === 'web-nsg'), { Name: 'web-nsg', Label: 'web tier', Location: 'West US', State: 'Created' });
  const full = await client.getNetworkSecurityGroup({ NetworkSecurityGroupName: 'WEB-NSG', DetailLevel: 'Full' });
  assert.deepEqual(full.Rules?.map((r) => [r.Name, r.Type, r.Priority, r.IsDefault]), [
    ['ALLOW VNET OUTBOUND', 'Outbound', 65000, true], ['ALLOW VNET INBOUND', 'Inbound', 65000, true],
    ['ALLOW AZURE LOAD BALANCER INBOUND', 'Inbound', 65001, true], ['ALLOW INTERNET OUTBOUND', 'Outbound', 65001, true],
    ['DENY ALL OUTBOUND', 'Outbound', 65500, true], ['DENY ALL INBOUND', 'Inbound', 65500, true],
  ]);
  assert.equal((await client.getNetworkSecurityGroup({ NetworkSecurityGroupName: 'web-nsg' })).Rules, undefined, 'rules only with DetailLevel=Full');
  await rejectsWith(client.createNetworkSecurityGroup({ Name: 'Web-Nsg', Location: 'West US' }), 409, 'ConflictError', /named Web-Nsg already exists/);
  await rejectsWith(client.createNetworkSecurityGroup({ Name: 'nowhere', Location: 'Atlantis' }), 400, 'BadRequest', /Location Atlantis of network security group nowhere/);
  assert.equal((await client.getSubscription()).CurrentNetworkSecurityGroups, 1);
});

test('rules are set and replaced by name, user rules before the default ones', async () => {
  await client.setNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'rdp', ...rdp }, { wait: true });
  await client.setNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'web', ...rdp, Priority: 200, DestinationPortRange: '80-443' }, { wait: true });
  await client.setNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'rdp', ...rdp, Action: 'Deny' }, { wait: true });
  await client.setNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'out', ...rdp, Type: 'Outbound', Protocol: '*', SourceAddressPrefix: '*' }, { wait: true });
  const rules = (await client.getNetworkSecurityGroup({ NetworkSecurityGroupName: 'web-nsg', DetailLevel: 'Full' })).Rules!;
  assert.deepEqual(rules.slice(0, 3).map((r) => [r.Name, r.Action, r.Priority, r.DestinationPortRange, r.State, r.IsDefault]), [
    ['rdp', 'Deny', 100, '3389', 'Active', false], ['web', 'Allow', 200, '80-443', 'Active', false], ['out', 'Allow', 100, '3389', 'Active', false],
  ]);
  assert.equal(rules.length, 9);
  await client.deleteNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'out' }, { wait: true });
  assert.equal((await client.getNetworkSecurityGroup({ NetworkSecurityGroupName: 'web-nsg', DetailLevel: 'Full' })).Rules!.length, 8);
  await rejectsWith(client.deleteNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'out' }), 404, 'ResourceNotFound', /rule out does not exist in network security group web-nsg/);
  await rejectsWith(client.deleteNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'DENY ALL INBOUND' }), 400, 'BadRequest', /default rule/);
});

test('rules breaking the service\'s rules are refused with 400 naming the field and the rule', async () => {
  const set = (RuleName: string, change: Partial<NetworkSecurityRule>) => unchecked.setNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName, ...rdp, ...change });
  const icmp = { Protocol: 'ICMP' } as unknown as Partial<NetworkSecurityRule>;
  // The spec's value sets refuse these before they leave; the emulator refuses them too, with the service's words.
  await assert.rejects(client.setNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'p', ...rdp, ...icmp }), (e: unknown) => e instanceof ValidationError && /Protocol/.test(e.message));
  await assert.rejects(client.setNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'p', ...rdp, Priority: 99 }), (e: unknown) => e instanceof ValidationError && /Priority/.test(e.message));
  await rejectsWith(set('p', { Priority: 99 }), 400, 'BadRequest', /Rule\.Priority: must be >= 100 \(rule: minimum\)/);
  await rejectsWith(set('p', { Priority: 4097 }), 400, 'BadRequest', /Priority 4097/);
  await rejectsWith(set('p', { Priority: 200 }), 400, 'BadRequest', /Priority 200 of network security rule p is already used by Inbound rule web/);
  await rejectsWith(set('p', icmp), 400, 'BadRequest', /Rule\.Protocol: must be one of TCP, UDP, \* \(rule: enum\)/);
  await rejectsWith(set('p', { DestinationPortRange: '70000' }), 400, 'BadRequest', /DestinationPortRange 70000 of network security rule p/);
  await rejectsWith(set('p', { SourcePortRange: '90-80' }), 400, 'BadRequest', /SourcePortRange 90-80/);
  await rejectsWith(set('p', { SourceAddressPrefix: 'EVERYWHERE' }), 400, 'BadRequest', /SourceAddressPrefix EVERYWHERE of network security rule p .*VIRTUAL_NETWORK, AZURE_LOADBALANCER, INTERNET/);
  await rejectsWith(set('p', { DestinationAddressPrefix: '10.0.0.0/33' }), 400, 'BadRequest', /DestinationAddressPrefix 10\.0\.0\.0\/33/);
  await rejectsWith(client.setNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'p', Type: 'Inbound', Priority: 300 }), 400, 'BadRequest', /rule p needs its Action/);
  await client.setNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'p', ...rdp, Type: 'Outbound', Priority: 200 }, { wait: true });
  await rejectsWith(set('q', {}), 400, 'BadRequest', /Priority 100 of network security rule q is already used by Inbound rule rdp/);
  await client.deleteNetworkSecurityRule({ NetworkSecurityGroupName: 'web-nsg', RuleName: 'p' }, { wait: true });
  await rejectsWith(client.setNetworkSecurityRule({ NetworkSecurityGroupName: 'missing', RuleName: 'r', ...rdp }), 404, 'ResourceNotFound', /network security group missing does not exist/);
});

test('a subnet takes one group; the group in use cannot be deleted until it is removed', async () => {
  const subnet = { VirtualNetworkName: VNET, SubnetName: 'front' };
  await rejectsWith(client.getNetworkSecurityGroupForSubnet(subnet), 404, 'ResourceNotFound', /subnet front of virtual network secnet has no network security group/);
  await client.addNetworkSecurityGroupToSubnet({ ...subnet, Name: 'web-nsg' }, { wait: true });
  assert.deepEqual(await client.getNetworkSecurityGroupForSubnet(subnet), { Name: 'web-nsg', State: 'Created' });
  await client.createNetworkSecurityGroup({ Name: 'other', Location: 'West US' }, { wait: true });
  await rejectsWith(client.addNetworkSecurityGroupToSubnet({ ...subnet, Name: 'other' }), 400, 'BadRequest', /already has network security group web-nsg/);
  await rejectsWith(client.addNetworkSecurityGroupToSubnet({ VirtualNetworkName: VNET, SubnetName: 'nope', Name: 'other' }), 404, 'ResourceNotFound', /subnet nope does not exist in virtual network secnet/);
  await rejectsWith(client.addNetworkSecurityGroupToSubnet({ VirtualNetworkName: 'nonet', SubnetName: 'front', Name: 'other' }), 404, 'ResourceNotFound', /virtual network nonet does not exist/);
  await rejectsWith(client.deleteNetworkSecurityGroup({ NetworkSecurityGroupName: 'web-nsg' }), 400, 'BadRequest', /in use by subnet front of virtual network secnet/);
  await rejectsWith(client.removeNetworkSecurityGroupFromSubnet({ ...subnet, NetworkSecurityGroupName: 'other' }), 404, 'ResourceNotFound', /other is not associated with subnet front; web-nsg is/);
  await client.removeNetworkSecurityGroupFromSubnet({ ...subnet, NetworkSecurityGroupName: 'web-nsg' }, { wait: true });
  await assert.rejects(client.getNetworkSecurityGroupForSubnet(subnet));
});

test('a VM role and its network interface each take a group, which GetRole shows; in use, the group stays', async () => {
  await vmInSubnet(emulator, client, 'nsgsvc', 'nsgstore');
  const role = { ServiceName: 'nsgsvc', DeploymentName: 'd1', RoleName: 'sampleRole' };
  const nic = { ...role, NetworkInterfaceName: 'nic2' };
  await rejectsWith(client.getNetworkSecurityGroupForRole(role), 404, 'ResourceNotFound', /No network security group is associated with role sampleRole/);
  await client.addNetworkSecurityGroupToRole({ ...role, Name: 'web-nsg' }, { wait: true });
  await client.addNetworkSecurityGroupToNetworkInterface({ ...nic, Name: 'other' }, { wait: true });
  assert.equal((await client.getNetworkSecurityGroupForRole(role)).Name, 'web-nsg');
  assert.equal((await client.getNetworkSecurityGroupForNetworkInterface(nic)).Name, 'other');
  const network = (await client.getRole(role)).ConfigurationSets?.find((s) => s.ConfigurationSetType === 'NetworkConfiguration') as { NetworkSecurityGroup?: string; NetworkInterfaces?: Array<{ NetworkSecurityGroup?: string }> };
  assert.equal(network.NetworkSecurityGroup, 'web-nsg');
  assert.equal(network.NetworkInterfaces?.[0]?.NetworkSecurityGroup, 'other');
  await rejectsWith(client.addNetworkSecurityGroupToRole({ ...role, Name: 'other' }), 400, 'BadRequest', /role sampleRole already has network security group web-nsg/);
  await rejectsWith(client.addNetworkSecurityGroupToNetworkInterface({ ...role, NetworkInterfaceName: 'nic9', Name: 'other' }), 404, 'ResourceNotFound', /network interface nic9 does not exist on role sampleRole/);
  await rejectsWith(client.addNetworkSecurityGroupToRole({ ...role, RoleName: 'ghost', Name: 'other' }), 404, 'ResourceNotFound', /role ghost does not exist/);
  await rejectsWith(client.deleteNetworkSecurityGroup({ NetworkSecurityGroupName: 'other' }), 400, 'BadRequest', /in use by network interface nic2 of role sampleRole of deployment d1 in cloud service nsgsvc/);
  await client.removeNetworkSecurityGroupFromNetworkInterface({ ...nic, NetworkSecurityGroupName: 'other' }, { wait: true });
  await client.deleteNetworkSecurityGroup({ NetworkSecurityGroupName: 'other' }, { wait: true });
  await rejectsWith(client.getNetworkSecurityGroup({ NetworkSecurityGroupName: 'other' }), 404, 'ResourceNotFound', /network security group other does not exist/);
  await rejectsWith(client.removeNetworkSecurityGroupFromRole({ ...role, NetworkSecurityGroupName: 'other' }), 404, 'ResourceNotFound', /other is not associated with role sampleRole/);
});

test('migration: validate names what holds the group back; prepare, abort, prepare and commit move a free one', async () => {
  const names = { NetworkSecurityGroupName: 'web-nsg' };
  const messages = await client.validateNetworkSecurityGroupMigration(names);
  assert.deepEqual(messages.map((m) => [m.ResourceType, m.ResourceName, m.Category]), [['NetworkSecurityGroup', 'web-nsg', 'Error']]);
  assert.match(messages[0]!.Message!, /associated with role sampleRole of deployment d1/);
  await rejectsWith(client.prepareNetworkSecurityGroupMigration(names), 400, 'BadRequest', /cannot be prepared for migration: it is associated with role sampleRole/);
  await client.removeNetworkSecurityGroupFromRole({ ServiceName: 'nsgsvc', DeploymentName: 'd1', RoleName: 'sampleRole', ...names }, { wait: true });
  assert.deepEqual(await client.validateNetworkSecurityGroupMigration(names), []);
  await rejectsWith(client.commitNetworkSecurityGroupMigration(names), 400, 'BadRequest', /not prepared for migration/);
  await client.prepareNetworkSecurityGroupMigration(names, { wait: true });
  await rejectsWith(client.prepareNetworkSecurityGroupMigration(names), 400, 'BadRequest', /already prepared/);
  await client.abortNetworkSecurityGroupMigration(names, { wait: true });
  await client.prepareNetworkSecurityGroupMigration(names, { wait: true });
  await client.commitNetworkSecurityGroupMigration(names, { wait: true });
  assert.deepEqual((await client.listNetworkSecurityGroups()).map((g) => g.Name), []);
});
