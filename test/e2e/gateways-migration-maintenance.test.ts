/**
 * Operations the spec gained from Microsoft's clients, end to end through the typed client over HTTPS against the
 * emulator: local network gateways and gateway connections (V2), migration to Resource Manager of storage
 * accounts and reserved IPs, and InitiateMaintenance on a VM.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import {
  ConflictError, ResourceNotFoundError, ServiceManagementClient, ServiceError, type Role,
} from '../../generated/index.js';
import { seedRole } from '../../tools/demo/seed-vm.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { typedClientFor } from '../support/typed-client.js';
import { rejectsWith } from '../support/service-errors.js';

let emulator: Emulator;
let client: ServiceManagementClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
});

after(async () => {
  await client.close();
  await emulator.close();
});


test('local network gateways: create answers the id, then get, list, update and delete it; names are unique', async () => {
  const id = await client.createLocalNetworkGateway({ GatewayName: 'onprem1', IpAddress: '203.0.113.7', AddressSpace: ['10.10.0.0/16'] });
  assert.match(id, /^[0-9a-f-]{36}$/);
  const sent = emulator.requests.find((r) => r.method === 'POST' && r.url.includes('/localnetworkgateways'))!;
  assert.match(sent.url, /\?api-version=2016-07-01$/);

  assert.deepEqual(await client.getLocalNetworkGateway({ GatewayId: id }), { AddressSpace: ['10.10.0.0/16'], Id: id, GatewayName: 'onprem1', IpAddress: '203.0.113.7' });
  await client.updateLocalNetworkGateway({ GatewayId: id, AddressSpace: ['10.10.0.0/16', '10.20.0.0/24'] });
  assert.deepEqual((await client.listLocalNetworkGateways()).map((g) => [g.GatewayName, g.AddressSpace]), [['onprem1', ['10.10.0.0/16', '10.20.0.0/24']]]);

  await assert.rejects(client.createLocalNetworkGateway({ GatewayName: 'ONPREM1', IpAddress: '203.0.113.8' }), ConflictError);
  await rejectsWith(client.createLocalNetworkGateway({ GatewayName: 'bad', IpAddress: '203.0.113.9', AddressSpace: ['10.0.0.0/40'] }), 400, /10\.0\.0\.0\/40 of AddressSpace/);
  await client.deleteLocalNetworkGateway({ GatewayId: id });
  await assert.rejects(client.getLocalNetworkGateway({ GatewayId: id }), ResourceNotFoundError);
  await assert.rejects(client.deleteLocalNetworkGateway({ GatewayId: id }), ResourceNotFoundError);
});

/** A virtual network gateway (V2) on a vnet with a GatewaySubnet, provisioned; its id. */
async function virtualNetworkGateway(): Promise<string> {
  await client.setNetworkConfiguration({
    VirtualNetworkConfiguration: {
      VirtualNetworkSites: [{ name: 'connnet', Location: 'West US', AddressSpace: ['10.30.0.0/16'], Subnets: [{ name: 'GatewaySubnet', AddressPrefix: '10.30.0.0/29' }] }],
    },
  }, { wait: true });
  await client.createVirtualNetworkGateway({ NetworkName: 'connnet', GatewayName: 'conngw' }, { wait: true });
  const gateway = (await client.listVirtualNetworkGateways()).find((g) => g.GatewayName === 'conngw');
  assert.equal(gateway?.State, 'Provisioned');
  return gateway!.GatewayId!;
}

test('gateway connections: created asynchronously between an existing virtual network gateway and local gateway, one per pair, shared key never answered', async () => {
  const local = await client.createLocalNetworkGateway({ GatewayName: 'branch', IpAddress: '198.51.100.4', AddressSpace: ['172.16.0.0/20'] });
  const gateway = await virtualNetworkGateway();
  const pair = { GatewayId: gateway, ConnectedEntityId: local };
  await client.createGatewayConnection({
    GatewayConnectionName: 'to-branch', VirtualNetworkGatewayId: gateway, ConnectedEntityId: local, SharedKey: 'not-for-your-eyes', RoutingWeight: 3,
  }, { wait: true });

  const connection = await client.getGatewayConnection(pair);
  assert.equal(connection.GatewayConnectionName, 'to-branch');
  assert.equal(connection.RoutingWeight, 3);
  assert.equal(connection.SharedKey, undefined);

  await client.updateGatewayConnection({ ...pair, RoutingWeight: 7 }, { wait: true });
  assert.deepEqual((await client.listGatewayConnections()).map((c) => [c.GatewayConnectionName, c.RoutingWeight]), [['to-branch', 7]]);

  const again = client.createGatewayConnection({ GatewayConnectionName: 'dup', VirtualNetworkGatewayId: gateway, ConnectedEntityId: local });
  await assert.rejects(again, ConflictError);
  const nowhere = client.createGatewayConnection({ GatewayConnectionName: 'x', VirtualNetworkGatewayId: gateway, ConnectedEntityId: 'c0ffee00-0000-4000-8000-0000000000ff' });
  await assert.rejects(nowhere, ResourceNotFoundError);
  const noGateway = client.createGatewayConnection({ GatewayConnectionName: 'y', VirtualNetworkGatewayId: 'c0ffee00-0000-4000-8000-000000000001', ConnectedEntityId: local });
  await rejectsWith(noGateway, 404, /The gateway does not exist/);
  await rejectsWith(client.deleteLocalNetworkGateway({ GatewayId: local }), 400, /used by gateway connection to-branch/);

  await client.deleteGatewayConnection(pair, { wait: true });
  await assert.rejects(client.getGatewayConnection(pair), ResourceNotFoundError);
  await client.deleteLocalNetworkGateway({ GatewayId: local });
});

