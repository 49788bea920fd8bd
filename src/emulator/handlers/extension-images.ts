/**
 * Cloud service extension images: the platform's (state.extensionImages, from catalog-data/) and those a
 * publisher subscription registers. The rules are the ones Microsoft's compute client documents for its
 * ExtensionImageOperations: an extension is identified by ProviderNameSpace and Type (case-sensitive) and is
 * registered once (RegisterExtensionImage; a second registration is refused, new versions go through
 * UpdateExtensionImage); only internal extensions (IsInternalExtension true) can be unregistered, one version at
 * a time; a subscription may register at most 15 extension versions. Public images of every publisher are
 * available to every subscription; internal ones only to the publisher.
 */
import type { ExtensionImage } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import type { ExtensionImageRecord } from '../records.js';
import type { EmulatorState, SubscriptionState } from '../state.js';
import { compareVersions } from './catalog.js';
import { accepted, assertNotBusy, done, type HandlerContext, type HandlerTable } from './types.js';

/** Extension versions a subscription may register (the documented quota). */
export const MAX_REGISTERED_EXTENSIONS = 15;

const identityOf = (image: Pick<ExtensionImage, 'ProviderNameSpace' | 'Type'>) => `${image.ProviderNameSpace ?? ''}/${image.Type ?? ''}`;
const versionKey = (image: Pick<ExtensionImage, 'ProviderNameSpace' | 'Type' | 'Version'>) => `${identityOf(image)}/${image.Version ?? ''}`;
const resourceOf = (namespace: string, type: string) => `extensionimages/${namespace}/${type}`;

/** Every version of every image the subscription may use: the platform's, public ones, and its own internal ones. */
export function availableImages(state: EmulatorState, subscription: SubscriptionState): ExtensionImage[] {
  const published = [...state.subscriptions.values()].flatMap((s) => [...s.extensionImages.values()]
    .filter((image) => image.IsInternalExtension !== true || s === subscription));
  return [...state.extensionImages, ...published.map(imageView)];
}

function imageView(record: ExtensionImageRecord): ExtensionImage {
  return { ...record, PublishedDate: new Date(record.PublishedDate) };
}

function latestOfEach(images: readonly ExtensionImage[]): ExtensionImage[] {
  const latest = new Map<string, ExtensionImage>();
  for (const image of images) {
    const current = latest.get(identityOf(image));
    if (current === undefined || compareVersions(image.Version, current.Version) > 0) latest.set(identityOf(image), image);
  }
  return [...latest.values()];
}

/** The subscription that registered an identity, if any (identities are unique across publishers). */
function publisherOf(state: EmulatorState, identity: string): SubscriptionState | undefined {
  return [...state.subscriptions.values()].find((s) => [...s.extensionImages.values()].some((image) => identityOf(image) === identity));
}

function checkImage(ctx: HandlerContext, body: ExtensionImage): ExtensionImageRecord {
  for (const member of ['ProviderNameSpace', 'Type', 'Version'] as const) {
    if (body[member] === undefined || body[member].trim() === '') throw errors.badRequest(`The extension image must have a ${member}.`);
  }
  if (!/^\d+(\.\d+){1,3}$/.test(body.Version!)) throw errors.badRequest(`The Version ${body.Version} must be a dotted version number, such as 1.0 or 1.2.3.`);
  return {
    ...body, ProviderNameSpace: body.ProviderNameSpace!, Type: body.Type!, Version: body.Version!,
    PublishedDate: (body.PublishedDate ?? new Date()).toISOString(), PublisherName: body.PublisherName ?? ctx.subscription.properties.SubscriptionName,
  };
}

function checkRegister(ctx: HandlerContext, image: ExtensionImageRecord): void {
  const identity = identityOf(image);
  if (publisherOf(ctx.state, identity) !== undefined || ctx.state.extensionImages.some((i) => identityOf(i) === identity)) {
    throw errors.conflict(`The extension ${image.ProviderNameSpace}.${image.Type} is already registered; register a new version with Update Extension.`);
  }
  checkQuota(ctx.subscription);
}

