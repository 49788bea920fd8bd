/**
 * CreateHostedService without a Location or AffinityGroup. The first document defaults Location to
 * 'Windows Azure Preview', the region of the preview, which no longer exists, and the service refuses a cloud
 * service placed nowhere. So the facade uses options.location when given, else the first location the
 * subscription lists that offers virtual machines (PersistentVMRole), else the first offering cloud services.
 * When the list cannot be read, the request goes without a Location and the service's answer says what is missing.
 */
import type { ServiceManagementClient } from '../../generated/client.js';
import type { Location } from '../../generated/models/index.js';

function offers(location: Location, service: string): boolean {
  return location.AvailableServices?.includes(service) === true;
}

export function pickLocation(locations: readonly Location[]): string | undefined {
  const chosen = locations.find((l) => offers(l, 'PersistentVMRole')) ?? locations.find((l) => offers(l, 'Compute'));
  return chosen?.Name;
}

export async function firstLocation(client: ServiceManagementClient): Promise<string | undefined> {
  try {
    return pickLocation(await client.listLocations());
  } catch {
    return undefined;
  }
}
