/**
 * An OS disk made from an image without a MediaLink. The documents make MediaLink optional (the preview service
 * chose the blob itself); the service has since required it. The facade names a blob as the later command-line
 * tools did: in the vhds container of a storage account of the subscription that sits where the cloud service
 * sits (same affinity group, else same location), named <service>-<role>-<UTC time>.vhd. It never creates an
 * account: with none there, the request goes as given and the service's answer says what is missing.
 */
import type { ServiceManagementClient } from '../../generated/client.js';
import type { HostedServiceProperties, StorageService } from '../../generated/models/index.js';

function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** An account in the service's affinity group, or in its location when the service has none. */
export function accountFor(service: HostedServiceProperties, accounts: readonly StorageService[]): StorageService | undefined {
  return accounts.find((account) => {
    const placement = account.StorageServiceProperties;
    return service.AffinityGroup !== undefined
      ? same(placement?.AffinityGroup, service.AffinityGroup)
      : same(placement?.Location, service.Location);
  });
}

/** The account's blob endpoint, as it lists it (https://<account>.blob.core.windows.net/). */
export function blobEndpoint(account: StorageService): string | undefined {
  const listed = account.StorageServiceProperties?.Endpoints?.find((url) => /\.blob\./i.test(url));
  if (listed !== undefined) return listed.endsWith('/') ? listed : `${listed}/`;
  return account.ServiceName === undefined ? undefined : `https://${account.ServiceName}.blob.core.windows.net/`;
}

/** yyyyMMddHHmmssSSS in UTC: unique enough for one role's disk, and sorts by time. */
export function timeStamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 17);
}

export async function osDiskMediaLink(client: ServiceManagementClient, serviceName: string, roleName: string, now = new Date()): Promise<string | undefined> {
  try {
    const [service, accounts] = await Promise.all([client.getHostedService({ ServiceName: serviceName }), client.listStorageAccounts()]);
    const account = service.HostedServiceProperties === undefined ? undefined : accountFor(service.HostedServiceProperties, accounts);
    const endpoint = account === undefined ? undefined : blobEndpoint(account);
    return endpoint === undefined ? undefined : `${endpoint}vhds/${serviceName}-${roleName}-${timeStamp(now)}.vhd`;
  } catch {
    return undefined;
  }
}
