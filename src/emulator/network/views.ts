/**
 * Virtual networks as ListVirtualNetworkSites answered them: derived from the network configuration document
 * (the site's address space, subnets, DNS servers resolved by reference, gateway with its local sites) and from
 * the state (its id, InUse while a deployment is in it, its migration state). Element order and the members
 * shown follow the xplat-cli recordings (cli.vm.create_loc_vnet_vm-tests, cli.vm.loadbalancer-tests): InUse
 * appears only when true; a gateway shows its VPN client pool and VnetNames, empty when not set.
 */
import type { VirtualNetworkSite, VirtualNetworkSiteGateway } from '../../../generated/models/index.js';
import type { VirtualNetworkSiteRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';
import { deploymentsIn } from './usage.js';

function gatewayView(subscription: SubscriptionState, site: VirtualNetworkSiteRecord): VirtualNetworkSiteGateway | undefined {
  const gateway = site.Gateway;
  if (gateway === undefined) return undefined;
  return {
    Profile: gateway.profile,
    Sites: (gateway.ConnectionsToLocalNetwork ?? []).flatMap((ref) => {
      const local = subscription.localNetworkSites.get(keyOf(ref.name));
      if (local === undefined) return [];
      return [{
        Name: local.name, AddressSpace: { AddressPrefixes: [...(local.AddressSpace ?? [])] }, VpnGatewayAddress: local.VPNGatewayAddress,
        Connections: [{ Type: ref.Connection?.type ?? 'IPsec' }],
      }];
    }),
    VPNClientAddressPool: { AddressPrefixes: [...(gateway.VPNClientAddressPool ?? [])] },
    VnetNames: [],
  };
}

export function virtualNetworkSiteView(subscription: SubscriptionState, site: VirtualNetworkSiteRecord): VirtualNetworkSite {
  const dns = (site.DnsServersRef ?? []).flatMap((ref) => {
    const server = subscription.dnsServers.get(keyOf(ref.name));
    return server === undefined ? [] : [{ Name: server.name, Address: server.IPAddress }];
  });
  return {
    Name: site.name, Id: site.Id, AffinityGroup: site.AffinityGroup, State: site.State,
    InUse: deploymentsIn(subscription, site.name).length > 0 ? true : undefined,
    AddressSpace: { AddressPrefixes: [...(site.AddressSpace ?? [])] },
    Subnets: (site.Subnets ?? []).map((s) => ({ Name: s.name, AddressPrefix: s.AddressPrefix })),
    Dns: dns.length === 0 ? undefined : { DnsServers: dns },
    Gateway: gatewayView(subscription, site), Location: site.Location, MigrationState: site.MigrationState,
  };
}
