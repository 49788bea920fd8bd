/**
 * The subscription's network configuration: DNS servers, local network sites and virtual network sites, as the
 * service kept them — one document (GetNetworkConfiguration / SetNetworkConfiguration, its own namespace) that
 * every virtual network operation reads. The emulator holds it as three maps by lower-case name, in document
 * order, so that other families (gateways, network security groups, route tables, deployments) look a site or a
 * subnet up by name, and each site keeps what the document does not carry (its id, its state) across a Set.
 */
import { randomUUID } from 'node:crypto';
import type { NetworkConfiguration, SubnetConfiguration, VirtualNetworkSiteConfiguration } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import type { VirtualNetworkSiteRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';

/** The virtual network site of that name, or the service's 404. */
export function findVirtualNetworkSite(subscription: SubscriptionState, name: string): VirtualNetworkSiteRecord {
  const site = subscription.virtualNetworkSites.get(keyOf(name));
  if (site === undefined) throw errors.notFound(`The virtual network ${name} does not exist.`);
  return site;
}

/** The subnet of that name in a site, or a 404 naming both. */
export function findSubnet(site: VirtualNetworkSiteRecord, name: string): SubnetConfiguration {
  const subnet = site.Subnets?.find((s) => keyOf(s.name) === keyOf(name));
  if (subnet === undefined) throw errors.notFound(`The subnet ${name} does not exist in virtual network ${site.name}.`);
  return subnet;
}

/** The document as GetNetworkConfiguration answers it, rebuilt from the maps in document order. */
export function networkConfigurationOf(subscription: SubscriptionState): NetworkConfiguration {
  const dnsServers = [...subscription.dnsServers.values()];
  const localSites = [...subscription.localNetworkSites.values()];
  const sites = [...subscription.virtualNetworkSites.values()].map(siteConfiguration);
  return {
    VirtualNetworkConfiguration: {
      // Dns is always written, empty when there are no servers, as every recorded answer has it (`<Dns />`); the
      // classic CLI reads Dns.DnsServers without a check and fails on a document without it.
      Dns: dnsServers.length === 0 ? {} : { DnsServers: dnsServers.map((d) => ({ ...d })) },
      ...(localSites.length === 0 ? {} : { LocalNetworkSites: localSites.map((l) => structuredClone(l)) }),
      ...(sites.length === 0 ? {} : { VirtualNetworkSites: sites }),
    },
  };
}

function siteConfiguration(site: VirtualNetworkSiteRecord): VirtualNetworkSiteConfiguration {
  const { Id: _id, State: _state, MigrationState: _migration, ...configuration } = structuredClone(site);
  return configuration;
}

/**
 * Replaces the document: sites, local sites and DNS servers not in it are gone, those in it take its values; a
 * site that stays keeps its id and state. Names must be unique within each list (the service refused duplicates).
 */
export function applyNetworkConfiguration(subscription: SubscriptionState, document: NetworkConfiguration): void {
  const configuration = document.VirtualNetworkConfiguration ?? {};
  const dnsServers = byName(configuration.Dns?.DnsServers ?? [], 'DnsServer');
  const localSites = byName(configuration.LocalNetworkSites ?? [], 'LocalNetworkSite');
  const sites = byName(configuration.VirtualNetworkSites ?? [], 'VirtualNetworkSite');
  const previous = subscription.virtualNetworkSites;
  const nextSites = new Map<string, VirtualNetworkSiteRecord>();
  for (const [key, site] of sites) {
    const kept = previous.get(key);
    nextSites.set(key, { ...structuredClone(site), Id: kept?.Id ?? randomUUID(), State: 'Created', ...(kept?.MigrationState === undefined ? {} : { MigrationState: kept.MigrationState }) });
  }
  replace(subscription.dnsServers, dnsServers);
  replace(subscription.localNetworkSites, localSites);
  replace(subscription.virtualNetworkSites, nextSites);
}

function byName<T extends { name: string }>(items: readonly T[], element: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(keyOf(item.name))) throw errors.badRequest(`The network configuration names ${element} ${item.name} more than once.`);
    map.set(keyOf(item.name), structuredClone(item));
  }
  return map;
}

function replace<T>(target: Map<string, T>, source: Map<string, T>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}
