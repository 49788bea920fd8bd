/**
 * The documents' data objects mapped onto the service's wire models, without a server: OSDisk, DataDisk, the
 * configuration sets, VMRole, the deployment options, capture options, OS image and hosted service defaults.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureOperation } from '../../src/compat/data-objects/capture.js';
import { configurationSet, inputEndpoint } from '../../src/compat/data-objects/configuration-sets.js';
import { deploymentSlot, virtualMachineDeployment } from '../../src/compat/data-objects/deployment.js';
import { dataVirtualHardDisk, osVirtualHardDisk } from '../../src/compat/data-objects/disks.js';
import { hostedService, needsPlacement } from '../../src/compat/data-objects/hosted-service.js';
import { osImage } from '../../src/compat/data-objects/os-image.js';
import { needsOsMediaLink, persistentVMRole, withOsMediaLink } from '../../src/compat/data-objects/role.js';
import { pickLocation } from '../../src/compat/default-location.js';
import { accountFor, blobEndpoint, timeStamp } from '../../src/compat/default-media-link.js';
import { ValidationError } from '../../src/core/errors.js';

test('OSDisk: DisableWriteCache becomes HostCaching, the other members keep their names', () => {
  assert.deepEqual(osVirtualHardDisk({ SourceImageName: 'img', DisableWriteCache: true, DiskName: 'd', MediaLink: 'https://a/b.vhd' }),
    { SourceImageName: 'img', DiskName: 'd', MediaLink: 'https://a/b.vhd', HostCaching: 'ReadOnly' });
  assert.deepEqual(osVirtualHardDisk({ SourceImageName: 'img', DisableWriteCache: false }), { SourceImageName: 'img', HostCaching: 'ReadWrite' });
  assert.deepEqual(osVirtualHardDisk({ SourceImageName: 'img' }), { SourceImageName: 'img' });
  assert.equal(osVirtualHardDisk({ DisableWriteCache: true, HostCaching: 'None' }).HostCaching, 'None', 'an explicit HostCaching wins');
});

test('DataDisk: the cache booleans become HostCaching; LUN becomes Lun, numbers given as text become numbers', () => {
  const cases: Array<[Record<string, unknown>, string | undefined]> = [
    [{}, undefined],
    [{ DisableReadCache: false }, 'ReadOnly'],
    [{ EnableWriteCache: false }, 'ReadOnly'],
    [{ EnableWriteCache: true }, 'ReadWrite'],
    [{ DisableReadCache: true }, 'None'],
    [{ DisableReadCache: true, EnableWriteCache: false }, 'None'],
  ];
  for (const [flags, expected] of cases) {
    assert.equal(dataVirtualHardDisk('AddDataDisk', { LUN: 1, ...flags }).HostCaching, expected, JSON.stringify(flags));
  }
  assert.deepEqual(dataVirtualHardDisk('AddDataDisk', { LogicalDiskSizeInGB: '10', LUN: '0' }), { Lun: 0, LogicalDiskSizeInGB: 10 });
  assert.deepEqual(dataVirtualHardDisk('AddDataDisk', { DiskName: 'disk', MediaLink: 'm', SourceMediaLink: 's', LUN: 3 }),
    { DiskName: 'disk', MediaLink: 'm', SourceMediaLink: 's', Lun: 3 });
  assert.equal(dataVirtualHardDisk('UpdateDataDisk', { MediaLink: 'm' }, 7).Lun, 7, 'the LUN of the call when the object has none');
  assert.equal(dataVirtualHardDisk('UpdateDataDisk', { LUN: 2 }, 7).Lun, 2);
});

test('DataDisk: write caching without read caching has no HostCaching value and is refused', () => {
  assert.throws(() => dataVirtualHardDisk('AddDataDisk', { DisableReadCache: true, EnableWriteCache: true }), (err: unknown) =>
    err instanceof ValidationError && err.operation === 'AddDataDisk' && /EnableWriteCache/.test(err.message));
});

test('ProvisioningConfiguration: Windows by default, MachineName -> ComputerName', () => {
  assert.deepEqual(configurationSet({ ConfigurationSetType: 'ProvisioningConfiguration', AdminPassword: 'p', MachineName: 'm', ResetPasswordOnFirstLogon: false }),
    { ConfigurationSetType: 'WindowsProvisioningConfiguration', AdminPassword: 'p', ComputerName: 'm', ResetPasswordOnFirstLogon: false });
});

test('ProvisioningConfiguration with Linux members: Linux, MachineName -> HostName, AdminPassword -> UserPassword', () => {
  assert.deepEqual(configurationSet({ ConfigurationSetType: 'ProvisioningConfiguration', AdminPassword: 'p', MachineName: 'm', UserName: 'u', ResetPasswordOnFirstLogon: true }),
    { ConfigurationSetType: 'LinuxProvisioningConfiguration', HostName: 'm', UserName: 'u', UserPassword: 'p' });
});

test('wire-named configuration sets pass; azure@0.7.x EnableAutomaticUpdate is renamed', () => {
  assert.deepEqual(configurationSet({ ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: 'c', EnableAutomaticUpdate: true, AdminUsername: 'a' }),
    { ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: 'c', EnableAutomaticUpdates: true, AdminUsername: 'a' });
  assert.deepEqual(configurationSet({ ConfigurationSetType: 'LinuxProvisioningConfiguration', HostName: 'h', UserName: 'u', UserPassword: 'p' }),
    { ConfigurationSetType: 'LinuxProvisioningConfiguration', HostName: 'h', UserName: 'u', UserPassword: 'p' });
});

test('NetworkConfiguration: ExternalEndpoints become InputEndpoints with numeric ports', () => {
  assert.deepEqual(configurationSet({ ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ Name: 'e', Protocol: 'tcp', Port: '59919', LocalPort: '3395' }] }),
    { ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ Name: 'e', Protocol: 'tcp', Port: 59919, LocalPort: 3395 }] });
  assert.deepEqual(inputEndpoint({ Name: 'x', Port: 80, LocalPort: 8080, Protocol: 'tcp', LoadBalancedEndpointSetName: 'set' }),
    { Name: 'x', Port: 80, LocalPort: 8080, Protocol: 'tcp', LoadBalancedEndpointSetName: 'set' });
});

test('VMRole: OSDisk, DataDisks and configuration sets mapped; RoleType defaults to PersistentVMRole on creation only', () => {
  const vmRole = {
    RoleName: 'r', RoleSize: 'Small', OSDisk: { SourceImageName: 'img' }, DataDisks: [{ LogicalDiskSizeInGB: 10, LUN: 0 }],
    ConfigurationSets: [{ ConfigurationSetType: 'ProvisioningConfiguration' as const, MachineName: 'm' }],
  };
  assert.deepEqual(persistentVMRole(vmRole, { operation: 'AddRole', creating: true }), {
    RoleName: 'r', RoleSize: 'Small', RoleType: 'PersistentVMRole', OSVirtualHardDisk: { SourceImageName: 'img' },
    DataVirtualHardDisks: [{ LogicalDiskSizeInGB: 10, Lun: 0 }],
    ConfigurationSets: [{ ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: 'm' }],
  });
  const modified = persistentVMRole({ RoleSize: 'Medium' }, { operation: 'UpdateRole', creating: false, roleName: 'r' });
  assert.deepEqual(modified, { RoleName: 'r', RoleSize: 'Medium' });
  assert.equal(persistentVMRole({ RoleName: 'r', RoleType: 'Other' }, { operation: 'AddRole', creating: true }).RoleType, 'Other');
  assert.deepEqual(vmRole.OSDisk, { SourceImageName: 'img' }, 'the caller\'s object is not changed');
});

test('VMRole in wire names passes unchanged', () => {
  const wire = { RoleName: 'r', OSVirtualHardDisk: { SourceImageName: 'i', HostCaching: 'ReadWrite' }, DataVirtualHardDisks: [{ Lun: 1 }], AvailabilitySetName: 'set' };
  assert.deepEqual(persistentVMRole(wire, { operation: 'AddRole', creating: false }), wire);
});

test('CreateDeployment: slot Production, Label = deployment name; UpgradeDomainCount left out', () => {
  const input = virtualMachineDeployment('svc', 'dep', { RoleName: 'r', OSDisk: { SourceImageName: 'i' } }, { UpgradeDomainCount: 3 });
  assert.equal(input.ServiceName, 'svc');
  assert.equal(input.Name, 'dep');
  assert.equal(input.DeploymentSlot, 'Production');
  assert.equal(input.Label, 'dep');
  assert.equal('UpgradeDomainCount' in input, false);
  assert.equal(input.RoleList[0]!.RoleType, 'PersistentVMRole');
  const staged = virtualMachineDeployment('svc', 'dep', { RoleName: 'r' }, { DeploymentSlot: 'Staging', Label: 'Deployment Label', VirtualNetworkName: 'net' });
  assert.deepEqual([staged.DeploymentSlot, staged.Label, staged.VirtualNetworkName], ['Staging', 'Deployment Label', 'net']);
});

test('deployment slots in any case, and the first document\'s "Staged"', () => {
  assert.equal(deploymentSlot('staging'), 'Staging');
  assert.equal(deploymentSlot('Staged'), 'Staging');
  assert.equal(deploymentSlot('PRODUCTION'), 'Production');
  assert.equal(deploymentSlot('Elsewhere'), 'Elsewhere');
});

test('CaptureRoleInstance options: PostCaptureActions -> PostCaptureAction, ProvisioningConfiguration mapped, SupportsStatelessDeployment left out', () => {
  const body = captureOperation({
    PostCaptureActions: 'Reprovision', SupportsStatelessDeployment: true, TargetImageLabel: 'label', TargetImageName: 'image',
    ProvisioningConfiguration: { ConfigurationSetType: 'ProvisioningConfiguration', AdminPassword: 'p', MachineName: 'm' },
  });
  assert.deepEqual(body, {
    OperationType: 'CaptureRoleOperation', PostCaptureAction: 'Reprovision', TargetImageLabel: 'label', TargetImageName: 'image',
    ProvisioningConfiguration: { ConfigurationSetType: 'WindowsProvisioningConfiguration', AdminPassword: 'p', ComputerName: 'm' },
  });
  assert.equal(captureOperation({ PostCaptureActions: ['Delete'], TargetImageLabel: 'l', TargetImageName: 'n' }).PostCaptureAction, 'Delete');
  assert.throws(() => captureOperation({ PostCaptureActions: ['Delete', 'Reprovision'] }), ValidationError);
});

test('CreateOSImage: Label defaults to the image name; RoleSize is RecommendedVMSize', () => {
  assert.deepEqual(osImage('img', 'https://a/b.vhd', undefined), { Name: 'img', MediaLink: 'https://a/b.vhd', Label: 'img' });
  assert.deepEqual(osImage('img', 'l', { Label: 'L', Category: 'c', Location: 'West US', RoleSize: 'Small', OS: 'Linux' }),
    { Name: 'img', MediaLink: 'l', Label: 'L', Category: 'c', Location: 'West US', RecommendedVMSize: 'Small', OS: 'Linux' });
});

test('CreateHostedService: Description "Service host", Label = name, empty values count as absent', () => {
  assert.deepEqual(hostedService('svc', undefined), { ServiceName: 'svc', Label: 'svc', Description: 'Service host' });
  assert.deepEqual(hostedService('svc', { Label: '', Description: '', AffinityGroup: 'ag' }), { ServiceName: 'svc', Label: 'svc', Description: 'Service host', AffinityGroup: 'ag' });
  assert.equal(needsPlacement(hostedService('svc', undefined)), true);
  assert.equal(needsPlacement(hostedService('svc', { Location: 'East US' })), false);
});

test('the default location: the first offering virtual machines, else cloud services', () => {
  assert.equal(pickLocation([{ Name: 'A', AvailableServices: ['Storage'] }, { Name: 'B', AvailableServices: ['Compute'] }, { Name: 'C', AvailableServices: ['Compute', 'PersistentVMRole'] }]), 'C');
  assert.equal(pickLocation([{ Name: 'A', AvailableServices: ['Storage'] }, { Name: 'B', AvailableServices: ['Compute'] }]), 'B');
  assert.equal(pickLocation([{ Name: 'A', AvailableServices: ['Storage'] }]), undefined);
});

test('the OS disk blob: an account beside the cloud service, its blob endpoint, a UTC time stamp', () => {
  const accounts = [
    { ServiceName: 'far', StorageServiceProperties: { Location: 'West US' } },
    { ServiceName: 'grouped', StorageServiceProperties: { AffinityGroup: 'AG1' } },
    { ServiceName: 'near', StorageServiceProperties: { Location: 'east us', Endpoints: ['https://near.queue.core.windows.net/', 'https://near.blob.core.windows.net'] } },
  ];
  assert.equal(accountFor({ Location: 'East US' }, accounts)?.ServiceName, 'near');
  assert.equal(accountFor({ AffinityGroup: 'ag1' }, accounts)?.ServiceName, 'grouped');
  assert.equal(accountFor({ Location: 'North Europe' }, accounts), undefined);
  assert.equal(blobEndpoint(accounts[2]!), 'https://near.blob.core.windows.net/');
  assert.equal(blobEndpoint(accounts[0]!), 'https://far.blob.core.windows.net/');
  assert.equal(timeStamp(new Date('2013-03-04T11:34:55.123Z')), '20130304113455123');
  assert.equal(needsOsMediaLink({ RoleName: 'r', OSVirtualHardDisk: { SourceImageName: 'i' } }), true);
  assert.equal(needsOsMediaLink({ RoleName: 'r', OSVirtualHardDisk: { SourceImageName: 'i', MediaLink: 'm' } }), false);
  assert.equal(needsOsMediaLink({ RoleName: 'r', OSVirtualHardDisk: { DiskName: 'existing' } }), false);
  assert.equal(needsOsMediaLink({ RoleName: 'r', OSVirtualHardDisk: { SourceImageName: 'i' }, MediaLocation: 'https://a.blob.core.windows.net/c' }), false);
  assert.deepEqual(withOsMediaLink({ RoleName: 'r', OSVirtualHardDisk: { SourceImageName: 'i' } }, 'm').OSVirtualHardDisk, { SourceImageName: 'i', MediaLink: 'm' });
});
