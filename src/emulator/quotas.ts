/**
 * Subscription usage and limits: the Current* counters of GetSubscription are computed from the state, and
 * creations that would pass a Max* limit are refused. Cores are those of the role sizes of all role instances,
 * except deallocated VMs, which the service stopped billing and counting.
 */
import { errors } from './api-error.js';
import { settledPhase } from './instance-progress.js';
import type { SubscriptionProperties } from './records.js';
import type { EmulatorBounds } from './bounds.js';
import type { EmulatorState, SubscriptionState } from './state.js';

export interface Usage {
  CurrentCoreCount: number;
  CurrentHostedServices: number;
  CurrentStorageAccounts: number;
  CurrentReservedIPs: number;
}

export function coresOf(state: EmulatorState, roleSize: string | undefined): number {
  return (roleSize === undefined ? undefined : state.roleSize(roleSize)?.Cores) ?? 1;
}

export function usageOf(state: EmulatorState, subscription: SubscriptionState): Usage {
  let cores = 0;
  for (const service of subscription.hostedServices.values()) {
    for (const deployment of service.deployments.values()) {
      for (const instance of deployment.instances) {
        if (settledPhase(instance).InstanceStatus !== 'StoppedDeallocated') cores += coresOf(state, instance.InstanceSize);
      }
    }
  }
  return {
    CurrentCoreCount: cores,
    CurrentHostedServices: subscription.hostedServices.size,
    CurrentStorageAccounts: subscription.storageAccounts.size,
    CurrentReservedIPs: subscription.reservedIps.size,
  };
}

type Limit = 'Core' | 'HostedServices' | 'StorageAccounts' | 'ReservedIPs';

const MAXIMUM: Record<Limit, keyof SubscriptionProperties> = {
  Core: 'MaxCoreCount', HostedServices: 'MaxHostedServices', StorageAccounts: 'MaxStorageAccounts', ReservedIPs: 'MaxReservedIPs',
};
const CURRENT: Record<Limit, keyof Usage> = {
  Core: 'CurrentCoreCount', HostedServices: 'CurrentHostedServices', StorageAccounts: 'CurrentStorageAccounts', ReservedIPs: 'CurrentReservedIPs',
};

/** Refuses `requested` more of a limited resource when it would pass the subscription's limit. */
export function checkQuota(state: EmulatorState, subscription: SubscriptionState, limit: Limit, requested: number): void {
  if (requested <= 0) return;
  const maximum = subscription.properties[MAXIMUM[limit]] as number;
  const current = usageOf(state, subscription)[CURRENT[limit]];
  if (current + requested <= maximum) return;
  throw errors.badRequest(`Operation results in exceeding quota limits of ${limit}. Maximum allowed: ${maximum}, Current in use: ${current}, Additional requested: ${requested}.`);
}

/**
 * Limits the service documents for collections GetSubscription does not report ("Azure subscription and service
 * limits", classic deployment model; management certificates: "Upload an Azure Service Management certificate",
 * Limitations). Passing one is refused with the quota message above, as the service's other count limits are.
 */
export const DOCUMENTED_LIMITS = {
  /** Affinity groups per subscription: 256 (default and maximum). */
  affinityGroups: 256,
  /** Management certificates per subscription: 100. */
  managementCertificates: 100,
  /** Hosted service certificates: 199 per subscription and per deployment; kept per cloud service here. */
  serviceCertificates: 199,
  /** Virtual machines per cloud service: 50. */
  virtualMachinesPerService: 50,
  /** Input endpoints per cloud service: 150. */
  inputEndpointsPerService: 150,
} as const;

export type DocumentedLimit = keyof typeof DOCUMENTED_LIMITS;

/** Refuses one more of `what` when `current` already reaches a documented limit (the service's quota message). */
export function checkDocumentedLimit(limit: DocumentedLimit, what: string, current: number, requested = 1): void {
  const maximum = DOCUMENTED_LIMITS[limit];
  if (current + requested <= maximum) return;
  throw errors.badRequest(`Operation results in exceeding quota limits of ${what}. Maximum allowed: ${maximum}, Current in use: ${current}, Additional requested: ${requested}.`);
}

/** Refuses one more of `what` when `current` reaches the emulator's bound, naming the bound and its setting. */
export function checkBound(state: EmulatorState, bound: keyof EmulatorBounds, what: string, current: number, requested = 1): void {
  const maximum = state.bounds[bound];
  if (current + requested <= maximum) return;
  throw errors.conflict(`The emulator keeps at most ${maximum} ${what} (EmulatorOptions.bounds.${bound}); ${current} exist. Delete some first.`);
}
