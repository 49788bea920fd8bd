/**
 * A virtual machine's life through the facade against the emulator's own semantics (no recording handlers): the
 * documents' calls in the order a program makes them, each asynchronous one followed by GetOperationStatus polls
 * until it succeeds, and the reads showing the effect. A step the emulator does not implement yet (501) skips.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test, type TestContext } from 'node:test';
import type { IaasClient } from '../../src/compat/iaas-client.js';
import type { ResponseObject } from '../../src/compat/types.js';
import type { Emulator } from '../../src/emulator/server.js';
import type { Deployment, OSImage, Operation, Role, StorageAccountKeys } from '../../generated/models/index.js';
import { startTestEmulator } from '../support/emulator.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { facadeFor } from './support.js';

clearProxyEnvironment();
const IMAGE = 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd';
let emulator: Emulator;
let client: IaasClient;

before(async () => {
  const subscriptionId = randomUUID();
  emulator = await startTestEmulator({
    subscriptionId, asyncPolls: 1,
    state: { subscriptions: [{ id: subscriptionId, storageAccounts: [{ ServiceName: 'lifecyclevhds', Location: 'West US' }] }] },
  });
  client = facadeFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

/** Skips the test when the emulator does not implement the operation yet; otherwise checks success. */
function succeeded(t: TestContext, rsp: ResponseObject): boolean {
  if (rsp.statusCode === 501) {
    t.skip(`not implemented by the emulator yet: ${rsp.error?.Message}`);
    return false;
  }
  assert.equal(rsp.isSuccessful, true, JSON.stringify(rsp.error));
  return true;
}

/** Polls GetOperationStatus as the sample does, until the request is no longer InProgress. */
async function completion(rsp: ResponseObject): Promise<Operation> {
  const requestId = rsp.headers['x-ms-request-id']!;
  for (;;) {
    const status = await client.GetOperationStatus(requestId);
    assert.equal(status.isSuccessful, true, JSON.stringify(status.error));
    const operation = status.response as Operation;
    if (operation.Status !== 'InProgress') return operation;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function acceptedAndDone(t: TestContext, rsp: ResponseObject): Promise<boolean> {
  if (!succeeded(t, rsp)) return false;
  assert.equal(rsp.statusCode, 202);
  const operation = await completion(rsp);
  assert.equal(operation.Status, 'Succeeded', JSON.stringify(operation.Error));
  return true;
}

const role = {
  RoleName: 'vm1', RoleSize: 'Small',
  OSDisk: { SourceImageName: IMAGE },
  DataDisks: [{ LogicalDiskSizeInGB: 10, LUN: 0 }],
  ConfigurationSets: [
    { ConfigurationSetType: 'ProvisioningConfiguration', AdminPassword: 'myAdminPwd1', MachineName: 'vm1', ResetPasswordOnFirstLogon: false },
    { ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ Name: 'rdp', Protocol: 'tcp', Port: '3389', LocalPort: '3389' }] },
  ],
};

test('images: ListOSImages, GetOSImage', async (t) => {
  const list = await client.ListOSImages();
  if (!succeeded(t, list)) return;
  assert.ok((list.response as OSImage[]).some((i) => i.Name === IMAGE));
  const one = await client.GetOSImage(IMAGE);
  if (!succeeded(t, one)) return;
  assert.equal((one.response as OSImage).OS, 'Windows');
});

test('storage keys: GetStorageAccountKeys', async (t) => {
  const keys = await client.GetStorageAccountKeys('lifecyclevhds');
  if (!succeeded(t, keys)) return;
  assert.ok((keys.response as StorageAccountKeys).StorageServiceKeys?.Primary);
});

test('a cloud service and a VM deployment; reads by name and by slot; GetRole', async (t) => {
  assert.equal((await client.CreateHostedService('lifecycle')).isSuccessful, true);
  if (!await acceptedAndDone(t, await client.CreateDeployment('lifecycle', 'dep', role, { DeploymentSlot: 'Production' }))) return;
  const byName = await client.GetDeployment('lifecycle', 'dep');
  if (!succeeded(t, byName)) return;
  const deployment = byName.response as Deployment;
  assert.equal(deployment.RoleList?.[0]?.RoleName, 'vm1');
  assert.match(deployment.RoleList?.[0]?.OSVirtualHardDisk?.MediaLink ?? '', /^https:\/\/lifecyclevhds\.blob\.core\.windows\.net\/vhds\/lifecycle-vm1-/);
  const bySlot = await client.GetDeploymentBySlot('lifecycle', 'production');
  if (!succeeded(t, bySlot)) return;
  assert.equal((bySlot.response as Deployment).Name, 'dep');
  const got = await client.GetRole('lifecycle', 'dep', 'vm1');
  if (!succeeded(t, got)) return;
  assert.equal((got.response as Role).DataVirtualHardDisks?.[0]?.LogicalDiskSizeInGB, 10);
});

