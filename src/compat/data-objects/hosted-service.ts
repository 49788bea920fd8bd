/**
 * CreateHostedService's arguments onto the service's CreateHostedService: Label defaulting to the service name,
 * Description to 'Service host' (an empty value counts as none, as in the old package). The Location default is
 * resolved by the caller (see default-location.ts).
 */
import type { CreateHostedService } from '../../../generated/models/index.js';
import type { ServiceOptions } from '../types.js';
import { compact, options } from './values.js';

export function hostedService(serviceName: string, serviceOptions: ServiceOptions | undefined): CreateHostedService {
  const given = options(serviceOptions);
  return compact({
    ...given,
    ServiceName: serviceName,
    Label: given.Label || serviceName,
    Description: given.Description || 'Service host',
  }) as CreateHostedService;
}

/** Neither a Location nor an AffinityGroup: the service needs one of them. */
export function needsPlacement(service: CreateHostedService): boolean {
  return service.Location === undefined && service.AffinityGroup === undefined;
}
