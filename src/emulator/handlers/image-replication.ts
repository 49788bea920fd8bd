/**
 * Publishing a user image (OS or VM image) to other regions and subscriptions: replicate it to locations (the
 * service answered the image's published name, "<publisher id>__<name>", with the subscription as publisher),
 * take the replicas back, and share it (private, msdn or public).
 */
import { errors } from '../api-error.js';
import { findOsImage, findVmImage } from '../compute/images.js';
import type { ImageSharing } from '../records.js';
import { accepted, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

const PERMISSIONS = ['private', 'msdn', 'public'];

type ImageKind = 'os' | 'vm';

function userImageOf(ctx: HandlerContext, kind: ImageKind): ImageSharing & { Name: string; Category: string } {
  const image = kind === 'os'
    ? findOsImage(ctx.state, ctx.subscription, stringParam(ctx, 'ImageName'))
    : findVmImage(ctx.state, ctx.subscription, stringParam(ctx, 'VMImageName'));
  if (image.Category !== 'User') throw errors.badRequest(`The image ${image.Name} is a platform image; only user images can be replicated or shared.`);
  return image;
}

/** ReplicationProgress for the details views (the recorded service did not repeat the offer attributes there). */
export function replicationView(image: ImageSharing) {
  const replication = image.replication;
  if (replication === undefined) return {};
  return { ReplicationProgress: replication.locations.map((location) => ({ Location: location, Progress: 100 })) };
}

function replicate(ctx: HandlerContext<'ReplicateOSImage' | 'ReplicateVMImage'>, kind: ImageKind) {
  const image = userImageOf(ctx, kind);
  const body = ctx.body;
  const unknown = body.TargetLocations.filter((l) => ctx.state.location(l) === undefined);
  if (unknown.length > 0) throw errors.badRequest(`The target locations ${unknown.join(', ')} are not valid.`);
  image.replication = {
    locations: body.TargetLocations.map((l) => ctx.state.location(l)!.Name),
    ...(body.ComputeImageAttributes === undefined ? {} : { ComputeImageAttributes: body.ComputeImageAttributes }),
    ...(body.MarketplaceImageAttributes === undefined ? {} : { MarketplaceImageAttributes: body.MarketplaceImageAttributes }),
  };
  return done(200, { Value: `${ctx.subscription.id.replace(/-/g, '').toLowerCase()}__${image.Name}` });
}

/**
 * 200 at once, not 202: Microsoft's azure-asm-compute (beginUnreplicating) accepts only 200 and then polls the
 * answer's request id, which the emulator records as already Succeeded. No recording shows this operation.
 */
function unreplicate(ctx: HandlerContext, kind: ImageKind) {
  const image = userImageOf(ctx, kind);
  delete image.replication;
  return done(200);
}

function share(ctx: HandlerContext, kind: ImageKind) {
  const image = userImageOf(ctx, kind);
  const permission = stringParam(ctx, 'Permission').toLowerCase();
  if (!PERMISSIONS.includes(permission)) throw errors.badRequest(`The permission ${permission} is not valid: use ${PERMISSIONS.join(', ')}.`);
  return accepted({ complete: () => void (image.sharing = permission) });
}

export const imageReplicationHandlers: HandlerTable = {
  ReplicateOSImage: (ctx) => replicate(ctx, 'os'),
  UnreplicateOSImage: (ctx) => unreplicate(ctx, 'os'),
  ShareOSImage: (ctx) => share(ctx, 'os'),
  ReplicateVMImage: (ctx) => replicate(ctx, 'vm'),
  UnreplicateVMImage: (ctx) => unreplicate(ctx, 'vm'),
  ShareVMImage: (ctx) => share(ctx, 'vm'),
};
