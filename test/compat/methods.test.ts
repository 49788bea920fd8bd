/**
 * Every documented method against the emulator: the request it sends (verb, path, and the body as the emulator
 * read it against the spec), the documented defaults, and the response object it reports. Hosted services and
 * operation status use the emulator's own semantics; the virtual machine operations use recording handlers
 * (recording-handlers.ts). Each camelCase alias sends the same request as its documented method.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { IaasClient } from '../../src/compat/iaas-client.js';
import MethodNames from '../../src/compat/method-names.cjs';
import type { ResponseObject } from '../../src/compat/types.js';
import type { Emulator } from '../../src/emulator/server.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { startTestEmulator } from '../support/emulator.js';
import { recordingHandlers } from './recording-handlers.js';
import { facadeFor, lastRequest, pathOf } from './support.js';

clearProxyEnvironment();

const osDiskWire = { HostCaching: 'ReadWrite', SourceImageName: 'img', MediaLink: 'https://acct.blob.core.windows.net/vhds/os.vhd', OS: 'Windows' };
const role = { RoleName: 'sampleRole', RoleType: 'PersistentVMRole', RoleSize: 'Small', OSVirtualHardDisk: osDiskWire };
const image = { Name: 'img', Label: 'img', OS: 'Windows', Category: 'Public', LogicalSizeInGB: 30, MediaLink: 'https://acct.blob.core.windows.net/vhds/img.vhd' };
const recorder = recordingHandlers({
  GetRole: role,
  GetDeployment: { Name: 'dep', DeploymentSlot: 'Production', Status: 'Running', Label: 'dep', RoleList: [role] },
  GetDeploymentBySlot: { Name: 'dep', DeploymentSlot: 'Staging', Status: 'Running', Label: 'dep', RoleList: [role] },
  GetOSImage: image,
  ListOSImages: [image, { ...image, Name: 'img2', Label: 'img2', OS: 'Linux' }],
  GetStorageAccountKeys: { Url: 'https://example/services/storageservices/acct', StorageServiceKeys: { Primary: 'cHJpbWFyeQ==', Secondary: 'c2Vjb25kYXJ5' } },
});

/** The sample program's role, verbatim. */
const sampleRole = {
  RoleName: 'sampleRole',
  RoleSize: 'Small',
  OSDisk: { SourceImageName: 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd' },
  DataDisks: [{ LogicalDiskSizeInGB: 10, LUN: 0 }],
  ConfigurationSets: [
    { ConfigurationSetType: 'ProvisioningConfiguration', AdminPassword: 'myAdminPwd1', MachineName: 'sampleMach1', ResetPasswordOnFirstLogon: false },
    { ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ Name: 'endpname1', Protocol: 'tcp', Port: '59919', LocalPort: '3395' }] },
  ],
};

/** Arguments each documented method is called with (callbacks are added by the tests). */
const ARGS: Record<MethodNames.Documented, unknown[]> = {
  GetOperationStatus: ['0123456789abcdef0123456789abcdef'],
  GetOSImage: ['img'],
  ListOSImages: [],
  CreateOSImage: ['newimg', 'https://acct.blob.core.windows.net/vhds/new.vhd'],
  ListHostedServices: [],
  GetHostedService: ['svc'],
  CreateHostedService: ['aliassvc'],
  GetStorageAccountKeys: ['acct'],
  GetDeployment: ['svc', 'dep'],
  GetDeploymentBySlot: ['svc', 'Production'],
  CreateDeployment: ['svc', 'dep', sampleRole],
  GetRole: ['svc', 'dep', 'sampleRole'],
  AddRole: ['svc', 'dep', { ...sampleRole, RoleName: 'second' }],
  ModifyRole: ['svc', 'dep', 'sampleRole', { RoleSize: 'Medium' }],
  DeleteRole: ['svc', 'dep', 'second'],
  AddDataDisk: ['svc', 'dep', 'sampleRole', { LogicalDiskSizeInGB: 20, LUN: 1 }],
  ModifyDataDisk: ['svc', 'dep', 'sampleRole', 1, { DisableReadCache: true }],
  RemoveDataDisk: ['svc', 'dep', 'sampleRole', 1],
  ShutdownRoleInstance: ['svc', 'dep', 'sampleRole'],
  RestartRoleInstance: ['svc', 'dep', 'sampleRole'],
  CaptureRoleInstance: ['svc', 'dep', 'sampleRole', { PostCaptureActions: 'Delete', TargetImageLabel: 'captured', TargetImageName: 'captured' }],
};

let emulator: Emulator;
let client: IaasClient;

