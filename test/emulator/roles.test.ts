/**
 * Virtual machines as roles and role instances: AddRole/GetRole/UpdateRole/DeleteRole, the instance statuses
 * after shutdown (StoppedVM, StoppedDeallocated), start and restart, the cores they count in GetSubscription,
 * and the checks the service made on new roles (image, media link, password, ports, size).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import {
  createService, createStorage, createVm, linuxProvisioning, networkSet, roleInner, succeed, vmDeploymentBody,
} from './compute-fixtures.js';
import { NS, XSI, clientFor, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;
const base = '/services/hostedservices/roles-svc/deployments/roles-svc';

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = clientFor(emulator);
  await createStorage(client, 'rolestore');
  await createService(client, 'roles-svc');
  await createVm(client, 'roles-svc', { role: 'vm1', account: 'rolestore' });
});
after(async () => {
  await client.close();
  await emulator.close();
});

const instanceStatus = async (role: string) => {
  const text = (await client.call('GET', base)).text;
  return new RegExp(`<RoleName>${role}</RoleName><InstanceName>${role}</InstanceName><InstanceStatus>([^<]*)</InstanceStatus>`).exec(text)?.[1];
};
const cores = async () => Number(elementText((await client.call('GET', '')).text, 'CurrentCoreCount'));
const operation = (type: string, inner = '') => `<${type} xmlns="${NS}" xmlns:i="${XSI}"><OperationType>${type}</OperationType>${inner}</${type}>`;

test('AddRole adds a second VM with its own instance; GetRole answers it with the network set only', async () => {
  const before = await cores();
  await succeed(client, 'POST', `${base}/roles`, `<PersistentVMRole xmlns="${NS}" xmlns:i="${XSI}">${roleInner({ role: 'vm2', account: 'rolestore', size: 'Medium', endpoints: '<InputEndpoint><LocalPort>80</LocalPort><Name>HTTP</Name><Port>80</Port><Protocol>tcp</Protocol></InputEndpoint>' })}</PersistentVMRole>`);
  assert.equal(await instanceStatus('vm2'), 'ReadyRole');
  assert.equal(await cores(), before + 2, 'Medium has two cores');
  const role = await client.call('GET', `${base}/roles/vm2`);
  assert.equal(role.status, 200);
  assert.match(role.text, /^<PersistentVMRole xmlns="[^"]+" xmlns:i="[^"]+"><RoleName>vm2<\/RoleName>/);
  assert.match(role.text, /<OSVirtualHardDisk><HostCaching>ReadWrite<\/HostCaching><DiskName>roles-svc-vm2-0-\d+<\/DiskName><MediaLink>https:\/\/rolestore\.blob\.core\.windows\.net\/vhds\/vm2-os\.vhd<\/MediaLink><SourceImageName>[^<]+<\/SourceImageName><OS>Linux<\/OS>/);
  assert.doesNotMatch(role.text, /UserPassword/);
});

test('a role whose public port another role uses, or whose password is weak, is refused at once', async () => {
  const sshAgain = await client.call('POST', `${base}/roles`, { body: `<PersistentVMRole xmlns="${NS}" xmlns:i="${XSI}">${roleInner({ role: 'vm3', account: 'rolestore' })}</PersistentVMRole>` });
  assert.equal(sshAgain.status, 409);
  assert.equal(errorOf(sshAgain.text).message, 'Port 22 is already in use by one of the endpoints in this deployment.');
  const weak = roleInner({ role: 'vm4', account: 'rolestore', endpoints: '' }).replace('Secret-Passw0rd', 'password');
  const refused = await client.call('POST', `${base}/roles`, { body: `<PersistentVMRole xmlns="${NS}" xmlns:i="${XSI}">${weak}</PersistentVMRole>` });
  assert.equal(refused.status, 400);
  assert.equal(errorOf(refused.text).message, 'The supplied password must be 8-123 characters long and meet password complexity requirements.');
});

test('a new VM needs an existing image, a media link into a storage account of the subscription, and a known size', async () => {
  await createService(client, 'roles-checks');
  const post = (options: Parameters<typeof roleInner>[0]) => client.call('POST', '/services/hostedservices/roles-checks/deployments', { body: vmDeploymentBody('d', 'Production', options) });
  const noImage = await post({ role: 'r', account: 'rolestore', image: 'no-such-image' });
  assert.deepEqual(errorOf(noImage.text), { code: 'ResourceNotFound', message: 'The image with the specified name does not exist.' });
  const noAccount = await post({ role: 'r', account: 'nosuchaccount' });
  assert.equal(noAccount.status, 400);
  assert.match(errorOf(noAccount.text).message ?? '', /storage account nosuchaccount/);
  const noSize = await post({ role: 'r', account: 'rolestore', size: 'Huge' });
  assert.equal(errorOf(noSize.text).message, 'The role size Huge is not valid for virtual machines.');
  const noProvisioning = await client.call('POST', '/services/hostedservices/roles-checks/deployments', {
    body: vmDeploymentBody('d', 'Production', { role: 'r', account: 'rolestore' }).replace(linuxProvisioning('r'), ''),
  });
  assert.match(errorOf(noProvisioning.text).message ?? '', /needs a LinuxProvisioningConfiguration configuration set/);
});

test('ShutdownRole stops the VM (StoppedVM keeps its cores, StoppedDeallocated frees them); StartRole brings it back to ReadyRole', async () => {
  const instance = `${base}/roleinstances/vm1/Operations`;
  const running = await cores();
  await succeed(client, 'POST', instance, operation('ShutdownRoleOperation', '<PostShutdownAction>Stopped</PostShutdownAction>'));
  assert.equal(await instanceStatus('vm1'), 'StoppedVM');
  assert.equal(await cores(), running);
  assert.match((await client.call('GET', base)).text, /<InstanceName>vm1<\/InstanceName>.*?<PowerState>Stopped<\/PowerState>/);
  await succeed(client, 'POST', instance, operation('ShutdownRoleOperation', '<PostShutdownAction>StoppedDeallocated</PostShutdownAction>'));
  assert.equal(await instanceStatus('vm1'), 'StoppedDeallocated');
  assert.equal(await cores(), running - 1, 'Small has one core');
  const restart = await client.call('POST', instance, { body: operation('RestartRoleOperation') });
  assert.equal(restart.status, 400, 'a stopped VM is started, not restarted');
  await succeed(client, 'POST', instance, operation('StartRoleOperation'));
  assert.equal(await instanceStatus('vm1'), 'ReadyRole');
  assert.equal(await cores(), running);
  await succeed(client, 'POST', instance, operation('RestartRoleOperation'));
  assert.equal(await instanceStatus('vm1'), 'ReadyRole');
});

test('with polls, a started instance passes through StartingVM and a restarted one through RoleStateUnknown', async () => {
  emulator.setAsyncTiming({ polls: 1 });
  try {
    const instance = `${base}/roleinstances/vm1/Operations`;
    await succeed(client, 'POST', instance, operation('ShutdownRoleOperation'));
    await succeed(client, 'POST', instance, operation('StartRoleOperation'));
    assert.deepEqual([await instanceStatus('vm1'), await instanceStatus('vm1')], ['StartingVM', 'ReadyRole']);
    await succeed(client, 'POST', instance, operation('RestartRoleOperation'));
    assert.deepEqual([await instanceStatus('vm1'), await instanceStatus('vm1')], ['RoleStateUnknown', 'ReadyRole']);
  } finally {
    emulator.setAsyncTiming({ polls: 0 });
  }
});

test('ShutdownRoles and StartRoles act on several VMs', async () => {
  const roles = '<Roles><Name>vm1</Name><Name>vm2</Name></Roles>';
  await succeed(client, 'POST', `${base}/Roles/Operations`, operation('ShutdownRolesOperation', `${roles}<PostShutdownAction>StoppedDeallocated</PostShutdownAction>`));
  assert.deepEqual([await instanceStatus('vm1'), await instanceStatus('vm2')], ['StoppedDeallocated', 'StoppedDeallocated']);
  await succeed(client, 'POST', `${base}/Roles/Operations`, operation('StartRolesOperation', roles));
  assert.deepEqual([await instanceStatus('vm1'), await instanceStatus('vm2')], ['ReadyRole', 'ReadyRole']);
});

test('UpdateRole resizes a VM and changes its endpoints', async () => {
  const body = `<PersistentVMRole xmlns="${NS}" xmlns:i="${XSI}"><RoleName>vm2</RoleName><RoleType>PersistentVMRole</RoleType><ConfigurationSets>${networkSet('<InputEndpoint><LocalPort>8080</LocalPort><Name>Web</Name><Port>8080</Port><Protocol>tcp</Protocol></InputEndpoint>')}</ConfigurationSets><RoleSize>Large</RoleSize></PersistentVMRole>`;
  await succeed(client, 'PUT', `${base}/roles/vm2`, body);
  const role = (await client.call('GET', `${base}/roles/vm2`)).text;
  assert.equal(elementText(role, 'RoleSize'), 'Large');
  assert.match(role, /<Name>Web<\/Name><Port>8080<\/Port>/);
  assert.match((await client.call('GET', base)).text, /<InstanceName>vm2<\/InstanceName>.*?<InstanceSize>Large<\/InstanceSize>/);
});

test('DeleteRole removes a VM but never the last one, and its disk stays unless comp=media', async () => {
  await succeed(client, 'DELETE', `${base}/roles/vm2`);
  assert.equal((await client.call('GET', `${base}/roles/vm2`)).status, 404);
  assert.match((await client.call('GET', '/services/disks')).text, /<Name>roles-svc-vm2-0-\d+<\/Name>/, 'the OS disk stays, detached');
  const last = await client.call('DELETE', `${base}/roles/vm1`);
  assert.equal(last.status, 400);
  assert.equal(errorOf(last.text).message, 'Role vm1 is the only role present in the deployment and so cannot be removed. Please delete the deployment or add another role before removing this role.');
});

test('the RDP file needs an endpoint to port 3389', async () => {
  const refused = await client.call('GET', `${base}/roleinstances/vm1/ModelFile?FileType=RDP`);
  assert.equal(refused.status, 400);
  assert.equal(errorOf(refused.text).message, 'An external endpoint to the Remote Desktop port (3389) must first be added to the role.');
});
