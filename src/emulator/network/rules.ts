/**
 * The service's rules for a network configuration document (SetNetworkConfiguration), checked before it
 * replaces the current one: the subscription's limits, each site's place (an existing location or affinity
 * group), address spaces and subnets as CIDR prefixes (subnets inside their site's space, not overlapping),
 * references to DNS servers and local network sites of the same document, and what deployments use: a site
 * or subnet in use cannot be removed or changed. The in-use wording is the service's, as the classic CLI and
 * PowerShell reported it ("Cannot delete or modify virtual network while in use 'dimension-vn'." in
 * Azure/azure-sdk-for-node#980; "... subnet while in use 'GatewaySubnet'." in MicrosoftLearning 20533 #130).
 */
import type { NetworkConfiguration, SubnetConfiguration, VirtualNetworkSiteConfiguration } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import type { VirtualNetworkSiteRecord } from '../records.js';
import { keyOf, type EmulatorState, type SubscriptionState } from '../state.js';
import { containsPrefix, overlaps, parseCidr, parseIp, type Cidr } from './cidr.js';
import { GATEWAY_SUBNET, gatewayOf } from './gateways.js';
import { deploymentsIn, subnetsInUse } from './usage.js';

function prefixOf(text: string | undefined, what: string): Cidr {
  const cidr = text === undefined ? undefined : parseCidr(text);
  if (cidr === undefined) throw errors.badRequest(`The address prefix ${text ?? '(none)'} of ${what} is not a valid CIDR prefix (a.b.c.d/n).`);
  return cidr;
}

function checkLimit(count: number, limit: number, what: string): void {
  if (count > limit) throw errors.badRequest(`The network configuration has ${count} ${what}; the subscription allows at most ${limit}.`);
}

function checkPlace(state: EmulatorState, subscription: SubscriptionState, site: VirtualNetworkSiteConfiguration): void {
  if ((site.Location === undefined) === (site.AffinityGroup === undefined)) {
    throw errors.badRequest(`The virtual network ${site.name} must name either a Location or an AffinityGroup, but not both.`);
  }
  if (site.Location !== undefined && state.location(site.Location) === undefined) {
    throw errors.badRequest(`The location ${site.Location} of virtual network ${site.name} is not valid. Valid locations: ${state.locations.map((l) => l.Name).join(', ')}.`);
  }
  if (site.AffinityGroup !== undefined && !subscription.affinityGroups.has(keyOf(site.AffinityGroup))) {
    throw errors.badRequest(`The affinity group ${site.AffinityGroup} of virtual network ${site.name} does not exist.`);
  }
}

function checkNoOverlap(prefixes: readonly { name: string; cidr: Cidr; text: string }[], what: string): void {
  for (const [i, a] of prefixes.entries()) {
    const b = prefixes.slice(i + 1).find((other) => overlaps(a.cidr, other.cidr));
    if (b !== undefined) throw errors.badRequest(`The ${what} ${a.name} (${a.text}) overlaps ${b.name} (${b.text}).`);
  }
}

function checkSubnets(site: VirtualNetworkSiteConfiguration, space: readonly Cidr[]): void {
  const subnets = (site.Subnets ?? []).map((subnet: SubnetConfiguration) => {
    const text = subnet.AddressPrefix;
    const cidr = prefixOf(text, `subnet ${subnet.name} of virtual network ${site.name}`);
    if (!space.some((outer) => containsPrefix(outer, cidr))) {
      throw errors.badRequest(`The subnet ${subnet.name} (${text}) is not inside the address space of virtual network ${site.name} (${(site.AddressSpace ?? []).join(', ') || 'empty'}).`);
    }
    return { name: subnet.name, cidr, text: text! };
  });
  const names = new Set<string>();
  for (const subnet of subnets) {
    if (names.has(keyOf(subnet.name))) throw errors.badRequest(`The virtual network ${site.name} names subnet ${subnet.name} more than once.`);
    names.add(keyOf(subnet.name));
  }
  checkNoOverlap(subnets, `subnet of virtual network ${site.name}`);
}

