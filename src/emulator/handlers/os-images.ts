/**
 * OS images: the platform's (Category Public, read-only) and the subscription's own (Category User), which come
 * from a VHD blob in one of its storage accounts (AddOSImage) or from a captured VM (CaptureRole). An image a
 * VM was made from stays in use, and deleting it is refused while that VM exists.
 */
import type { OSImage } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import { assertImageUnused, findOsImage, osImageOf } from '../compute/images.js';
import { accountOfMediaLink, regionOf } from '../placement.js';
import type { OSImageRecord } from '../records.js';
import { keyOf } from '../state.js';
import { replicationView } from './image-replication.js';
import { done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

/** The size the service reported for a VHD it had not read yet. */
const REGISTERED_IMAGE_GB = 30;

/** What the service answered for an image: bookkeeping members stay out. */
export function osImageView(image: OSImageRecord): OSImage {
  const { replication: _replication, sharing: _sharing, ...view } = image;
  return view;
}

function userImage(ctx: HandlerContext): OSImageRecord {
  const name = stringParam(ctx, 'ImageName');
  const image = findOsImage(ctx.state, ctx.subscription, name);
  if (image.Category !== 'User') throw errors.badRequest(`The image ${image.Name} is a platform image and cannot be changed or deleted.`);
  return image;
}

function addOsImage(ctx: HandlerContext<'AddOSImage'>) {
  const body = ctx.body;
  if (body.Name === undefined || body.Label === undefined || body.MediaLink === undefined || body.OS === undefined) {
    throw errors.badRequest('An OS image needs a Name, a Label, a MediaLink and an OS.');
  }
  if (osImageOf(ctx.state, ctx.subscription, body.Name) !== undefined) throw errors.conflict(`An image named ${body.Name} already exists.`);
  checkBound(ctx.state, 'osImages', 'OS images per subscription', ctx.subscription.osImages.size);
  const account = accountOfMediaLink(ctx.subscription, body.MediaLink);
  const image: OSImageRecord = {
    ...body, Name: body.Name, Label: body.Label, OS: body.OS, Category: 'User', Location: regionOf(ctx.subscription, account),
    AffinityGroup: account.AffinityGroup, LogicalSizeInGB: REGISTERED_IMAGE_GB, IsPremium: body.IsPremium ?? false, OSState: 'Generalized', IOType: 'Standard',
  };
  ctx.subscription.osImages.set(keyOf(image.Name), image);
  return done(200, osImageView(image));
}

/** Given values replace the image's; an empty element clears the member, as clients sent to reset it. */
/**
 * MediaLink, Name and OS are not in the service's update contract (the Python client sends them, the service
 * ignored them), so they change nothing; an empty member is set empty, as the recorded follow-up GET shows.
 */
function updateOsImage(ctx: HandlerContext<'UpdateOSImage'>) {
  const image = userImage(ctx);
  const { Name: _name, MediaLink: _link, OS: _os, PublishedDate: published, ...changes } = ctx.body;
  for (const [member, value] of Object.entries(changes)) (image as unknown as Record<string, unknown>)[member] = value;
  if (published !== undefined && published !== '') image.PublishedDate = new Date(published);
  return done(200, osImageView(image));
}

function deleteOsImage(ctx: HandlerContext) {
  const image = userImage(ctx);
  assertImageUnused(ctx.subscription, image.Name);
  ctx.subscription.osImages.delete(keyOf(image.Name));
  return done(200);
}

/** The details view, as recorded: the image without its OS state and IO type, plus replication progress. */
function getDetails(ctx: HandlerContext) {
  const image = findOsImage(ctx.state, ctx.subscription, stringParam(ctx, 'ImageName'));
  const { OSState: _state, IOType: _io, ...view } = osImageView(image);
  return done(200, { ...view, ...replicationView(image) });
}

export const osImageHandlers: HandlerTable = {
  ListOSImages: (ctx) => done(200, [...ctx.state.osImages, ...ctx.subscription.osImages.values()].map(osImageView)),
  GetOSImage: (ctx) => done(200, osImageView(findOsImage(ctx.state, ctx.subscription, stringParam(ctx, 'ImageName')))),
  GetOSImageDetails: getDetails,
  AddOSImage: addOsImage,
  UpdateOSImage: updateOsImage,
  DeleteOSImage: deleteOsImage,
};
