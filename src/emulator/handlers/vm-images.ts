/**
 * VM images: OS disk plus data disks, from the platform or the subscription's own, made from blobs
 * (CreateVMImage, asynchronous) or captured from a VM (captures.ts). ListVMImages filters by location,
 * publisher and category; an image a VM was made from cannot be deleted while the VM exists.
 */
import type { VMImage } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import { assertImageUnused, findVmImage, vmImageOf } from '../compute/images.js';
import { accountOfMediaLink, regionOf } from '../placement.js';
import type { VMImageRecord } from '../records.js';
import { keyOf } from '../state.js';
import { replicationView } from './image-replication.js';
import { accepted, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

export function vmImageView(image: VMImageRecord): VMImage {
  const { replication: _replication, sharing: _sharing, ...view } = image;
  return view;
}

function matches(value: string | undefined, filter: unknown): boolean {
  if (typeof filter !== 'string') return true;
  return value !== undefined && value.toLowerCase().split(';').some((part) => part === filter.toLowerCase());
}

function listVmImages(ctx: HandlerContext) {
  const images = [...ctx.state.vmImages, ...ctx.subscription.vmImages.values()].filter((image) => matches(image.Location, ctx.params['Location'])
    && matches(image.PublisherName, ctx.params['Publisher']) && matches(image.Category, ctx.params['Category']));
  return done(200, images.map(vmImageView));
}

function userVmImage(ctx: HandlerContext): VMImageRecord {
  const image = findVmImage(ctx.state, ctx.subscription, stringParam(ctx, 'VMImageName'));
  if (image.Category !== 'User') throw errors.badRequest(`The VM image ${image.Name} is a platform image and cannot be changed or deleted.`);
  return image;
}

/** Checks a new VM image: its name, and blobs in storage accounts of the subscription, all in one region. */
function checkNewVmImage(ctx: HandlerContext, body: VMImage): string | undefined {
  if (body.Name === undefined || body.Label === undefined || body.OSDiskConfiguration?.MediaLink === undefined || body.OSDiskConfiguration.OS === undefined
    || body.OSDiskConfiguration.OSState === undefined) {
    throw errors.badRequest('A VM image needs a Name, a Label and an OSDiskConfiguration with OS, OSState and MediaLink.');
  }
  checkBound(ctx.state, 'vmImages', 'VM images per subscription', ctx.subscription.vmImages.size);
  if (vmImageOf(ctx.state, ctx.subscription, body.Name) !== undefined) throw errors.conflict(`A VM image named ${body.Name} already exists.`);
  const links = [body.OSDiskConfiguration.MediaLink, ...(body.DataDiskConfigurations ?? []).map((d) => d.MediaLink)];
  const regions = new Set(links.map((link) => {
    if (link === undefined) throw errors.badRequest('Every data disk configuration of a VM image needs a MediaLink.');
    return regionOf(ctx.subscription, accountOfMediaLink(ctx.subscription, link));
  }));
  if (regions.size > 1) throw errors.badRequest('The disks of a VM image must all be in storage accounts of one location.');
  return [...regions][0];
}

function createVmImage(ctx: HandlerContext<'CreateVMImage'>) {
  const body = ctx.body;
  checkNewVmImage(ctx, body);
  return accepted({
    resource: `vmimages/${keyOf(body.Name!)}`,
    complete: () => {
      const location = checkNewVmImage(ctx, body);
      const now = new Date();
      const image: VMImageRecord = {
        ...body, Name: body.Name!, Label: body.Label!, Category: 'User', Location: location, CreatedTime: now, ModifiedTime: now,
        OSDiskConfiguration: { ...body.OSDiskConfiguration, HostCaching: body.OSDiskConfiguration!.HostCaching ?? 'ReadWrite', LogicalDiskSizeInGB: 30 },
        DataDiskConfigurations: (body.DataDiskConfigurations ?? []).map((d) => ({ ...d, HostCaching: d.HostCaching ?? 'None', LogicalDiskSizeInGB: d.LogicalDiskSizeInGB ?? 10 })),
        IsPremium: false, VMImageState: 'VMImageReadyForUse',
      };
      ctx.subscription.vmImages.set(keyOf(image.Name), image);
    },
  });
}

/** Descriptive members are replaced; disks keep their blobs, only their caching changes. */
function updateVmImage(ctx: HandlerContext<'UpdateVMImage'>) {
  const image = userVmImage(ctx);
  const body = ctx.body;
  if (body.Label === undefined) throw errors.badRequest('The Label of the VM image must be specified.');
  const { Name: _n, OSDiskConfiguration: os, DataDiskConfigurations: data, Category: _c, Location: _l, ...changes } = body;
  Object.assign(image, changes);
  if (os?.HostCaching !== undefined && image.OSDiskConfiguration !== undefined) image.OSDiskConfiguration.HostCaching = os.HostCaching;
  for (const change of data ?? []) {
    const disk = image.DataDiskConfigurations?.find((d) => d.Lun === change.Lun);
    if (disk !== undefined && change.HostCaching !== undefined) disk.HostCaching = change.HostCaching;
  }
  image.ModifiedTime = new Date();
  return done(200);
}

function deleteVmImage(ctx: HandlerContext) {
  const image = userVmImage(ctx);
  assertImageUnused(ctx.subscription, image.Name);
  return accepted({
    resource: `vmimages/${keyOf(image.Name)}`,
    complete: () => {
      assertImageUnused(ctx.subscription, image.Name);
      ctx.subscription.vmImages.delete(keyOf(image.Name));
    },
  });
}

function getVmImageDetails(ctx: HandlerContext) {
  const image = findVmImage(ctx.state, ctx.subscription, stringParam(ctx, 'VMImageName'));
  return done(200, { ...vmImageView(image), IsCorrupted: false, ...(image.sharing === undefined ? {} : { SharingStatus: image.sharing }), ...replicationView(image) });
}

export const vmImageHandlers: HandlerTable = {
  ListVMImages: listVmImages,
  GetVMImageDetails: getVmImageDetails,
  CreateVMImage: createVmImage,
  UpdateVMImage: updateVmImage,
  DeleteVMImage: deleteVmImage,
};