function checkQuota(subscription: SubscriptionState): void {
  if (subscription.extensionImages.size >= MAX_REGISTERED_EXTENSIONS) {
    throw errors.conflict(`The subscription has registered the most extension versions it may (${MAX_REGISTERED_EXTENSIONS}); unregister internal ones first.`);
  }
}

function checkUpdate(ctx: HandlerContext, image: ExtensionImageRecord): void {
  const owned = [...ctx.subscription.extensionImages.values()].some((i) => identityOf(i) === identityOf(image));
  if (!owned) throw errors.notFound(`The extension ${image.ProviderNameSpace}.${image.Type} is not registered by this subscription.`);
  if (!ctx.subscription.extensionImages.has(versionKey(image))) checkQuota(ctx.subscription);
}

/** An update of a version kept replaces it; only a new version counts. */
function checkImageCount(ctx: HandlerContext, image: ExtensionImageRecord): void {
  if (!ctx.subscription.extensionImages.has(versionKey(image))) checkBound(ctx.state, 'extensionImages', 'extension image versions per subscription', ctx.subscription.extensionImages.size);
}

/** Register and Update: checked now and again at completion, when the image is stored. */
function publish(ctx: HandlerContext<'RegisterExtensionImage' | 'UpdateExtensionImage'>, check: (ctx: HandlerContext, image: ExtensionImageRecord) => void) {
  const image = checkImage(ctx, ctx.body);
  const resource = resourceOf(image.ProviderNameSpace, image.Type);
  assertNotBusy(ctx, resource, 'extension');
  check(ctx, image);
  checkImageCount(ctx, image);
  return accepted({
    resource,
    complete: () => {
      check(ctx, image);
      checkImageCount(ctx, image);
      ctx.subscription.extensionImages.set(versionKey(image), image);
    },
  });
}

function findOwnVersion(ctx: HandlerContext<'UnregisterExtensionImage'>): ExtensionImageRecord {
  const { ProviderNamespace, Type, Version } = ctx.params;
  const image = ctx.subscription.extensionImages.get(`${ProviderNamespace}/${Type}/${Version}`);
  if (image === undefined) throw errors.notFound(`Version ${Version} of the extension ${ProviderNamespace}.${Type} is not registered by this subscription.`);
  if (image.IsInternalExtension !== true) throw errors.badRequest(`Only internal extensions can be unregistered; ${ProviderNamespace}.${Type} ${Version} is public.`);
  return image;
}

function unregister(ctx: HandlerContext<'UnregisterExtensionImage'>) {
  const image = findOwnVersion(ctx);
  const resource = resourceOf(image.ProviderNameSpace, image.Type);
  assertNotBusy(ctx, resource, 'extension');
  return accepted({
    resource,
    complete: () => {
      ctx.subscription.extensionImages.delete(versionKey(findOwnVersion(ctx)));
    },
  });
}

export const extensionImageHandlers: HandlerTable = {
  ListAvailableExtensions: (ctx) => done(200, latestOfEach(availableImages(ctx.state, ctx.subscription))),
  ListExtensionVersions: (ctx) => done(200, availableImages(ctx.state, ctx.subscription)
    .filter((image) => image.ProviderNameSpace === ctx.params.ProviderNamespace && image.Type === ctx.params.ExtensionType)
    .sort((a, b) => compareVersions(a.Version, b.Version))),
  ListPublisherExtensions: (ctx) => done(200, [...ctx.subscription.extensionImages.values()].map(imageView)),
  RegisterExtensionImage: (ctx) => publish(ctx, checkRegister),
  UpdateExtensionImage: (ctx) => publish(ctx, checkUpdate),
  UnregisterExtensionImage: unregister,
};
