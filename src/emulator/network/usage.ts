/**
 * What of a virtual network deployments use: the deployments in it, the subnets their VMs and internal load
 * balancers sit in, and the addresses they hold. Other families read a site's usage through these (a site or
 * subnet in use cannot be removed; a static address that is taken is refused).
 */
import type { DeploymentRecord, VirtualNetworkSiteRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';
import { networkSetOf } from '../compute/configuration-sets.js';

export interface DeploymentInNetwork {
  serviceName: string;
  deployment: DeploymentRecord;
}

/** The deployments placed in the named virtual network. */
export function deploymentsIn(subscription: SubscriptionState, siteName: string): DeploymentInNetwork[] {
  const found: DeploymentInNetwork[] = [];
  for (const service of subscription.hostedServices.values()) {
    for (const deployment of service.deployments.values()) {
      if (deployment.VirtualNetworkName !== undefined && keyOf(deployment.VirtualNetworkName) === keyOf(siteName)) found.push({ serviceName: service.ServiceName, deployment });
    }
  }
  return found;
}

/** The subnet a VM role of a deployment in a virtual network sits in: the first it names, else the site's first. */
export function subnetNameOf(site: VirtualNetworkSiteRecord, names: readonly string[] | undefined): string | undefined {
  return names?.[0] ?? site.Subnets?.[0]?.name;
}

/** Lower-case names of the subnets in use by VMs and internal load balancers of the site's deployments. */
export function subnetsInUse(subscription: SubscriptionState, site: VirtualNetworkSiteRecord): Set<string> {
  const used = new Set<string>();
  for (const { deployment } of deploymentsIn(subscription, site.name)) {
    for (const role of deployment.roles.values()) {
      const name = subnetNameOf(site, networkSetOf(role.ConfigurationSets)?.SubnetNames);
      if (name !== undefined) used.add(keyOf(name));
    }
    for (const balancer of deployment.loadBalancers ?? []) {
      const name = balancer.FrontendIpConfiguration.SubnetName;
      if (name !== undefined) used.add(keyOf(name));
    }
  }
  return used;
}

/** Addresses of the site held by VMs (their instances) and internal load balancers. */
export function addressesInUse(subscription: SubscriptionState, siteName: string): Set<string> {
  const taken = new Set<string>();
  for (const { deployment } of deploymentsIn(subscription, siteName)) {
    for (const instance of deployment.instances) taken.add(instance.IpAddress);
    for (const balancer of deployment.loadBalancers ?? []) {
      const address = balancer.FrontendIpConfiguration.StaticVirtualNetworkIPAddress;
      if (address !== undefined) taken.add(address);
    }
  }
  return taken;
}
