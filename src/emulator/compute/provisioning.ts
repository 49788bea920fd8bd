/**
 * Creating a VM role (CreateVirtualMachineDeployment, AddRole): checked in full when the request arrives (so
 * that a bad request answers 4xx at once) and again when the operation completes (the world may have changed;
 * the operation then fails with the same error). planRole checks and says what to create; applyRolePlan
 * creates it: the role, its OS and data disks (Disk entries attached to it) and its instance, which provisions
 * before it is ReadyRole.
 */
import { randomBytes } from 'node:crypto';
import type { DataVirtualHardDisk, OSVirtualHardDisk, Role } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { PROVISIONING, READY, STARTING_VM } from '../instance-progress.js';
import { accountOfMediaLink, checkSameRegion, parseBlobUrl, regionOf, siblingBlob } from '../placement.js';
import { checkBound, checkDocumentedLimit, checkQuota, coresOf } from '../quotas.js';
import type { DeploymentRecord, DiskRecord, HostedServiceRecord, OSImageRecord, RoleInstanceRecord, RoleRecord } from '../records.js';
import { keyOf, nowIso } from '../state.js';
import { checkEndpoints, checkProvisioningSet, hostNameOf, provisioningSetOf } from './configuration-sets.js';
import { assertBlobFree, assertDiskFree, assertDiskNameFree, attachment, findDisk, generatedDiskName } from './disks.js';
import { nameStamp, type ComputeEnv } from './env.js';
import { findOsImage, findVmImage } from './images.js';
import { addInstance } from './instances.js';
import { addressForRole } from '../network/addressing.js';

/** The spec's Lun range (0-63: recorded role sizes allow 64 data disks); the role size's MaxDataDiskCount bounds the count. */
export const MAX_LUN = 63;
const DEFAULT_ROLE_SIZE = 'Small';

export interface RolePlan {
  role: RoleRecord;
  /** Disks to create, attached to the role. */
  newDisks: DiskRecord[];
  /** Existing disks to attach. */
  attach: DiskRecord[];
  /** A generalized image needs provisioning (Provisioning before ReadyRole); a specialized disk just starts. */
  provisions: boolean;
}

interface PlanContext {
  env: ComputeEnv;
  service: HostedServiceRecord;
  deploymentName: string;
  input: Role;
  stamp: string;
  plan: RolePlan;
}

function checkRoleSize(ctx: PlanContext): string {
  const size = ctx.input.RoleSize ?? DEFAULT_ROLE_SIZE;
  const known = ctx.env.state.roleSize(size);
  if (known === undefined || known.SupportedByVirtualMachines === false) throw errors.badRequest(`The role size ${size} is not valid for virtual machines.`);
  const region = regionOf(ctx.env.subscription, ctx.service);
  const offered = region === undefined ? undefined : ctx.env.state.location(region)?.ComputeCapabilities.VirtualMachinesRoleSizes;
  if (offered !== undefined && !offered.some((s) => keyOf(s) === keyOf(known.Name!))) {
    throw errors.badRequest(`The role size ${size} is not available in ${region}.`);
  }
  return known.Name!;
}

/** A new disk's blob: checked for its account, region and that no disk uses it yet. */
function checkNewBlob(ctx: PlanContext, link: string): DiskRecord['Location'] {
  const account = accountOfMediaLink(ctx.env.subscription, link);
  checkSameRegion(ctx.env.subscription, account, ctx.service, link);
  assertBlobFree(ctx.env.subscription, link);
  if (ctx.plan.newDisks.some((d) => keyOf(d.MediaLink) === keyOf(link))) throw errors.conflict(`The blob ${link} is used twice in the request.`);
  return regionOf(ctx.env.subscription, account);
}

function newDisk(ctx: PlanContext, fields: Omit<DiskRecord, 'CreatedTime' | 'IOType' | 'attachedTo' | 'Name'> & { Name?: string }, index: number): DiskRecord {
  const subscription = ctx.env.subscription;
  let name = fields.Name;
  if (name === undefined) {
    name = generatedDiskName(subscription, ctx.service.ServiceName, ctx.input.RoleName, index, ctx.stamp);
    while (ctx.plan.newDisks.some((d) => keyOf(d.Name) === keyOf(name!))) name = `${name}0`;
  } else {
    assertDiskNameFree(subscription, name);
  }
  const disk: DiskRecord = {
    ...fields, Name: name, CreatedTime: nowIso(), IOType: 'Standard', attachedTo: attachment(ctx.service, ctx.deploymentName, ctx.input.RoleName),
  };
  ctx.plan.newDisks.push(disk);
  return disk;
}

