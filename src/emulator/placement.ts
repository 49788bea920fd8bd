/**
 * Where things are: a cloud service, storage account or image lives in a location or in an affinity group (which
 * is in a location). The service required disks and images to be in the same place as the cloud service that
 * uses them, and it named blobs by URL: https://<account>.blob.core.windows.net/<container>/<blob>.
 */
import { errors } from './api-error.js';
import type { StorageAccountRecord } from './records.js';
import { keyOf, type EmulatorState, type SubscriptionState } from './state.js';

export interface Placement {
  Location?: string;
  AffinityGroup?: string;
}

/** The location a placement resolves to (an affinity group's own location), if known. */
export function regionOf(subscription: SubscriptionState, placement: Placement): string | undefined {
  if (placement.Location !== undefined) return placement.Location.split(';')[0];
  if (placement.AffinityGroup === undefined) return undefined;
  return subscription.affinityGroups.get(keyOf(placement.AffinityGroup))?.Location;
}

/**
 * Checks that the Location or AffinityGroup given exists (and offers `service`, e.g. Compute or Storage), as
 * CreateHostedService and CreateStorageAccount did. That exactly one is given is the spec's exactlyOne rule on
 * their bodies, checked on receipt with the service's message.
 */
export function checkPlacement(state: EmulatorState, subscription: SubscriptionState, placement: Placement, service: string): void {
  if (placement.Location !== undefined) {
    const location = state.location(placement.Location);
    if (location === undefined) {
      throw errors.badRequest(`The location ${placement.Location} is not valid. Valid locations: ${state.locations.map((l) => l.Name).join(', ')}.`);
    }
    if (!location.AvailableServices.includes(service)) throw errors.badRequest(`The location ${placement.Location} does not offer ${service}.`);
  } else if (!subscription.affinityGroups.has(keyOf(placement.AffinityGroup!))) {
    throw errors.badRequest(`The affinity group ${placement.AffinityGroup} does not exist.`);
  }
}

export interface BlobAddress {
  account: string;
  container: string;
  blob: string;
}

const BLOB_URL = /^https?:\/\/([a-z0-9]{3,24})\.blob\.core\.windows\.net\/([^/?#]+)\/([^?#]+)$/i;

export function parseBlobUrl(url: string): BlobAddress | undefined {
  const m = BLOB_URL.exec(url.trim());
  return m === null ? undefined : { account: m[1]!.toLowerCase(), container: m[2]!, blob: m[3]! };
}

/** The storage account of the subscription that holds a media link's blob; 400 when there is none. */
export function accountOfMediaLink(subscription: SubscriptionState, link: string): StorageAccountRecord {
  const address = parseBlobUrl(link);
  if (address === undefined) {
    throw errors.badRequest(`The media link ${link} is not a valid blob URL (https://<account>.blob.core.windows.net/<container>/<blob>).`);
  }
  const account = subscription.storageAccounts.get(address.account);
  if (account === undefined) throw errors.badRequest(`The storage account ${address.account} of media link ${link} was not found in the subscription.`);
  return account;
}

/** Refuses a blob whose storage account is not where the cloud service is, with the service's explanation. */
export function checkSameRegion(subscription: SubscriptionState, account: StorageAccountRecord, service: Placement & { ServiceName: string }, link: string): void {
  const accountRegion = regionOf(subscription, account);
  const serviceRegion = regionOf(subscription, service);
  if (accountRegion === undefined || serviceRegion === undefined || keyOf(accountRegion) === keyOf(serviceRegion)) return;
  throw errors.badRequest(`The location or affinity group of the storage account ${account.ServiceName} holding ${link} is not the same as the `
    + `location or affinity group of the cloud service ${service.ServiceName}. The blob must reside in a storage account in ${serviceRegion}.`);
}

/** A blob URL in the same container as `sibling`. */
export function siblingBlob(sibling: string, blob: string): string {
  const address = parseBlobUrl(sibling);
  if (address === undefined) return sibling;
  return `https://${address.account}.blob.core.windows.net/${address.container}/${blob}`;
}
