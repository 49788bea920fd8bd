/**
 * Preloaded state: a snapshot replaces parts of the platform catalog and seeds a subscription's properties and
 * resources, which then behave as if made through the API; a bad snapshot names its first bad member.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { EmulatorState } from '../../src/emulator/state.js';
import { applySnapshot, type StateSnapshot } from '../../src/emulator/state-snapshot.js';
import { createService, createVm, roleInner } from './compute-fixtures.js';
import { NS, XSI, clientFor, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

const subscriptionId = '99999999-0000-0000-0000-000000000001';
const snapshot: StateSnapshot = {
  roleSizes: [{ Name: 'Small', Label: 'Small', Cores: 1, MemoryInMb: 1792, SupportedByWebWorkerRoles: true, SupportedByVirtualMachines: true, MaxDataDiskCount: 2 }],
  subscriptions: [{
    id: subscriptionId,
    properties: { SubscriptionName: 'Preloaded', MaxCoreCount: 4 },
    storageAccounts: [{ ServiceName: 'preloadstore', Location: 'West US', AccountType: 'Standard_LRS' }],
    osImages: [{ Name: 'preloaded-image', Label: 'Preloaded image', OS: 'Linux', Category: 'User', MediaLink: 'https://preloadstore.blob.core.windows.net/images/base.vhd', Location: 'West US' }],
    disks: [{ Name: 'spare-disk', MediaLink: 'https://preloadstore.blob.core.windows.net/disks/spare.vhd', LogicalDiskSizeInGB: 20 }],
    reservedIps: [{ Name: 'preloaded-ip', Location: 'West US' }],
  }],
};

let emulator: Emulator;
let client: TestClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0, state: snapshot });
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('the snapshot\'s subscription comes with its properties, limits and resources', async () => {
  assert.equal(emulator.subscriptionId, subscriptionId);
  const subscription = (await client.call('GET', '')).text;
  assert.equal(elementText(subscription, 'SubscriptionName'), 'Preloaded');
  assert.equal(elementText(subscription, 'MaxCoreCount'), '4');
  assert.equal(elementText(subscription, 'CurrentStorageAccounts'), '1');
  assert.equal(elementText(subscription, 'CurrentReservedIPs'), '1');
  assert.match((await client.call('GET', '/services/storageservices/preloadstore/keys')).text, /<Primary>[A-Za-z0-9+/=]{88}<\/Primary>/);
  assert.equal(elementText((await client.call('GET', '/services/disks/spare-disk')).text, 'LogicalDiskSizeInGB'), '20');
  assert.match((await client.call('GET', '/rolesizes')).text, /^<RoleSizes [^>]+><RoleSize><Name>Small<\/Name>.*<\/RoleSize><\/RoleSizes>$/, 'the role sizes were replaced');
});

test('preloaded resources behave as made through the API: a VM from the preloaded image in the preloaded account', async () => {
  await createService(client, 'preload-svc');
  await createVm(client, 'preload-svc', { role: 'vm', account: 'preloadstore', image: 'preloaded-image' });
  const refused = await client.call('DELETE', '/services/images/preloaded-image');
  assert.equal(refused.status, 400, 'the image is in use');
  const tooBig = await client.call('POST', '/services/hostedservices/preload-svc/deployments/preload-svc/roles', {
    body: `<PersistentVMRole xmlns="${NS}" xmlns:i="${XSI}">${roleInner({ role: 'big', account: 'preloadstore', image: 'preloaded-image', size: 'Large', endpoints: '' })}</PersistentVMRole>`,
  });
  assert.equal(errorOf(tooBig.text).message, 'The role size Large is not valid for virtual machines.', 'the replaced role sizes hold Small only');
  assert.equal(errorOf((await client.call('DELETE', '/services/storageservices/preloadstore')).text).code, 'BadRequest', 'the account holds disks and images');
});

test('a bad snapshot is refused, naming the member', () => {
  assert.throws(() => applySnapshot(new EmulatorState(), { subscriptions: [{ id: 'x', storageAccounts: [{ Location: 'West US' }] }] }), /state\.subscriptions\[0\]\.storageAccounts\[0\]\.ServiceName must be a non-empty string/);
  assert.throws(() => applySnapshot(new EmulatorState(), { osImages: 'all' }), /state\.osImages must be an array/);
});