test('storage account migration: validate, prepare (MigrationState Prepared), abort back, prepare again and commit (gone)', async () => {
  const name = 'migratestore1';
  await client.createStorageAccount({ ServiceName: name, Label: name, Location: 'West US' }, { wait: true });
  assert.deepEqual(await client.validateStorageAccountMigration({ ServiceName: name }), []);
  await rejectsWith(client.commitStorageAccountMigration({ ServiceName: name }), 400, /not prepared for migration/);
  await rejectsWith(client.abortStorageAccountMigration({ ServiceName: name }), 400, /not prepared for migration/);

  await client.prepareStorageAccountMigration({ ServiceName: name }, { wait: true });
  assert.equal((await client.getStorageAccountProperties({ ServiceName: name })).MigrationState, 'Prepared');
  await rejectsWith(client.prepareStorageAccountMigration({ ServiceName: name }), 400, /already prepared/);
  await client.abortStorageAccountMigration({ ServiceName: name }, { wait: true });
  assert.equal((await client.getStorageAccountProperties({ ServiceName: name })).MigrationState, undefined);

  await client.prepareStorageAccountMigration({ ServiceName: name }, { wait: true });
  await client.commitStorageAccountMigration({ ServiceName: name }, { wait: true });
  assert.ok(!(await client.listStorageAccounts()).some((a) => a.ServiceName === name), 'a committed account leaves the classic list');
  await assert.rejects(client.validateStorageAccountMigration({ ServiceName: name }), ResourceNotFoundError);
});

test('a VM: its storage account cannot migrate before it; InitiateMaintenance restarts it; Private extension values never come back', async () => {
  const store = 'vmmigratestore';
  const service = 'maintsvc1';
  await client.createStorageAccount({ ServiceName: store, Label: store, Location: 'West US' }, { wait: true });
  await client.createHostedService({ ServiceName: service, Label: service, Location: 'West US' });
  const role: Role = {
    ...seedRole(store),
    ResourceExtensionReferences: [{
      ReferenceName: 'docker', Publisher: 'Microsoft.Azure.Extensions', Name: 'DockerExtension', Version: '1.*', State: 'Enable',
      ResourceExtensionParameterValues: [
        { Key: 'ignored', Value: '{"docker":{"port":"2376"}}', Type: 'Public' },
        { Key: 'certs', Value: '{"certs":{"server-key":"-----BEGIN RSA PRIVATE KEY-----secret"}}', Type: 'Private' },
      ],
    }],
  };
  await client.createVirtualMachineDeployment({ ServiceName: service, Name: 'd1', DeploymentSlot: 'Production', Label: 'd1', RoleList: [role] }, { wait: true });

  const messages = await client.validateStorageAccountMigration({ ServiceName: store });
  assert.equal(messages.length, 2, 'the OS disk and the data disk');
  assert.ok(messages.every((m) => m.Category === 'Error' && m.ResourceType === 'StorageAccount' && /attached to virtual machine sampleRole of deployment d1/.test(m.Message ?? '')));
  await rejectsWith(client.prepareStorageAccountMigration({ ServiceName: store }), 400, /cannot be prepared for migration: disk \S+ is attached/);

  const instance = { ServiceName: service, DeploymentName: 'd1', RoleInstanceName: 'sampleRole' };
  await client.initiateMaintenance(instance, { wait: true });
  const sent = emulator.requests.find((r) => r.method === 'POST' && r.body.includes('PerformMaintenanceOnRoleOperation'))!;
  assert.match(sent.body, /^<PerformMaintenanceOnRoleOperation xmlns="http:\/\/schemas.microsoft.com\/windowsazure"[^>]*><OperationType>PerformMaintenanceOnRoleOperation<\/OperationType><\/PerformMaintenanceOnRoleOperation>$/);
  const states: string[] = [];
  for (let i = 0; i < 10 && states.at(-1) !== 'ReadyRole'; i++) {
    const deployment = await client.getDeployment({ ServiceName: service, DeploymentName: 'd1' });
    states.push(deployment.RoleInstanceList![0]!.InstanceStatus!);
  }
  assert.ok(states.includes('StartingVM') && states.at(-1) === 'ReadyRole', `the VM restarts: ${states.join(' → ')}`);
  await rejectsWith(client.initiateMaintenance({ ...instance, RoleInstanceName: 'nobody' }), 404, /nobody/);

  const fromRole = (await client.getRole({ ServiceName: service, DeploymentName: 'd1', RoleName: 'sampleRole' })).ResourceExtensionReferences![0]!;
  const fromDeployment = (await client.getDeployment({ ServiceName: service, DeploymentName: 'd1' })).RoleList![0]!.ResourceExtensionReferences![0]!;
  for (const reference of [fromRole, fromDeployment]) {
    assert.deepEqual(reference.ResourceExtensionParameterValues, [{ Key: 'ignored', Value: '{"docker":{"port":"2376"}}', Type: 'Public' }]);
  }
  await client.deleteDeployment({ ServiceName: service, DeploymentName: 'd1', DeleteMedia: true }, { wait: true });
});