function existingDisk(ctx: PlanContext, name: string, wantOs: boolean): DiskRecord {
  const disk = findDisk(ctx.env.subscription, name);
  if (wantOs !== (disk.OS !== undefined)) {
    throw errors.badRequest(wantOs ? `The disk ${name} has no operating system and cannot be an OS disk.` : `The disk ${name} is an OS disk and cannot be attached as a data disk.`);
  }
  assertDiskFree(disk);
  checkSameRegion(ctx.env.subscription, accountOfMediaLink(ctx.env.subscription, disk.MediaLink), ctx.service, disk.MediaLink);
  ctx.plan.attach.push(disk);
  return disk;
}

/**
 * The blob of an OS disk made from an OS image. A platform image lives in no account of the caller's, so the
 * MediaLink must name one; a disk from the user's own image goes next to the image's blob when none is given
 * (the service only required the MediaLink for platform images).
 */
function osDiskLink(ctx: PlanContext, input: OSVirtualHardDisk, image: OSImageRecord): string {
  if (input.MediaLink !== undefined) return input.MediaLink;
  const own = ctx.env.subscription.osImages.get(keyOf(image.Name)) === image ? image.MediaLink : undefined;
  if (own === undefined) {
    throw errors.badRequest(`The MediaLink of the OS disk of role ${ctx.input.RoleName} must be specified: it names the blob created from platform image ${image.Name}.`);
  }
  return siblingBlob(own, `${ctx.service.ServiceName}-${ctx.input.RoleName}-os-${ctx.stamp}.vhd`);
}

function osDiskFromImage(ctx: PlanContext, input: OSVirtualHardDisk): OSVirtualHardDisk {
  const image = findOsImage(ctx.env.state, ctx.env.subscription, input.SourceImageName!);
  const link = osDiskLink(ctx, input, image);
  const location = checkNewBlob(ctx, link);
  const disk = newDisk(ctx, {
    Name: input.DiskName, Label: input.DiskLabel, OS: image.OS, MediaLink: link, LogicalDiskSizeInGB: Math.round(image.LogicalSizeInGB ?? 30),
    SourceImageName: image.Name, Location: location,
  }, 0);
  checkProvisioningSet(ctx.plan.role.ConfigurationSets, image.OS, ctx.input.RoleName);
  ctx.plan.provisions = true;
  return { HostCaching: input.HostCaching ?? 'ReadWrite', DiskLabel: input.DiskLabel, DiskName: disk.Name, MediaLink: disk.MediaLink, SourceImageName: image.Name, OS: image.OS };
}

function osDiskFromDisk(ctx: PlanContext, input: OSVirtualHardDisk): OSVirtualHardDisk {
  const disk = existingDisk(ctx, input.DiskName!, true);
  return { HostCaching: input.HostCaching ?? 'ReadWrite', DiskLabel: disk.Label, DiskName: disk.Name, MediaLink: disk.MediaLink, SourceImageName: disk.SourceImageName, OS: disk.OS };
}

/** The container new disks of a VM image go to: MediaLocation, else next to the user image's own OS disk. */
function containerForVmImage(ctx: PlanContext, imageLink: string | undefined): string {
  const location = ctx.input.MediaLocation ?? (imageLink === undefined ? undefined : siblingBlob(imageLink, ''));
  if (location === undefined) throw errors.badRequest(`The MediaLocation of role ${ctx.input.RoleName} must be specified to create its disks from VM image ${ctx.input.VMImageName}.`);
  return location.replace(/\/+$/, '');
}

function disksFromVmImage(ctx: PlanContext): OSVirtualHardDisk {
  const image = findVmImage(ctx.env.state, ctx.env.subscription, ctx.input.VMImageName!);
  const os = image.OSDiskConfiguration!;
  const container = containerForVmImage(ctx, os.MediaLink);
  const osLink = `${container}/${ctx.service.ServiceName}-${ctx.input.RoleName}-os-${ctx.stamp}.vhd`;
  const location = checkNewBlob(ctx, osLink);
  const disk = newDisk(ctx, { OS: os.OS, MediaLink: osLink, LogicalDiskSizeInGB: os.LogicalDiskSizeInGB ?? 30, SourceImageName: image.Name, Location: location }, 0);
  for (const data of image.DataDiskConfigurations ?? []) {
    const link = `${container}/${ctx.service.ServiceName}-${ctx.input.RoleName}-data-${data.Lun ?? 0}-${ctx.stamp}.vhd`;
    const created = newDisk(ctx, { MediaLink: link, LogicalDiskSizeInGB: data.LogicalDiskSizeInGB ?? 10, SourceImageName: image.Name, Location: checkNewBlob(ctx, link) }, (data.Lun ?? 0) + 1);
    ctx.plan.role.DataVirtualHardDisks.push({ HostCaching: data.HostCaching ?? 'None', DiskName: created.Name, Lun: data.Lun ?? 0, LogicalDiskSizeInGB: created.LogicalDiskSizeInGB, MediaLink: link });
  }
  if (os.OSState === 'Generalized') {
    checkProvisioningSet(ctx.plan.role.ConfigurationSets, os.OS ?? 'Windows', ctx.input.RoleName);
    ctx.plan.provisions = true;
  }
  return { HostCaching: os.HostCaching ?? 'ReadWrite', DiskName: disk.Name, MediaLink: osLink, SourceImageName: image.Name, OS: os.OS };
}

