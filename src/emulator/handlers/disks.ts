/**
 * Disks of the subscription (ListDisks shows OS and data disks, attached or not): register a blob as a disk
 * (AddDisk; with OS it is an OS disk), read, relabel or grow it (UpdateDisk), and delete it, which the service
 * refused while a VM used the disk.
 */
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import { assertBlobFree, assertDiskFree, assertDiskNameFree, diskInUse, findDisk } from '../compute/disks.js';
import { diskView } from '../compute/views.js';
import { accountOfMediaLink, regionOf } from '../placement.js';
import type { DiskRecord } from '../records.js';
import { keyOf, nowIso } from '../state.js';
import { accepted, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

/** The service could not know a blob's size without reading it; registered disks report the usual 30 GB OS / 10 GB data size. */
const OS_DISK_GB = 30;
const DATA_DISK_GB = 10;

function addDisk(ctx: HandlerContext<'AddDisk'>) {
  const body = ctx.body;
  if (body.Name === undefined || body.MediaLink === undefined) throw errors.badRequest('A disk needs a Name and a MediaLink.');
  const subscription = ctx.subscription;
  assertDiskNameFree(subscription, body.Name);
  checkBound(ctx.state, 'disks', 'disks per subscription', subscription.disks.size);
  const account = accountOfMediaLink(subscription, body.MediaLink);
  assertBlobFree(subscription, body.MediaLink);
  const disk: DiskRecord = {
    Name: body.Name, Label: body.Label, ...(body.OS === undefined ? {} : { OS: body.OS }), MediaLink: body.MediaLink,
    LogicalDiskSizeInGB: body.LogicalDiskSizeInGB ?? (body.OS === undefined ? DATA_DISK_GB : OS_DISK_GB), Location: regionOf(subscription, account),
    AffinityGroup: account.AffinityGroup, CreatedTime: nowIso(), IOType: 'Standard',
  };
  subscription.disks.set(keyOf(disk.Name), disk);
  return done(200, diskView(disk));
}

function checkResize(disk: DiskRecord, size: number): void {
  if (disk.attachedTo !== undefined) throw diskInUse(disk);
  if (size <= disk.LogicalDiskSizeInGB || size > 1023) {
    throw errors.badRequest(`A disk can only grow, up to 1023 GB: ${disk.Name} has ${disk.LogicalDiskSizeInGB} GB, ${size} GB was asked.`);
  }
}

/**
 * A relabel is answered 200 with the disk; a resize (ResizedSizeInGB) 202, the size changing when the operation
 * completes. Microsoft's azure-asm-compute decides it, as no recording shows UpdateDisk: updateDisk accepts only
 * 200, beginUpdatingDisk and updateDiskSize (the resize) only 202, for the same body.
 */
function updateDisk(ctx: HandlerContext<'UpdateDisk'>) {
  const disk = findDisk(ctx.subscription, stringParam(ctx, 'DiskName'));
  const body = ctx.body;
  if (body.Name !== undefined && keyOf(body.Name) !== keyOf(disk.Name)) throw errors.badRequest(`The disk name ${body.Name} in the body does not match the disk ${disk.Name} of the request URL.`);
  if (body.MediaLink !== undefined && keyOf(body.MediaLink) !== keyOf(disk.MediaLink)) throw errors.badRequest('The MediaLink of a disk cannot be changed.');
  const size = body.ResizedSizeInGB;
  if (size === undefined) {
    if (body.Label !== undefined) disk.Label = body.Label;
    return done(200, diskView(disk));
  }
  checkResize(disk, size);
  const subscription = ctx.subscription;
  return accepted({
    complete: () => {
      // The disk may have been deleted, attached or grown meanwhile: the operation then Fails.
      const current = findDisk(subscription, disk.Name);
      checkResize(current, size);
      current.LogicalDiskSizeInGB = size;
      if (body.Label !== undefined) current.Label = body.Label;
    },
  });
}

function deleteDisk(ctx: HandlerContext) {
  const disk = findDisk(ctx.subscription, stringParam(ctx, 'DiskName'));
  assertDiskFree(disk);
  ctx.subscription.disks.delete(keyOf(disk.Name));
  return done(200);
}

export const diskHandlers: HandlerTable = {
  ListDisks: (ctx) => done(200, [...ctx.subscription.disks.values()].map(diskView)),
  GetDisk: (ctx) => done(200, diskView(findDisk(ctx.subscription, stringParam(ctx, 'DiskName')))),
  AddDisk: addDisk,
  UpdateDisk: updateDisk,
  DeleteDisk: deleteDisk,
};