function checkSite(state: EmulatorState, subscription: SubscriptionState, site: VirtualNetworkSiteConfiguration, dnsNames: Set<string>, localNames: Set<string>): void {
  checkPlace(state, subscription, site);
  const space = (site.AddressSpace ?? []).map((text) => ({ name: text, text, cidr: prefixOf(text, `the address space of virtual network ${site.name}`) }));
  checkNoOverlap(space, `address prefix of virtual network ${site.name}`);
  checkSubnets(site, space.map((s) => s.cidr));
  for (const ref of site.DnsServersRef ?? []) {
    if (!dnsNames.has(keyOf(ref.name))) throw errors.badRequest(`The DNS server ${ref.name} referenced by virtual network ${site.name} is not defined in the network configuration.`);
  }
  for (const ref of site.Gateway?.ConnectionsToLocalNetwork ?? []) {
    if (!localNames.has(keyOf(ref.name))) throw errors.badRequest(`The local network site ${ref.name} referenced by virtual network ${site.name} is not defined in the network configuration.`);
  }
}

/** The subnets of a site that something uses: its deployments' subnets, and its gateway's GatewaySubnet. */
function usedSubnets(subscription: SubscriptionState, site: VirtualNetworkSiteRecord, hasGateway: boolean): string[] {
  return [...subnetsInUse(subscription, site), ...(hasGateway ? [keyOf(GATEWAY_SUBNET)] : [])];
}

/**
 * A site deployments or a gateway use must stay, in the same place, with the subnets they use unchanged (a
 * gateway uses its GatewaySubnet: the service's "... subnet while in use 'GatewaySubnet'.").
 */
function checkInUse(subscription: SubscriptionState, sites: readonly VirtualNetworkSiteConfiguration[]): void {
  for (const current of subscription.virtualNetworkSites.values()) {
    const hasGateway = gatewayOf(subscription, current.name) !== undefined;
    if (deploymentsIn(subscription, current.name).length === 0 && !hasGateway) continue;
    const next = sites.find((s) => keyOf(s.name) === keyOf(current.name));
    const moved = next === undefined || next.Location !== current.Location || next.AffinityGroup !== current.AffinityGroup;
    if (moved) throw errors.badRequest(`Cannot delete or modify virtual network while in use '${current.name}'.`);
    for (const used of usedSubnets(subscription, current, hasGateway)) {
      const before = current.Subnets?.find((s) => keyOf(s.name) === used);
      const after = next.Subnets?.find((s) => keyOf(s.name) === used);
      if (before !== undefined && after?.AddressPrefix !== before.AddressPrefix) throw errors.badRequest(`Cannot delete or modify subnet while in use '${before.name}'.`);
    }
  }
}

/** Every rule of the document against the subscription as it is now. */
export function checkNetworkConfiguration(state: EmulatorState, subscription: SubscriptionState, document: NetworkConfiguration): void {
  const configuration = document.VirtualNetworkConfiguration ?? {};
  const dnsServers = configuration.Dns?.DnsServers ?? [];
  const localSites = configuration.LocalNetworkSites ?? [];
  const sites = configuration.VirtualNetworkSites ?? [];
  const limits = subscription.properties;
  checkLimit(sites.length, limits.MaxVirtualNetworkSites, 'virtual network sites');
  checkLimit(localSites.length, limits.MaxLocalNetworkSites, 'local network sites');
  checkLimit(dnsServers.length, limits.MaxDnsServers, 'DNS servers');
  for (const dns of dnsServers) {
    if (dns.IPAddress === undefined || parseIp(dns.IPAddress) === undefined) throw errors.badRequest(`The IP address ${dns.IPAddress ?? '(none)'} of DNS server ${dns.name} is not a valid IPv4 address.`);
  }
  for (const local of localSites) {
    for (const text of local.AddressSpace ?? []) prefixOf(text, `the address space of local network site ${local.name}`);
    if (local.VPNGatewayAddress !== undefined && parseIp(local.VPNGatewayAddress) === undefined) {
      throw errors.badRequest(`The VPN gateway address ${local.VPNGatewayAddress} of local network site ${local.name} is not a valid IPv4 address.`);
    }
  }
  const dnsNames = new Set(dnsServers.map((d) => keyOf(d.name)));
  const localNames = new Set(localSites.map((l) => keyOf(l.name)));
  for (const site of sites) checkSite(state, subscription, site, dnsNames, localNames);
  checkInUse(subscription, sites);
}