test('data disks: AddDataDisk, ModifyDataDisk, RemoveDataDisk', async (t) => {
  if (!await acceptedAndDone(t, await client.AddDataDisk('lifecycle', 'dep', 'vm1', { LogicalDiskSizeInGB: 20, LUN: 1 }))) return;
  const modified = await client.ModifyDataDisk('lifecycle', 'dep', 'vm1', 1, { EnableWriteCache: true, LUN: 1 });
  if (!succeeded(t, modified)) return;
  if (modified.statusCode === 202) assert.equal((await completion(modified)).Status, 'Succeeded');
  const disks = ((await client.GetRole('lifecycle', 'dep', 'vm1')).response as Role).DataVirtualHardDisks ?? [];
  assert.equal(disks.find((d) => (d.Lun ?? 0) === 1)?.HostCaching, 'ReadWrite');
  if (!await acceptedAndDone(t, await client.RemoveDataDisk('lifecycle', 'dep', 'vm1', '1'))) return;
  const after = ((await client.GetRole('lifecycle', 'dep', 'vm1')).response as Role).DataVirtualHardDisks ?? [];
  assert.deepEqual(after.map((d) => d.Lun ?? 0), [0]);
});

test('roles: ModifyRole, AddRole, DeleteRole', async (t) => {
  if (!await acceptedAndDone(t, await client.ModifyRole('lifecycle', 'dep', 'vm1', { RoleSize: 'Medium' }))) return;
  assert.equal(((await client.GetRole('lifecycle', 'dep', 'vm1')).response as Role).RoleSize, 'Medium');
  const second = { ...role, RoleName: 'vm2', DataDisks: [], ConfigurationSets: [{ ...role.ConfigurationSets[0]!, MachineName: 'vm2' }] };
  if (!await acceptedAndDone(t, await client.AddRole('lifecycle', 'dep', second))) return;
  if (!await acceptedAndDone(t, await client.DeleteRole('lifecycle', 'dep', 'vm2'))) return;
  assert.equal((await client.GetRole('lifecycle', 'dep', 'vm2')).statusCode, 404);
});

test('role instances: RestartRoleInstance, ShutdownRoleInstance, CaptureRoleInstance', async (t) => {
  if (!await acceptedAndDone(t, await client.RestartRoleInstance('lifecycle', 'dep', 'vm1'))) return;
  // A VM is captured stopped.
  if (!await acceptedAndDone(t, await client.ShutdownRoleInstance('lifecycle', 'dep', 'vm1'))) return;
  const capture = await client.CaptureRoleInstance('lifecycle', 'dep', 'vm1', {
    PostCaptureActions: 'Reprovision', TargetImageLabel: 'captured vm1', TargetImageName: 'capturedvm1',
    ProvisioningConfiguration: { ConfigurationSetType: 'ProvisioningConfiguration', AdminPassword: 'n3wAdminPwd!', MachineName: 'vm1' },
  });
  if (!await acceptedAndDone(t, capture)) return;
  const image = await client.GetOSImage('capturedvm1');
  if (!succeeded(t, image)) return;
  assert.equal((image.response as OSImage).Label, 'captured vm1');
});

test('CreateOSImage from a blob of the subscription, then GetOSImage', async (t) => {
  const link = 'https://lifecyclevhds.blob.core.windows.net/vhds/uploaded.vhd';
  const created = await client.CreateOSImage('uploaded', link, { OS: 'Linux' });
  if (!succeeded(t, created)) return;
  assert.equal((created.response as OSImage).Label, 'uploaded');
  const got = await client.GetOSImage('uploaded');
  if (!succeeded(t, got)) return;
  assert.equal((got.response as OSImage).MediaLink, link);
});
