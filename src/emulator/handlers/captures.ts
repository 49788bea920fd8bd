/**
 * Capturing a virtual machine as an image. CaptureRole makes an OS image of a stopped VM's OS disk; then the VM
 * is deleted (PostCaptureAction Delete; the last VM takes its deployment with it) or provisioned again from the
 * new image (Reprovision, with a new provisioning set). CaptureVMImage makes a VM image of the OS and data disks:
 * a generalized VM (which must be stopped) is deleted afterwards, a specialized one is left stopped.
 */
import type { CaptureRoleAsVMImageOperation, CaptureRoleOperationBody } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import { checkProvisioningSet } from '../compute/configuration-sets.js';
import { removeDeployment, removeRole } from '../compute/deployments.js';
import { attachment, releaseDisk } from '../compute/disks.js';
import { envOf, nameStamp, type ComputeEnv } from '../compute/env.js';
import { osImageOf, vmImageOf } from '../compute/images.js';
import { moveInstance, PROVISIONING, READY, settledPhase, STOPPED_VM } from '../instance-progress.js';
import { accountOfMediaLink, regionOf, siblingBlob } from '../placement.js';
import type { DeploymentRecord, DiskRecord, HostedServiceRecord, OSImageRecord, RoleInstanceRecord, RoleRecord, VMImageRecord } from '../records.js';
import { keyOf, nowIso } from '../state.js';
import { findInstance } from './lookup.js';
import { stringParam, type HandlerContext, type HandlerTable } from './types.js';
import { completeOn, vmDeployment } from './vm-operations.js';

interface Target {
  instance: RoleInstanceRecord;
  role: RoleRecord;
  osDisk: DiskRecord;
}

function targetOf(env: ComputeEnv, deployment: DeploymentRecord, instanceName: string, mustBeStopped: boolean): Target {
  const instance = findInstance(deployment, instanceName);
  const role = deployment.roles.get(keyOf(instance.RoleName))!;
  const osDisk = env.subscription.disks.get(keyOf(role.OSVirtualHardDisk?.DiskName ?? ''));
  if (osDisk === undefined) throw errors.badRequest(`Role ${role.RoleName} has no OS disk to capture.`);
  if (mustBeStopped && settledPhase(instance).PowerState !== 'Stopped') {
    throw errors.badRequest(`The virtual machine ${role.RoleName} must be stopped before it is captured.`);
  }
  return { instance, role, osDisk };
}

/** Takes the captured VM away (its disks went into the image) and the deployment with its last VM. */
function retire(env: ComputeEnv, service: HostedServiceRecord, deployment: DeploymentRecord, role: RoleRecord): void {
  removeRole(env, deployment, role, true);
  if (deployment.roles.size === 0) removeDeployment(env, service, deployment, true);
}

function newOsImage(env: ComputeEnv, target: Target, body: CaptureRoleOperationBody): OSImageRecord {
  const account = accountOfMediaLink(env.subscription, target.osDisk.MediaLink);
  return {
    Category: 'User', Label: body.TargetImageLabel, Location: regionOf(env.subscription, account), LogicalSizeInGB: target.osDisk.LogicalDiskSizeInGB,
    MediaLink: siblingBlob(target.osDisk.MediaLink, `${body.TargetImageName}-${nameStamp()}.vhd`), Name: body.TargetImageName,
    OS: target.osDisk.OS ?? 'Windows', IsPremium: false, OSState: 'Generalized', IOType: 'Standard', PublishedDate: new Date(),
  };
}

/** Reprovision: a new OS disk from the captured image, a new provisioning set, and provisioning again. */
function reprovision(env: ComputeEnv, service: HostedServiceRecord, deployment: DeploymentRecord, target: Target, image: OSImageRecord, body: CaptureRoleOperationBody): void {
  const { role } = target;
  releaseDisk(env.subscription, target.osDisk.Name, true);
  const disk: DiskRecord = {
    Name: `${service.ServiceName}-${role.RoleName}-0-${nameStamp()}`, OS: image.OS, MediaLink: siblingBlob(image.MediaLink!, `${role.RoleName}-${nameStamp()}.vhd`),
    LogicalDiskSizeInGB: target.osDisk.LogicalDiskSizeInGB, SourceImageName: image.Name, Location: image.Location, CreatedTime: nowIso(), IOType: 'Standard',
    attachedTo: attachment(service, deployment.Name, role.RoleName),
  };
  env.subscription.disks.set(keyOf(disk.Name), disk);
  role.OSVirtualHardDisk = { ...role.OSVirtualHardDisk, DiskName: disk.Name, MediaLink: disk.MediaLink, SourceImageName: image.Name };
  role.ConfigurationSets = [...role.ConfigurationSets.filter((s) => s.ConfigurationSetType === 'NetworkConfiguration'), body.ProvisioningConfiguration!];
  moveInstance(target.instance, [PROVISIONING], READY, env.timing);
}

