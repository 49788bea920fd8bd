/**
 * Disks behind virtual machines. Every OS or data disk of a role is a Disk of the subscription (ListDisks),
 * attached to at most one role at a time; a disk in use cannot be deleted, attached elsewhere or changed. Blobs
 * are named by media links, and a blob holds at most one disk.
 */
import { errors } from '../api-error.js';
import type { DiskAttachmentRecord, DiskRecord, HostedServiceRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';

export function findDisk(subscription: SubscriptionState, name: string): DiskRecord {
  const disk = subscription.disks.get(keyOf(name));
  if (disk === undefined) throw errors.notFound('The disk with the specified name does not exist.');
  return disk;
}

/** The service's wording for a disk that a virtual machine uses. */
export function diskInUse(disk: DiskRecord): Error {
  const at = disk.attachedTo!;
  return errors.badRequest(`A disk with name ${disk.Name} is currently in use by virtual machine ${at.RoleName} running within hosted service `
    + `${at.HostedServiceName}, deployment ${at.DeploymentName}.`);
}

export function assertDiskFree(disk: DiskRecord): void {
  if (disk.attachedTo !== undefined) throw diskInUse(disk);
}

export function assertDiskNameFree(subscription: SubscriptionState, name: string): void {
  if (subscription.disks.has(keyOf(name))) throw errors.conflict(`A disk with name ${name} already exists in the subscription.`);
}

/** Refuses a media link that another disk already uses (a blob backs one disk). */
export function assertBlobFree(subscription: SubscriptionState, mediaLink: string, except?: DiskRecord): void {
  const link = mediaLink.trim().toLowerCase();
  for (const disk of subscription.disks.values()) {
    if (disk !== except && disk.MediaLink.toLowerCase() === link) {
      throw errors.conflict(`The blob ${mediaLink} is already used by disk ${disk.Name}.`);
    }
  }
}

/** Disk names the service generated: <service>-<role>-<index>-<timestamp>. */
export function generatedDiskName(subscription: SubscriptionState, service: string, role: string, index: number, stamp: string): string {
  let name = `${service}-${role}-${index}-${stamp}`;
  for (let n = 1; subscription.disks.has(keyOf(name)); n++) name = `${service}-${role}-${index}-${stamp}${n}`;
  return name;
}

export function attachment(service: HostedServiceRecord, deploymentName: string, roleName: string): DiskAttachmentRecord {
  return { HostedServiceName: service.ServiceName, DeploymentName: deploymentName, RoleName: roleName };
}

/** Frees a role's disk: with media, the disk (and its blob) is deleted; without, it stays and can be reused. */
export function releaseDisk(subscription: SubscriptionState, diskName: string | undefined, deleteMedia: boolean): void {
  if (diskName === undefined) return;
  const disk = subscription.disks.get(keyOf(diskName));
  if (disk === undefined) return;
  if (deleteMedia) subscription.disks.delete(keyOf(diskName));
  else delete disk.attachedTo;
}
