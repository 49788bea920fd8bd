/**
 * The on-premises VPN devices the service had configuration scripts for, as ListSupportedVpnDevices answered
 * (recorded: xplat-cli/cli.network.gateway-test/asm_network_vpn-gateway_vpn-device_list.json), and the script
 * family of each platform: the command syntax GetGatewayDeviceConfigurationScript writes for it.
 */
import type { VpnDeviceList } from '../../../generated/models/index.js';

export type ScriptFamily = 'cisco-asa' | 'cisco-ios' | 'junos' | 'screenos' | 'rras';

interface Platform { name: string; osFamilies: string[]; family: ScriptFamily }

const VENDORS: { name: string; platforms: Platform[] }[] = [
  {
    name: 'Cisco Systems, Inc.',
    platforms: [
      { name: 'ASA 5500 Series Adaptive Security Appliances', osFamilies: ['ASA Software 8.3'], family: 'cisco-asa' },
      { name: 'ASR 1000 Series Aggregation Services Routers', osFamilies: ['IOS XE 15.1'], family: 'cisco-ios' },
      { name: 'ASR 1000 Series Aggregation Services Routers - Dynamic Routing', osFamilies: ['IOS XE 15.2'], family: 'cisco-ios' },
      { name: 'ISR Series Integrated Services Routers', osFamilies: ['IOS 15.0'], family: 'cisco-ios' },
      { name: 'ISR Series Integrated Services Routers - Dynamic Routing', osFamilies: ['IOS 15.1'], family: 'cisco-ios' },
    ],
  },
  {
    name: 'Juniper Networks, Inc.',
    platforms: [
      { name: 'SRX Series Routers', osFamilies: ['JunOS 10.2'], family: 'junos' },
      { name: 'SRX Series Routers - Dynamic Routing', osFamilies: ['JunOS 11.4'], family: 'junos' },
      { name: 'J Series Routers', osFamilies: ['JunOS 10.4'], family: 'junos' },
      { name: 'J Series Routers - Dynamic Routing', osFamilies: ['JunOS 11.4'], family: 'junos' },
      { name: 'ISG Series Routers', osFamilies: ['ScreenOS 6.3'], family: 'screenos' },
      { name: 'ISG Series Routers - Dynamic Routing', osFamilies: ['ScreenOS 6.3'], family: 'screenos' },
      { name: 'SSG Series Routers', osFamilies: ['ScreenOS 6.2'], family: 'screenos' },
      { name: 'SSG Series Routers - Dynamic Routing', osFamilies: ['ScreenOS 6.2'], family: 'screenos' },
    ],
  },
  {
    name: 'Microsoft Corporation',
    platforms: [{ name: 'RRAS', osFamilies: ['Windows Server 2012', 'Windows Server 2012 R2'], family: 'rras' }],
  },
];

export function supportedVpnDevices(): VpnDeviceList {
  return {
    version: '1.0',
    Vendor: VENDORS.map((v) => ({
      name: v.name,
      Platform: v.platforms.map((p) => ({ name: p.name, OSFamily: p.osFamilies.map((name) => ({ name })) })),
    })),
  };
}

/** The script family of a vendor, platform and OS family as listed (case-insensitive), or undefined. */
export function scriptFamilyOf(vendor: string, platform: string, osFamily: string): ScriptFamily | undefined {
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const found = VENDORS.find((v) => same(v.name, vendor))?.platforms.find((p) => same(p.name, platform));
  return found !== undefined && found.osFamilies.some((o) => same(o, osFamily)) ? found.family : undefined;
}