test('reserved IP migration: commit needs a prepare; prepare and commit remove it from the classic list', async () => {
  await client.createReservedIP({ Name: 'rip-migrate', Location: 'West US' }, { wait: true });
  assert.deepEqual(await client.validateReservedIPMigration({ ReservedIPName: 'rip-migrate' }), []);
  await rejectsWith(client.commitReservedIPMigration({ ReservedIPName: 'rip-migrate' }), 400, /not prepared/);
  await client.prepareReservedIPMigration({ ReservedIPName: 'rip-migrate' }, { wait: true });
  await client.commitReservedIPMigration({ ReservedIPName: 'rip-migrate' }, { wait: true });
  assert.ok(!(await client.listReservedIPs()).some((r) => r.Name === 'rip-migrate'));
  await assert.rejects(client.prepareReservedIPMigration({ ReservedIPName: 'rip-migrate' }), ResourceNotFoundError);
});

test('deployment migration: a VM deployment prepares (MigrationState Prepared), aborts, and once committed leaves with its disks', async () => {
  const store = 'depmigratestore';
  const service = 'depmigratesvc';
  await client.createStorageAccount({ ServiceName: store, Label: store, Location: 'West US' }, { wait: true });
  await client.createHostedService({ ServiceName: service, Label: service, Location: 'West US' });
  await client.createVirtualMachineDeployment({ ServiceName: service, Name: 'dm', DeploymentSlot: 'Production', Label: 'dm', RoleList: [seedRole(store)] }, { wait: true });
  const names = { ServiceName: service, DeploymentName: 'dm' };
  const disks = (await client.listDisks()).filter((d) => d.AttachedTo?.HostedServiceName === service).map((d) => d.Name);
  assert.equal(disks.length, 2);

  assert.deepEqual(await client.validateDeploymentMigration({ ...names, DestinationVirtualNetwork: 'New' }), []);
  await rejectsWith(client.validateDeploymentMigration({ ...names, DestinationVirtualNetwork: 'Existing' }), 400, /needs the VirtualNetworkName and SubNetName/);
  await rejectsWith(client.commitDeploymentMigration(names), 400, /deployment dm is not prepared/);
  await client.prepareDeploymentMigration({ ...names, DestinationVirtualNetwork: 'New' }, { wait: true });
  assert.equal((await client.getDeployment(names)).MigrationState, 'Prepared');
  await client.abortDeploymentMigration(names, { wait: true });
  assert.equal((await client.getDeployment(names)).MigrationState, undefined);

  await client.prepareDeploymentMigration({ ...names, DestinationVirtualNetwork: 'New' }, { wait: true });
  await client.commitDeploymentMigration(names, { wait: true });
  await assert.rejects(client.getDeployment(names), ResourceNotFoundError);
  const left = (await client.listDisks()).map((d) => d.Name);
  assert.ok(disks.every((d) => !left.includes(d)), 'the VM\'s disks moved with it');
  assert.deepEqual(await client.validateStorageAccountMigration({ ServiceName: store }), [], 'its storage account can migrate now');
});