function planOsDisk(ctx: PlanContext): OSVirtualHardDisk {
  const input = ctx.input.OSVirtualHardDisk;
  if (ctx.input.VMImageName !== undefined) {
    if (input !== undefined) throw errors.badRequest(`Role ${ctx.input.RoleName} names both a VM image and an OS disk; give one of them.`);
    return disksFromVmImage(ctx);
  }
  if (input?.SourceImageName !== undefined) return osDiskFromImage(ctx, input);
  if (input?.DiskName !== undefined) return osDiskFromDisk(ctx, input);
  throw errors.badRequest(`The OS virtual hard disk of role ${ctx.input.RoleName} must name a source image or an existing disk.`);
}

function checkLun(role: RoleRecord, lun: number): void {
  if (!Number.isInteger(lun) || lun < 0 || lun > MAX_LUN) throw errors.badRequest(`The LUN ${lun} is not valid: it must be from 0 to ${MAX_LUN}.`);
  if (role.DataVirtualHardDisks.some((d) => d.Lun === lun)) throw errors.conflict(`A data disk is already attached to role ${role.RoleName} at LUN ${lun}.`);
}

/**
 * Whether a data disk entry attaches an existing disk: it names one, copies no blob, and gives no MediaLink of
 * another blob. Microsoft's azure-asm-compute createDataDisk requires a MediaLink, so the classic CLI's
 * `vm disk attach` sent the placeholder http://dummy (with the size it read) beside the DiskName, and the
 * service attached the named disk; a MediaLink that is not a blob URL, or the disk's own, is ignored.
 */
function attachesExisting(ctx: PlanContext, input: DataVirtualHardDisk): boolean {
  if (input.DiskName === undefined || input.SourceMediaLink !== undefined) return false;
  if (input.MediaLink === undefined && input.LogicalDiskSizeInGB === undefined) return true;
  const disk = ctx.env.subscription.disks.get(keyOf(input.DiskName));
  if (disk === undefined) return false;
  return input.MediaLink === undefined || parseBlobUrl(input.MediaLink) === undefined || keyOf(input.MediaLink) === keyOf(disk.MediaLink);
}

/** Plans one data disk of the role: attach an existing disk, copy a blob, or make a new empty disk. */
function planDataDisk(ctx: PlanContext, input: DataVirtualHardDisk, osLink: string | undefined): DataVirtualHardDisk {
  const lun = input.Lun ?? 0;
  checkLun(ctx.plan.role, lun);
  if (attachesExisting(ctx, input)) {
    const disk = existingDisk(ctx, input.DiskName!, false);
    return { HostCaching: input.HostCaching ?? 'None', DiskLabel: disk.Label, DiskName: disk.Name, Lun: lun, LogicalDiskSizeInGB: disk.LogicalDiskSizeInGB, MediaLink: disk.MediaLink };
  }
  const size = input.LogicalDiskSizeInGB ?? 10;
  if (size < 1 || size > 1023) throw errors.badRequest(`The size of the data disk at LUN ${lun} must be from 1 to 1023 GB; ${size} was given.`);
  const blob = `${ctx.service.ServiceName}-${ctx.input.RoleName}-${lun}-${ctx.stamp}.vhd`;
  const link = input.MediaLink ?? (osLink === undefined ? undefined : siblingBlob(osLink, blob));
  if (link === undefined) throw errors.badRequest(`The MediaLink of the data disk at LUN ${lun} of role ${ctx.input.RoleName} must be specified.`);
  const disk = newDisk(ctx, {
    Name: input.DiskName, Label: input.DiskLabel ?? `${ctx.service.ServiceName}-${ctx.input.RoleName}-${lun}`, MediaLink: link, LogicalDiskSizeInGB: size,
    Location: checkNewBlob(ctx, link),
  }, lun + 1);
  return { HostCaching: input.HostCaching ?? 'None', DiskLabel: disk.Label, DiskName: disk.Name, Lun: lun, LogicalDiskSizeInGB: size, MediaLink: link };
}

