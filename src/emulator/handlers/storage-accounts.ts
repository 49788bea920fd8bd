/**
 * Storage accounts. Names are DNS names (<name>.blob.core.windows.net): 3 to 24 lower-case letters and digits,
 * unique across every subscription. Creation is asynchronous (the account appears when the operation
 * completes), the rest synchronous. Geo-redundant accounts (GRS, RA-GRS) have a secondary region; the service
 * refused to delete an account that still held the blobs of disks or images.
 */
import { randomBytes } from 'node:crypto';
import type { CreateStorageServiceInput, StorageService } from '../../../generated/models/index.js';
import { INVALID_STORAGE_NAME_MESSAGE, errors } from '../api-error.js';
import { checkExtendedProperties, mergeExtendedProperties } from '../extended-properties.js';
import { checkPlacement, parseBlobUrl, regionOf } from '../placement.js';
import { checkQuota } from '../quotas.js';
import type { StorageAccountRecord, StorageAccountType } from '../records.js';
import { keyOf, nowIso, type SubscriptionState } from '../state.js';
import { findStorageAccount } from './lookup.js';
import { accepted, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

const NAME = /^[a-z0-9]{3,24}$/;

/** The paired region of a geo-redundant account. */
const PAIRED_REGIONS: Record<string, string> = {
  'West US': 'East US', 'East US': 'West US', 'North Europe': 'West Europe', 'West Europe': 'North Europe',
  'East Asia': 'Southeast Asia', 'Southeast Asia': 'East Asia',
};

function newKey(): string {
  return randomBytes(64).toString('base64');
}

function accountUrl(ctx: HandlerContext, name: string): string {
  return `${ctx.baseUrl}/${ctx.subscription.id}/services/storageservices/${name}`;
}

/** An account as answered; listed accounts came without their Capabilities. */
function accountView(ctx: HandlerContext, account: StorageAccountRecord, listed = false): StorageService {
  const region = regionOf(ctx.subscription, account) ?? '';
  const geo = account.AccountType === 'Standard_GRS' || account.AccountType === 'Standard_RAGRS';
  const secondary = geo ? PAIRED_REGIONS[region] ?? '' : '';
  return {
    Url: accountUrl(ctx, account.ServiceName), ServiceName: account.ServiceName,
    StorageServiceProperties: {
      Description: account.Description, AffinityGroup: account.AffinityGroup, Location: account.Location, Label: account.Label, Status: 'Created',
      Endpoints: ['blob', 'queue', 'table', 'file'].map((kind) => `https://${account.ServiceName}.${kind}.core.windows.net/`),
      GeoPrimaryRegion: region, StatusOfPrimary: 'Available', GeoSecondaryRegion: secondary, StatusOfSecondary: secondary === '' ? '' : 'Available',
      CreationTime: new Date(account.CreationTime), CustomDomains: [], AccountType: account.AccountType,
    },
    ExtendedProperties: account.ExtendedProperties, ...(listed ? {} : { Capabilities: ['PersistentVMRole'] }),
    MigrationState: account.migrationState,
  };
}

function takenReason(ctx: HandlerContext, name: string): string | undefined {
  const owner = ctx.state.storageAccountOwner(name);
  if (owner === undefined) return undefined;
  return owner === ctx.subscription ? `A storage account named '${name}' already exists in the subscription.` : `The storage account named '${name}' is already taken.`;
}

/**
 * The account type a creation asks for. Versions before 2014-06-01 took GeoReplicationEnabled (default true) and
 * SecondaryReadEnabled instead of AccountType (Update Storage Account documentation); they map onto its values.
 */
function requestedType(body: CreateStorageServiceInput): StorageAccountType {
  if (body.AccountType !== undefined) return body.AccountType;
  if (body.GeoReplicationEnabled === false) return 'Standard_LRS';
  return body.SecondaryReadEnabled === true ? 'Standard_RAGRS' : 'Standard_GRS';
}

/** GeoReplicationEnabled of an older version's update: on keeps a geo type (GRS unless already RA-GRS), off is LRS. */
function typeAfterGeoSwitch(current: StorageAccountType, enabled: boolean): StorageAccountType {
  if (!enabled) return 'Standard_LRS';
  return current === 'Standard_GRS' || current === 'Standard_RAGRS' ? current : 'Standard_GRS';
}

function checkNewAccount(ctx: HandlerContext, body: CreateStorageServiceInput): void {
  if (!NAME.test(body.ServiceName)) throw errors.badRequest(INVALID_STORAGE_NAME_MESSAGE);
  const taken = takenReason(ctx, body.ServiceName);
  if (taken !== undefined) throw errors.conflict(taken);
  checkPlacement(ctx.state, ctx.subscription, body, 'Storage');
  checkExtendedProperties(body.ExtendedProperties ?? [], 'storage account');
  const region = regionOf(ctx.subscription, body);
  const types = region === undefined ? undefined : ctx.state.location(region)?.StorageCapabilities.StorageAccountTypes;
  const type = requestedType(body);
  if (types !== undefined && !types.includes(type)) throw errors.badRequest(`The account type ${type} is not available in ${region}.`);
  checkQuota(ctx.state, ctx.subscription, 'StorageAccounts', 1);
}

function createStorageAccount(ctx: HandlerContext<'CreateStorageAccount'>) {
  const body = ctx.body;
  checkNewAccount(ctx, body);
  return accepted({
    resource: `storageservices/${body.ServiceName}`,
    complete: () => {
      checkNewAccount(ctx, body);
      const account: StorageAccountRecord = {
        ServiceName: body.ServiceName, Label: body.Label, Description: body.Description, Location: body.Location, AffinityGroup: body.AffinityGroup,
        AccountType: requestedType(body), CreationTime: nowIso(), ExtendedProperties: body.ExtendedProperties ?? [],
        keys: { Primary: newKey(), Secondary: newKey() },
      };
      ctx.subscription.storageAccounts.set(keyOf(account.ServiceName), account);
    },
  });
}

/** Zone-redundant and premium accounts kept their kind: the service refused conversions to or from them. */
function checkTypeChange(from: StorageAccountType, to: StorageAccountType): void {
  const fixed = (t: StorageAccountType) => t === 'Standard_ZRS' || t === 'Premium_LRS';
  if (from !== to && (fixed(from) || fixed(to))) throw errors.badRequest(`The account type cannot be changed from ${from} to ${to}.`);
}

function updateStorageAccount(ctx: HandlerContext<'UpdateStorageAccount'>) {
  const account = findStorageAccount(ctx);
  const body = ctx.body;
  const type = body.AccountType ?? (body.GeoReplicationEnabled === undefined ? undefined : typeAfterGeoSwitch(account.AccountType, body.GeoReplicationEnabled));
  if (type !== undefined) checkTypeChange(account.AccountType, type);
  const properties = mergeExtendedProperties(account.ExtendedProperties, body.ExtendedProperties ?? []);
  checkExtendedProperties(properties, 'storage account');
  if (body.Description !== undefined) account.Description = body.Description;
  if (body.Label !== undefined) account.Label = body.Label;
  if (type !== undefined) account.AccountType = type;
  account.ExtendedProperties = properties;
  return done(200);
}

/** The blob containers of an account that disks or images still use. */
function containersInUse(subscription: SubscriptionState, name: string): Set<string> {
  const links = [
    ...[...subscription.disks.values()].map((d) => d.MediaLink),
    ...[...subscription.osImages.values()].map((i) => i.MediaLink),
    ...[...subscription.vmImages.values()].flatMap((i) => [i.OSDiskConfiguration?.MediaLink, ...(i.DataDiskConfigurations ?? []).map((d) => d.MediaLink)]),
  ];
  const containers = new Set<string>();
  for (const link of links) {
    const address = link === undefined ? undefined : parseBlobUrl(link);
    if (address?.account === keyOf(name)) containers.add(address.container);
  }
  return containers;
}

function deleteStorageAccount(ctx: HandlerContext) {
  const account = findStorageAccount(ctx);
  const containers = containersInUse(ctx.subscription, account.ServiceName);
  if (containers.size > 0) {
    throw errors.badRequest(`Storage account ${account.ServiceName} has ${containers.size} container(s) which have an active image and/or disk artifacts. `
      + 'Ensure those artifacts are removed from the image repository before deleting this storage account.');
  }
  ctx.subscription.storageAccounts.delete(keyOf(account.ServiceName));
  return done(200);
}

function keysView(ctx: HandlerContext, account: StorageAccountRecord) {
  return { Url: accountUrl(ctx, account.ServiceName), StorageServiceKeys: { ...account.keys } };
}

function regenerateKeys(ctx: HandlerContext<'RegenerateStorageAccountKeys'>) {
  const account = findStorageAccount(ctx);
  const { KeyType } = ctx.body;
  account.keys[KeyType] = newKey();
  return done(200, keysView(ctx, account));
}

function checkAvailability(ctx: HandlerContext) {
  const name = stringParam(ctx, 'AccountName');
  if (!NAME.test(name)) return done(200, { Result: false, Reason: INVALID_STORAGE_NAME_MESSAGE });
  const taken = takenReason(ctx, name);
  return done(200, taken === undefined ? { Result: true } : { Result: false, Reason: taken });
}

export const storageAccountHandlers: HandlerTable = {
  ListStorageAccounts: (ctx) => done(200, [...ctx.subscription.storageAccounts.values()].map((a) => accountView(ctx, a, true))),
  GetStorageAccountProperties: (ctx) => done(200, accountView(ctx, findStorageAccount(ctx))),
  GetStorageAccountKeys: (ctx) => done(200, keysView(ctx, findStorageAccount(ctx))),
  RegenerateStorageAccountKeys: regenerateKeys,
  CreateStorageAccount: createStorageAccount,
  UpdateStorageAccount: updateStorageAccount,
  DeleteStorageAccount: deleteStorageAccount,
  CheckStorageAccountNameAvailability: checkAvailability,
};