function checkCaptureRole(env: ComputeEnv, deployment: DeploymentRecord, instanceName: string, body: CaptureRoleOperationBody): Target {
  const target = targetOf(env, deployment, instanceName, true);
  if (osImageOf(env.state, env.subscription, body.TargetImageName) !== undefined) throw errors.conflict(`An image named ${body.TargetImageName} already exists.`);
  checkBound(env.state, 'osImages', 'OS images per subscription', env.subscription.osImages.size);
  if (body.PostCaptureAction === 'Reprovision') {
    // The spec's requiredIf rule (checked on receipt) guarantees the set, with the service's message when missing.
    checkProvisioningSet([body.ProvisioningConfiguration!], target.osDisk.OS ?? 'Windows', target.role.RoleName);
  }
  return target;
}

function captureRole(ctx: HandlerContext<'CaptureRole'>) {
  const { service, deployment, resource } = vmDeployment(ctx);
  const instanceName = stringParam(ctx, 'RoleInstanceName');
  const body = ctx.body;
  const env = envOf(ctx);
  checkCaptureRole(env, deployment, instanceName, body);
  return completeOn(ctx, service, deployment, resource, (d, s) => {
    const target = checkCaptureRole(env, d, instanceName, body);
    const image = newOsImage(env, target, body);
    env.subscription.osImages.set(keyOf(image.Name), image);
    if (body.PostCaptureAction === 'Delete') retire(env, s, d, target.role);
    else reprovision(env, s, d, target, image, body);
  });
}

function newVmImage(env: ComputeEnv, service: HostedServiceRecord, deployment: DeploymentRecord, target: Target, body: CaptureRoleAsVMImageOperation): VMImageRecord {
  const stamp = nameStamp();
  const now = new Date();
  const copy = (link: string, part: string) => siblingBlob(link, `${body.VMImageName}-${part}-${stamp}.vhd`);
  const dataDisks = target.role.DataVirtualHardDisks.map((d) => ({ entry: d, disk: env.subscription.disks.get(keyOf(d.DiskName ?? '')) }));
  return {
    Name: body.VMImageName, Label: body.VMImageLabel, Category: 'User', Description: body.Description,
    OSDiskConfiguration: {
      Name: `${body.VMImageName}-os-${stamp}`, HostCaching: target.role.OSVirtualHardDisk?.HostCaching ?? 'ReadWrite', OSState: body.OSState,
      OS: target.osDisk.OS, MediaLink: copy(target.osDisk.MediaLink, 'os'), LogicalDiskSizeInGB: target.osDisk.LogicalDiskSizeInGB, IOType: 'Standard',
    },
    DataDiskConfigurations: dataDisks.map(({ entry, disk }) => ({
      Name: `${body.VMImageName}-datadisk-${entry.Lun ?? 0}-${stamp}`, HostCaching: entry.HostCaching ?? 'None', Lun: entry.Lun ?? 0,
      MediaLink: copy(disk?.MediaLink ?? target.osDisk.MediaLink, `data-${entry.Lun ?? 0}`), LogicalDiskSizeInGB: disk?.LogicalDiskSizeInGB ?? 10, IOType: 'Standard',
    })),
    ServiceName: service.ServiceName, DeploymentName: deployment.Name, RoleName: target.role.RoleName, Location: target.osDisk.Location,
    CreatedTime: now, ModifiedTime: now, Language: body.Language, ImageFamily: body.ImageFamily, RecommendedVMSize: body.RecommendedVMSize,
    IsPremium: false, VMImageState: 'VMImageReadyForUse', RoleStateOnCapture: settledPhase(target.instance).InstanceStatus,
    RoleSizeOnCapture: target.role.RoleSize,
  };
}

function checkCaptureVmImage(env: ComputeEnv, deployment: DeploymentRecord, instanceName: string, body: CaptureRoleAsVMImageOperation): Target {
  const target = targetOf(env, deployment, instanceName, body.OSState === 'Generalized');
  if (vmImageOf(env.state, env.subscription, body.VMImageName) !== undefined) throw errors.conflict(`A VM image named ${body.VMImageName} already exists.`);
  checkBound(env.state, 'vmImages', 'VM images per subscription', env.subscription.vmImages.size);
  return target;
}

function captureVmImage(ctx: HandlerContext<'CaptureVMImage'>) {
  const { service, deployment, resource } = vmDeployment(ctx);
  const instanceName = stringParam(ctx, 'RoleInstanceName');
  const body = ctx.body;
  const env = envOf(ctx);
  checkCaptureVmImage(env, deployment, instanceName, body);
  return completeOn(ctx, service, deployment, resource, (d, s) => {
    const target = checkCaptureVmImage(env, d, instanceName, body);
    const image = newVmImage(env, s, d, target, body);
    env.subscription.vmImages.set(keyOf(image.Name), image);
    if (body.OSState === 'Generalized') retire(env, s, d, target.role);
    else if (settledPhase(target.instance).PowerState !== 'Stopped') moveInstance(target.instance, [], STOPPED_VM, env.timing);
  });
}

export const captureHandlers: HandlerTable = {
  CaptureRole: captureRole,
  CaptureVMImage: captureVmImage,
};