function checkDataDiskCount(env: ComputeEnv, role: RoleRecord): void {
  const max = env.state.roleSize(role.RoleSize ?? DEFAULT_ROLE_SIZE)?.MaxDataDiskCount ?? 16;
  if (role.DataVirtualHardDisks.length > max) throw errors.badRequest(`The role size ${role.RoleSize} allows at most ${max} data disks; role ${role.RoleName} would have ${role.DataVirtualHardDisks.length}.`);
}

/** Checks a new VM role against the service, the deployment's other roles and the subscription's limits. */
export function planRole(env: ComputeEnv, service: HostedServiceRecord, deploymentName: string, otherRoles: readonly RoleRecord[], input: Role): RolePlan {
  if (otherRoles.some((r) => keyOf(r.RoleName) === keyOf(input.RoleName))) throw errors.conflict(`A role named ${input.RoleName} already exists in deployment ${deploymentName}.`);
  checkDocumentedLimit('virtualMachinesPerService', 'VirtualMachines', otherRoles.length);
  const role: RoleRecord = { ...input, kind: 'vm', RoleType: 'PersistentVMRole', ConfigurationSets: [...(input.ConfigurationSets ?? [])], DataVirtualHardDisks: [] };
  const ctx: PlanContext = { env, service, deploymentName, input, stamp: nameStamp(), plan: { role, newDisks: [], attach: [], provisions: false } };
  role.RoleSize = checkRoleSize(ctx);
  checkEndpoints(role.ConfigurationSets, otherRoles);
  role.OSVirtualHardDisk = planOsDisk(ctx);
  for (const data of input.DataVirtualHardDisks ?? []) role.DataVirtualHardDisks.push(planDataDisk(ctx, data, role.OSVirtualHardDisk.MediaLink));
  checkDataDiskCount(env, role);
  checkBound(env.state, 'disks', 'disks per subscription', env.subscription.disks.size, ctx.plan.newDisks.length);
  return ctx.plan;
}

/** Checks a data disk added to an existing role (AddDataDisk) and returns the disk entry and any disk to create. */
export function planAddedDataDisk(env: ComputeEnv, service: HostedServiceRecord, deploymentName: string, role: RoleRecord, input: DataVirtualHardDisk): RolePlan & { entry: DataVirtualHardDisk } {
  const copy: RoleRecord = { ...role, DataVirtualHardDisks: [...role.DataVirtualHardDisks] };
  const ctx: PlanContext = { env, service, deploymentName, input: role, stamp: nameStamp(), plan: { role: copy, newDisks: [], attach: [], provisions: false } };
  const entry = planDataDisk(ctx, input, role.OSVirtualHardDisk?.MediaLink);
  copy.DataVirtualHardDisks.push(entry);
  checkDataDiskCount(env, copy);
  return { ...ctx.plan, entry };
}

/** A WinRM HTTPS listener without a certificate of its own got a self-signed one from the service. */
function wantsDefaultWinRmCertificate(role: RoleRecord): boolean {
  const set = provisioningSetOf(role.ConfigurationSets);
  return set?.ConfigurationSetType === 'WindowsProvisioningConfiguration'
    && (set.WinRM?.Listeners ?? []).some((l) => l.Protocol === 'Https' && l.CertificateThumbprint === undefined);
}

/** Attaches and creates the planned disks. */
export function applyDisks(env: ComputeEnv, service: HostedServiceRecord, deploymentName: string, plan: RolePlan): void {
  for (const disk of plan.attach) disk.attachedTo = attachment(service, deploymentName, plan.role.RoleName);
  for (const disk of plan.newDisks) env.subscription.disks.set(keyOf(disk.Name), disk);
}

/** Creates the planned role in the deployment, with its disks and its (provisioning) instance. */
export function applyRolePlan(env: ComputeEnv, service: HostedServiceRecord, deployment: DeploymentRecord, plan: RolePlan): RoleInstanceRecord {
  checkQuota(env.state, env.subscription, 'Core', coresOf(env.state, plan.role.RoleSize));
  applyDisks(env, service, deployment.Name, plan);
  if (wantsDefaultWinRmCertificate(plan.role)) plan.role.winRmThumbprint = randomBytes(20).toString('hex').toUpperCase();
  deployment.roles.set(keyOf(plan.role.RoleName), plan.role);
  return addInstance(env, deployment, {
    roleName: plan.role.RoleName, instanceName: plan.role.RoleName, size: plan.role.RoleSize!, hostName: hostNameOf(plan.role),
    phases: plan.provisions ? [PROVISIONING] : [STARTING_VM], final: READY,
    ipAddress: deployment.VirtualNetworkName === undefined ? undefined : addressForRole(env.subscription, deployment.VirtualNetworkName, plan.role),
  });
}
