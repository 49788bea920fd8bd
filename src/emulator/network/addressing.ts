/**
 * VMs in a virtual network: a deployment names the site (VirtualNetworkName), each VM's network set the subnet
 * it joins (SubnetNames) and, optionally, its address (StaticVirtualNetworkIPAddress). The site must exist where
 * the cloud service is; a VM gets the lowest free usable address of its subnet (Azure kept .0-.3 and the last),
 * or its static address, which must be usable in its subnet and not held by another VM or load balancer.
 */
import type { ConfigurationSet, LoadBalancer } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { networkSetOf } from '../compute/configuration-sets.js';
import { regionOf } from '../placement.js';
import type { HostedServiceRecord, RoleRecord, VirtualNetworkSiteRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';
import { containsAddress, freeAddresses, parseCidr, parseIp, usableIn, type Cidr } from './cidr.js';
import { addressesInUse, subnetNameOf } from './usage.js';

/** The site a new deployment names, checked to be in the cloud service's location or affinity group. */
export function siteForDeployment(subscription: SubscriptionState, service: HostedServiceRecord, name: string): VirtualNetworkSiteRecord {
  const site = subscription.virtualNetworkSites.get(keyOf(name));
  if (site === undefined) throw errors.badRequest(`The virtual network ${name} does not exist.`);
  if (site.AffinityGroup !== undefined) {
    if (service.AffinityGroup === undefined || keyOf(service.AffinityGroup) !== keyOf(site.AffinityGroup)) {
      throw errors.badRequest(`The virtual network ${site.name} is in affinity group ${site.AffinityGroup}; the cloud service ${service.ServiceName} must be in that affinity group to deploy into it.`);
    }
  } else {
    const region = regionOf(subscription, service);
    if (region !== undefined && site.Location !== undefined && keyOf(region) !== keyOf(site.Location)) {
      throw errors.badRequest(`The virtual network ${site.name} is in ${site.Location}, not in ${region} where the cloud service ${service.ServiceName} is.`);
    }
  }
  return site;
}

function subnetPrefix(site: VirtualNetworkSiteRecord, name: string): Cidr {
  const subnet = site.Subnets?.find((s) => keyOf(s.name) === keyOf(name));
  if (subnet === undefined) throw errors.badRequest(`The subnet ${name} does not exist in virtual network ${site.name}.`);
  return parseCidr(subnet.AddressPrefix ?? '')!;
}

/** The subnet a role's network set puts it in, checked; undefined when the site has no subnets. */
function roleSubnet(site: VirtualNetworkSiteRecord, sets: readonly ConfigurationSet[], roleName: string): { name: string; prefix: Cidr } | undefined {
  const names = networkSetOf(sets)?.SubnetNames ?? [];
  for (const name of names) subnetPrefix(site, name);
  const name = subnetNameOf(site, names);
  if (name === undefined) {
    if (networkSetOf(sets)?.StaticVirtualNetworkIPAddress !== undefined) throw errors.badRequest(`Role ${roleName} has a static virtual network IP address but virtual network ${site.name} has no subnet.`);
    return undefined;
  }
  return { name, prefix: subnetPrefix(site, name) };
}

/**
 * Checks a VM role's network set against the deployment's virtual network (or its absence) and the addresses
 * taken (`claimed`: static addresses of the same request's other roles).
 */
export function checkRoleNetwork(subscription: SubscriptionState, siteName: string | undefined, role: Pick<RoleRecord, 'RoleName' | 'ConfigurationSets'>, claimed: ReadonlySet<string> = new Set()): void {
  const set = networkSetOf(role.ConfigurationSets);
  const staticAddress = set?.StaticVirtualNetworkIPAddress;
  if (siteName === undefined) {
    if ((set?.SubnetNames ?? []).length > 0 || staticAddress !== undefined) {
      throw errors.badRequest(`Role ${role.RoleName} names a subnet or a static virtual network IP address, but its deployment is not in a virtual network.`);
    }
    return;
  }
  const site = subscription.virtualNetworkSites.get(keyOf(siteName));
  if (site === undefined) throw errors.badRequest(`The virtual network ${siteName} does not exist.`);
  const subnet = roleSubnet(site, role.ConfigurationSets, role.RoleName);
  if (staticAddress === undefined || subnet === undefined) return;
  const address = parseIp(staticAddress);
  if (address === undefined) throw errors.badRequest(`The static virtual network IP address ${staticAddress} of role ${role.RoleName} is not a valid IPv4 address.`);
  if (!containsAddress(subnet.prefix, address) || !usableIn(subnet.prefix, address)) {
    throw errors.badRequest(`The static address ${staticAddress} of role ${role.RoleName} is not a usable address of subnet ${subnet.name} (the first four and the last address of a subnet are reserved).`);
  }
  if (addressesInUse(subscription, site.name).has(staticAddress) || claimed.has(staticAddress)) {
    throw errors.conflict(`The static address ${staticAddress} is already in use in virtual network ${site.name}.`);
  }
}

/** The address a new VM of the deployment gets: its static address, or the lowest free one of its subnet. */
export function addressForRole(subscription: SubscriptionState, siteName: string, role: RoleRecord): string | undefined {
  const site = subscription.virtualNetworkSites.get(keyOf(siteName));
  if (site === undefined) return undefined;
  const set = networkSetOf(role.ConfigurationSets);
  if (set?.StaticVirtualNetworkIPAddress !== undefined) return set.StaticVirtualNetworkIPAddress;
  const subnet = roleSubnet(site, role.ConfigurationSets, role.RoleName);
  if (subnet === undefined) return undefined;
  const [free] = freeAddresses(subnet.prefix, addressesInUse(subscription, site.name), 1);
  if (free === undefined) throw errors.badRequest(`The subnet ${subnet.name} of virtual network ${site.name} has no free address left.`);
  return free;
}

/**
 * Checks an internal load balancer's front end: Type Private; a subnet of the deployment's virtual network
 * (none outside one); a static address usable in that subnet and not held by a VM or another load balancer
 * (`own`: the address the balancer being updated holds now).
 */
export function checkFrontend(subscription: SubscriptionState, siteName: string | undefined, balancer: LoadBalancer, own?: string): void {
  const frontend = balancer.FrontendIpConfiguration;
  if (frontend.Type !== undefined && frontend.Type !== 'Private') {
    throw errors.badRequest(`The front-end IP configuration of load balancer ${balancer.Name} must be of Type Private: only internal load balancers can be added to a deployment.`);
  }
  if (siteName === undefined) {
    if (frontend.SubnetName !== undefined || frontend.StaticVirtualNetworkIPAddress !== undefined) {
      throw errors.badRequest(`Load balancer ${balancer.Name} names a subnet or a static address, but its deployment is not in a virtual network.`);
    }
    return;
  }
  const site = subscription.virtualNetworkSites.get(keyOf(siteName));
  if (site === undefined) throw errors.badRequest(`The virtual network ${siteName} does not exist.`);
  if (frontend.SubnetName === undefined) throw errors.badRequest(`Load balancer ${balancer.Name} must name the subnet of virtual network ${site.name} its front end is in.`);
  const prefix = subnetPrefix(site, frontend.SubnetName);
  const text = frontend.StaticVirtualNetworkIPAddress;
  if (text === undefined) return;
  const address = parseIp(text);
  if (address === undefined || !containsAddress(prefix, address) || !usableIn(prefix, address)) {
    throw errors.badRequest(`The static address ${text} of load balancer ${balancer.Name} is not a usable address of subnet ${frontend.SubnetName}.`);
  }
  if (text !== own && addressesInUse(subscription, site.name).has(text)) throw errors.conflict(`The static address ${text} is already in use in virtual network ${site.name}.`);
}
