/**
 * Making the network security groups and application gateways a recorded answer shows exist in the emulator,
 * through the typed client, before the same GET is sent (see xplat-preparer.ts). An application gateway needs
 * its virtual network and subnets: they are added to the network configuration with address prefixes of the
 * emulator's choosing, since only the answers' shapes are compared.
 */
import type { ApplicationGateway, NetworkSecurityGroup, ServiceManagementClient, VirtualNetworkSiteConfiguration } from '../../generated/index.js';
import type { Preparer } from './xplat-preparer.js';

/** What each recording's preparer already made (one preparer, and one subscription, per recording). */
const made = new WeakMap<Preparer, Set<string>>();

function once(p: Preparer, key: string): boolean {
  const keys = made.get(p) ?? new Set<string>();
  made.set(p, keys);
  if (keys.has(key.toLowerCase())) return false;
  keys.add(key.toLowerCase());
  return true;
}

export async function prepareSecurityGroup(p: Preparer, recorded: NetworkSecurityGroup): Promise<void> {
  if (!once(p, `nsg/${recorded.Name}`)) return;
  await p.client.createNetworkSecurityGroup({ Name: recorded.Name!, Label: recorded.Label, Location: 'West US' }, { wait: true });
}

async function prepareSite(client: ServiceManagementClient, name: string, subnets: readonly string[]): Promise<void> {
  const document = await client.getNetworkConfiguration();
  const sites = document.VirtualNetworkConfiguration?.VirtualNetworkSites ?? [];
  if (sites.some((s) => s.name.toLowerCase() === name.toLowerCase())) return;
  const octet = 10 + sites.length;
  const site: VirtualNetworkSiteConfiguration = {
    name, Location: 'West US', AddressSpace: [`10.${octet}.0.0/16`], Subnets: subnets.map((s, i) => ({ name: s, AddressPrefix: `10.${octet}.${i}.0/24` })),
  };
  await client.setNetworkConfiguration({ VirtualNetworkConfiguration: { ...document.VirtualNetworkConfiguration, VirtualNetworkSites: [...sites, site] } }, { wait: true });
}

export async function prepareApplicationGateway(p: Preparer, recorded: ApplicationGateway): Promise<void> {
  if (!once(p, `appgw/${recorded.Name}`)) return;
  const client = p.client;
  await prepareSite(client, recorded.VnetName!, recorded.Subnets ?? []);
  await client.createApplicationGateway({
    Name: recorded.Name!, Description: recorded.Description, VnetName: recorded.VnetName!, Subnets: recorded.Subnets,
    GatewaySize: recorded.GatewaySize, InstanceCount: recorded.InstanceCount,
  }, { wait: true });
}
