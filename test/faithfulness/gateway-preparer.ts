/**
 * What the recorded gateway GETs need in the emulator, made through the typed client: a virtual network with a
 * GatewaySubnet, added to the subscription's network configuration (merged, so earlier sites stay), connected to
 * the local network sites the answer names, with a provisioned classic gateway; and gateway operations, running
 * or finished, for the recorded GetGatewayOperationStatus answers.
 */
import type { Gateway, NetworkConfiguration, ServiceManagementClient } from '../../generated/index.js';
import type { Emulator } from '../../src/emulator/server.js';

async function addVirtualNetwork(client: ServiceManagementClient, network: string, localSites: readonly string[]): Promise<void> {
  const current: NetworkConfiguration = await client.getNetworkConfiguration().catch(() => ({}));
  const configuration = current.VirtualNetworkConfiguration ?? {};
  const sites = configuration.VirtualNetworkSites ?? [];
  const octet = 100 + sites.length;
  const locals = [...(configuration.LocalNetworkSites ?? [])];
  for (const [i, name] of localSites.entries()) {
    if (!locals.some((l) => l.name.toLowerCase() === name.toLowerCase())) locals.push({ name, AddressSpace: [`192.168.${octet}.${i * 16}/28`], VPNGatewayAddress: `198.51.100.${octet}` });
  }
  await client.setNetworkConfiguration({
    VirtualNetworkConfiguration: {
      ...configuration,
      ...(locals.length === 0 ? {} : { LocalNetworkSites: locals }),
      VirtualNetworkSites: [...sites, {
        name: network, Location: 'West US', AddressSpace: [`10.${octet}.0.0/16`],
        Subnets: [{ name: 'Subnet-1', AddressPrefix: `10.${octet}.1.0/24` }, { name: 'GatewaySubnet', AddressPrefix: `10.${octet}.0.0/29` }],
        ...(localSites.length === 0 ? {} : { Gateway: { ConnectionsToLocalNetwork: localSites.map((name) => ({ name })) } }),
      }],
    },
  }, { wait: true });
}

/** A provisioned classic gateway of the recorded type and size on a new vnet of that name. */
export async function prepareGateway(client: ServiceManagementClient, network: string, recorded: Gateway = {}, localSites: readonly string[] = []): Promise<void> {
  await addVirtualNetwork(client, network, localSites);
  const gatewayType = recorded.GatewayType === 'StaticRouting' ? 'StaticRouting' : 'DynamicRouting';
  await client.createGateway({ NetworkName: network, gatewayType, ...(recorded.GatewaySize === undefined ? {} : { GatewaySize: recorded.GatewaySize }) }, { wait: true });
}

let pending = 0;

/**
 * The id of a gateway operation in the recorded state: a gateway being created (held InProgress until polled
 * twice) or one finished.
 */
export async function gatewayOperationId(client: ServiceManagementClient, emulator: Emulator, inProgress: boolean): Promise<string> {
  const network = `xplatgw${pending++}`;
  await addVirtualNetwork(client, network, []);
  if (!inProgress) {
    const accepted = await client.createGateway({ NetworkName: network });
    await accepted.wait();
    return accepted.requestId;
  }
  emulator.setAsyncTiming({ polls: 2 });
  try {
    return (await client.createGateway({ NetworkName: network })).requestId;
  } finally {
    emulator.setAsyncTiming({ polls: 0 });
  }
}