/** Calls a method by name with a callback, as the documents do, and resolves with what the callback received. */
function call(target: IaasClient, name: string, args: unknown[]): Promise<ResponseObject> {
  return new Promise((resolve) => {
    const result = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args, resolve);
    assert.equal(result, undefined, `${name} with a callback returns nothing`);
  });
}

function assertAccepted(rsp: ResponseObject): void {
  assert.equal(rsp.isSuccessful, true, JSON.stringify(rsp.error));
  assert.equal(rsp.statusCode, 202);
  assert.deepEqual(rsp.response, {});
  assert.match(rsp.headers['x-ms-request-id'] ?? '', /^[0-9a-f]{32}$/);
}

before(async () => {
  // Counted polls (one InProgress answer), so that the status test sees InProgress before Succeeded.
  emulator = await startTestEmulator({ handlers: recorder.handlers, asyncPolls: 1 });
  client = facadeFor(emulator);
  const created = await client.CreateHostedService('svc', { Location: 'East US' });
  assert.equal(created.isSuccessful, true, JSON.stringify(created.error));
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('GetOperationStatus(requestId, callback): the status of an accepted request until it succeeds', async () => {
  const accepted = await call(client, 'CreateDeployment', ARGS.CreateDeployment);
  const requestId = accepted.headers['x-ms-request-id']!;
  const first = await call(client, 'GetOperationStatus', [requestId]);
  assert.equal(pathOf(emulator, lastRequest(emulator, 'GetOperationStatus')), `/operations/${requestId}`);
  assert.equal(first.isSuccessful, true);
  const status = (rsp: ResponseObject) => rsp.response as { ID: string; Status: string; HttpStatusCode?: number };
  // The service writes the operation id as a GUID, the request id without dashes.
  assert.equal(status(first).ID.replace(/-/g, ''), requestId);
  assert.equal(status(first).Status, 'InProgress');
  const second = await call(client, 'GetOperationStatus', [requestId]);
  assert.deepEqual([status(second).Status, status(second).HttpStatusCode], ['Succeeded', 200]);
});

test('GetOSImage(imagename, callback) and ListOSImages(callback)', async () => {
  const one = await call(client, 'GetOSImage', ['img']);
  assert.equal(pathOf(emulator, lastRequest(emulator, 'GetOSImage')), '/services/images/img');
  assert.deepEqual(one.response, image);
  const list = await call(client, 'ListOSImages', []);
  assert.equal(lastRequest(emulator, 'ListOSImages').method, 'GET');
  assert.deepEqual((list.response as Array<{ Name: string }>).map((i) => i.Name), ['img', 'img2']);
});

test('CreateOSImage(imageName, mediaLink, callback): Label defaults to the image name', async () => {
  const rsp = await call(client, 'CreateOSImage', ['newimg', 'https://acct.blob.core.windows.net/vhds/new.vhd']);
  assert.equal(lastRequest(emulator, 'AddOSImage').method, 'POST');
  assert.deepEqual(recorder.last('AddOSImage').body, { Name: 'newimg', MediaLink: 'https://acct.blob.core.windows.net/vhds/new.vhd', Label: 'newimg' });
  assert.equal(rsp.statusCode, 200);
  assert.equal((rsp.response as { Name: string }).Name, 'newimg', 'the created image');
});

test('CreateOSImage(imageName, mediaLink, imageOptions, callback), and azure@0.7.x createOSImage(typeOs, ...)', async () => {
  await call(client, 'CreateOSImage', ['img3', 'https://a/b.vhd', { Label: 'Three', Category: 'User', Location: 'West US', RoleSize: 'Small' }]);
  assert.deepEqual(recorder.last('AddOSImage').body, { Name: 'img3', MediaLink: 'https://a/b.vhd', Label: 'Three', Category: 'User', Location: 'West US', RecommendedVMSize: 'Small' });
  await call(client, 'createOSImage', ['Linux', 'img4', 'https://a/c.vhd']);
  assert.deepEqual(recorder.last('AddOSImage').body, { Name: 'img4', MediaLink: 'https://a/c.vhd', Label: 'img4', OS: 'Linux' });
  await call(client, 'createOSImage', ['Windows', 'img5', 'https://a/d.vhd', { Label: 'Five' }]);
  assert.deepEqual(recorder.last('AddOSImage').body, { Name: 'img5', MediaLink: 'https://a/d.vhd', Label: 'Five', OS: 'Windows' });
});

test('CreateHostedService(serviceName, callback): Label = name, Description "Service host", a location that offers VMs', async () => {
  const rsp = await call(client, 'CreateHostedService', ['defaulted']);
  assert.equal(rsp.statusCode, 201);
  assert.deepEqual(rsp.response, {});
  const body = lastRequest(emulator, 'CreateHostedService').body;
  assert.match(body, /<ServiceName>defaulted<\/ServiceName><Label>ZGVmYXVsdGVk<\/Label><Description>Service host<\/Description><Location>West US<\/Location>/);
  const read = await call(client, 'GetHostedService', ['defaulted']);
  assert.equal(pathOf(emulator, lastRequest(emulator, 'GetHostedService')), '/services/hostedservices/defaulted');
  assert.deepEqual((read.response as { HostedServiceProperties: Record<string, unknown> }).HostedServiceProperties.Label, 'defaulted');
});

test('CreateHostedService(serviceName, serviceOptions, callback) with options, and options.location as the default', async () => {
  await call(client, 'CreateHostedService', ['withoptions', { Label: 'My label', Description: 'Mine', AffinityGroup: undefined, Location: 'North Europe' }]);
  assert.match(lastRequest(emulator, 'CreateHostedService').body, /<Label>TXkgbGFiZWw=<\/Label><Description>Mine<\/Description><Location>North Europe<\/Location>/);
  const placed = facadeFor(emulator, { location: 'East Asia' });
  try {
    await call(placed, 'CreateHostedService', ['placed']);
    assert.match(lastRequest(emulator, 'CreateHostedService').body, /<Location>East Asia<\/Location>/);
  } finally {
    await placed.close();
  }
});

test('ListHostedServices(callback): an array of hosted services', async () => {
  const rsp = await call(client, 'ListHostedServices', []);
  assert.ok(Array.isArray(rsp.response));
  assert.ok((rsp.response as Array<{ ServiceName: string }>).some((s) => s.ServiceName === 'svc'));
});

test('GetStorageAccountKeys(serviceName, callback)', async () => {
  const rsp = await call(client, 'GetStorageAccountKeys', ['acct']);
  assert.equal(pathOf(emulator, lastRequest(emulator, 'GetStorageAccountKeys')), '/services/storageservices/acct/keys');
  assert.deepEqual((rsp.response as { StorageServiceKeys: unknown }).StorageServiceKeys, { Primary: 'cHJpbWFyeQ==', Secondary: 'c2Vjb25kYXJ5' });
});

test('GetDeployment(serviceName, deploymentName, callback) and GetDeploymentBySlot(serviceName, deploymentSlot, callback)', async () => {
  const byName = await call(client, 'GetDeployment', ['svc', 'dep']);
  assert.equal(pathOf(emulator, lastRequest(emulator, 'GetDeployment')), '/services/hostedservices/svc/deployments/dep');
  assert.equal((byName.response as { RoleList: unknown[] }).RoleList.length, 1);
  const bySlot = await call(client, 'GetDeploymentBySlot', ['svc', 'staging']);
  assert.equal(pathOf(emulator, lastRequest(emulator, 'GetDeploymentBySlot')), '/services/hostedservices/svc/deploymentslots/Staging');
  assert.equal((bySlot.response as { DeploymentSlot: string }).DeploymentSlot, 'Staging');
});

test('CreateDeployment(serviceName, deploymentName, VMRole, callback): the sample role on the wire, with the defaults', async () => {
  assertAccepted(await call(client, 'CreateDeployment', ARGS.CreateDeployment));
  assert.equal(pathOf(emulator, lastRequest(emulator, 'CreateVirtualMachineDeployment')), '/services/hostedservices/svc/deployments');
  assert.deepEqual(recorder.last('CreateVirtualMachineDeployment').body, {
    Name: 'dep', DeploymentSlot: 'Production', Label: 'dep',
    RoleList: [{
      RoleName: 'sampleRole', RoleType: 'PersistentVMRole', RoleSize: 'Small',
      ConfigurationSets: [
        { ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: 'sampleMach1', AdminPassword: 'myAdminPwd1', ResetPasswordOnFirstLogon: false },
        { ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ LocalPort: 3395, Name: 'endpname1', Port: 59919, Protocol: 'tcp' }] },
      ],
      DataVirtualHardDisks: [{ Lun: 0, LogicalDiskSizeInGB: 10 }],
      OSVirtualHardDisk: { SourceImageName: 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd' },
    }],
  });
});

test('CreateDeployment(serviceName, deploymentName, VMRole, deployOptions, callback)', async () => {
  assertAccepted(await call(client, 'CreateDeployment', ['svc', 'dep', sampleRole, { DeploymentSlot: 'Staging', Label: 'Deployment Label', UpgradeDomainCount: 2 }]));
  const body = recorder.last('CreateVirtualMachineDeployment').body as Record<string, unknown>;
  assert.deepEqual([body['DeploymentSlot'], body['Label'], 'UpgradeDomainCount' in body], ['Staging', 'Deployment Label', false]);
});

test('GetRole(serviceName, deploymentName, roleName, callback)', async () => {
  const rsp = await call(client, 'GetRole', ARGS.GetRole);
  assert.equal(pathOf(emulator, lastRequest(emulator, 'GetRole')), '/services/hostedservices/svc/deployments/dep/roles/sampleRole');
  assert.deepEqual(rsp.response, role);
});

test('AddRole(serviceName, deploymentName, VMRole, callback): RoleType defaults to PersistentVMRole', async () => {
  assertAccepted(await call(client, 'AddRole', ARGS.AddRole));
  assert.equal(pathOf(emulator, lastRequest(emulator, 'AddRole')), '/services/hostedservices/svc/deployments/dep/roles');
  const body = recorder.last('AddRole').body as Record<string, unknown>;
  assert.deepEqual([body['RoleName'], body['RoleType'], body['OSVirtualHardDisk']], ['second', 'PersistentVMRole', { SourceImageName: 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd' }]);
});

test('ModifyRole(serviceName, deploymentName, roleName, VMRole, callback): PUT, the role named by the call', async () => {
  assertAccepted(await call(client, 'ModifyRole', ARGS.ModifyRole));
  const request = lastRequest(emulator, 'UpdateRole');
  assert.equal(request.method, 'PUT');
  assert.equal(pathOf(emulator, request), '/services/hostedservices/svc/deployments/dep/roles/sampleRole');
  // RoleType is a constant of the wire model: the typed client always writes it.
  assert.deepEqual(recorder.last('UpdateRole').body, { RoleName: 'sampleRole', RoleType: 'PersistentVMRole', RoleSize: 'Medium' });
});

test('DeleteRole(serviceName, deploymentName, roleName, callback): the disks stay (no comp=media)', async () => {
  assertAccepted(await call(client, 'DeleteRole', ARGS.DeleteRole));
  const request = lastRequest(emulator, 'DeleteRole');
  assert.equal(request.method, 'DELETE');
  assert.equal(pathOf(emulator, request), '/services/hostedservices/svc/deployments/dep/roles/second');
});

test('AddDataDisk(serviceName, deploymentName, roleName, datadisk, callback)', async () => {
  assertAccepted(await call(client, 'AddDataDisk', ARGS.AddDataDisk));
  assert.equal(pathOf(emulator, lastRequest(emulator, 'AddDataDisk')), '/services/hostedservices/svc/deployments/dep/roles/sampleRole/DataDisks');
  assert.deepEqual(recorder.last('AddDataDisk').body, { Lun: 1, LogicalDiskSizeInGB: 20 });
});

test('ModifyDataDisk(serviceName, deploymentName, roleName, LUN, datadisk, callback): LUN as number or text', async () => {
  const rsp = await call(client, 'ModifyDataDisk', ['svc', 'dep', 'sampleRole', '1', { DisableReadCache: true }]);
  assert.equal(rsp.statusCode, 200);
  const request = lastRequest(emulator, 'UpdateDataDisk');
  assert.equal(request.method, 'PUT');
  assert.equal(pathOf(emulator, request), '/services/hostedservices/svc/deployments/dep/roles/sampleRole/DataDisks/1');
  assert.deepEqual(recorder.last('UpdateDataDisk').body, { HostCaching: 'None', Lun: 1 });
});

test('RemoveDataDisk(serviceName, deploymentName, roleName, LUN, callback): the VHD stays (no comp=media)', async () => {
  assertAccepted(await call(client, 'RemoveDataDisk', ARGS.RemoveDataDisk));
  const request = lastRequest(emulator, 'DeleteDataDisk');
  assert.equal(request.method, 'DELETE');
  assert.equal(pathOf(emulator, request), '/services/hostedservices/svc/deployments/dep/roles/sampleRole/DataDisks/1');
});

test('ShutdownRoleInstance, RestartRoleInstance(serviceName, deploymentName, roleInstance, callback)', async () => {
  for (const [name, operation] of [['ShutdownRoleInstance', 'ShutdownRole'], ['RestartRoleInstance', 'RestartRole']] as const) {
    assertAccepted(await call(client, name, ARGS[name]));
    const request = lastRequest(emulator, operation);
    assert.equal(pathOf(emulator, request), '/services/hostedservices/svc/deployments/dep/roleinstances/sampleRole/Operations');
    assert.deepEqual(recorder.last(operation).body, { OperationType: `${operation}Operation` });
  }
});

test('CaptureRoleInstance(serviceName, deploymentName, roleInstance, captOptions, callback)', async () => {
  assertAccepted(await call(client, 'CaptureRoleInstance', ['svc', 'dep', 'sampleRole', {
    PostCaptureActions: 'Reprovision', SupportsStatelessDeployment: false, TargetImageLabel: 'captured image', TargetImageName: 'captured',
    ProvisioningConfiguration: { ConfigurationSetType: 'ProvisioningConfiguration', AdminPassword: 'n3wPassw0rd', MachineName: 'again' },
  }]));
  assert.equal(pathOf(emulator, lastRequest(emulator, 'CaptureRole')), '/services/hostedservices/svc/deployments/dep/roleinstances/sampleRole/Operations');
  assert.deepEqual(recorder.last('CaptureRole').body, {
    OperationType: 'CaptureRoleOperation', PostCaptureAction: 'Reprovision', TargetImageLabel: 'captured image', TargetImageName: 'captured',
    ProvisioningConfiguration: { ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: 'again', AdminPassword: 'n3wPassw0rd' },
  });
});

test('each camelCase alias sends the request of its documented method', async () => {
  for (const [alias, name] of Object.entries(MethodNames.ALIASES)) {
    const args = name === 'CreateHostedService' ? [`alias-${alias.toLowerCase()}`] : ARGS[name];
    const before = emulator.requests.length;
    const viaAlias = await call(client, alias, args);
    const aliasRequest = emulator.requests.at(-1)!;
    assert.ok(emulator.requests.length > before, `${alias} sent a request`);
    const viaName = await call(client, name, name === 'CreateHostedService' ? [`named-${alias.toLowerCase()}`] : args);
    const nameRequest = emulator.requests.at(-1)!;
    assert.equal(aliasRequest.operation, nameRequest.operation, alias);
    assert.equal(aliasRequest.method, nameRequest.method, alias);
    if (name !== 'CreateHostedService') assert.equal(aliasRequest.url, nameRequest.url, alias);
    assert.equal(viaAlias.isSuccessful, viaName.isSuccessful, alias);
  }
});

test('every documented method and alias is on the client', () => {
  for (const name of [...MethodNames.DOCUMENTED, ...Object.keys(MethodNames.ALIASES), ...MethodNames.PROXY_SETTERS]) {
    assert.equal(typeof (client as unknown as Record<string, unknown>)[name], 'function', name);
  }
});

test('an OS disk from an image without a MediaLink gets a blob in a storage account where the cloud service is', async () => {
  const created = await client.typedClient.createStorageAccount({ ServiceName: 'portalvhdstest', Label: 'portalvhdstest', Location: 'East US' }, { wait: { minDelayMs: 10 } });
  assert.equal(created.status, 'Succeeded');
  assertAccepted(await call(client, 'CreateDeployment', ARGS.CreateDeployment));
  const role = (recorder.last('CreateVirtualMachineDeployment').body as { RoleList: Array<{ OSVirtualHardDisk: { MediaLink?: string } }> }).RoleList[0]!;
  assert.match(role.OSVirtualHardDisk.MediaLink ?? '', /^https:\/\/portalvhdstest\.blob\.core\.windows\.net\/vhds\/svc-sampleRole-\d{17}\.vhd$/);
  assertAccepted(await call(client, 'AddRole', ARGS.AddRole));
  assert.match((recorder.last('AddRole').body as { OSVirtualHardDisk: { MediaLink?: string } }).OSVirtualHardDisk.MediaLink ?? '', /\/vhds\/svc-second-\d{17}\.vhd$/);
  const given = { ...sampleRole, OSDisk: { SourceImageName: 'img', MediaLink: 'https://mine.blob.core.windows.net/vhds/mine.vhd' } };
  assertAccepted(await call(client, 'CreateDeployment', ['svc', 'dep', given]));
  assert.equal((recorder.last('CreateVirtualMachineDeployment').body as { RoleList: Array<{ OSVirtualHardDisk: { MediaLink?: string } }> }).RoleList[0]!.OSVirtualHardDisk.MediaLink,
    'https://mine.blob.core.windows.net/vhds/mine.vhd', 'a given MediaLink is kept');
  // A cloud service elsewhere (West US) has no account beside it: the request goes as given.
  assertAccepted(await call(client, 'CreateDeployment', ['defaulted', 'dep', sampleRole]));
  assert.equal((recorder.last('CreateVirtualMachineDeployment').body as { RoleList: Array<{ OSVirtualHardDisk: { MediaLink?: string } }> }).RoleList[0]!.OSVirtualHardDisk.MediaLink, undefined);
});
