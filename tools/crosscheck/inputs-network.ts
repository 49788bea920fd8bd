/**
 * Inputs of azure-asm-network: a virtual network configuration (so that a later VM could join it), a reserved IP
 * associated with the VM deployment and taken back, a static IP check, a second virtual IP. Gateways, routes,
 * network security groups and application gateways run with their required members only.
 */
import type { GroupArguments, Steps } from './steps.js';
import type { RunContext } from './context.js';

const networkConfiguration = (c: RunContext): string =>
  '<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"><VirtualNetworkConfiguration>' +
  `<VirtualNetworkSites><VirtualNetworkSite name="${c.vnet}" Location="${c.location}"><AddressSpace><AddressPrefix>10.0.0.0/16</AddressPrefix></AddressSpace>` +
  '<Subnets><Subnet name="Subnet-1"><AddressPrefix>10.0.0.0/24</AddressPrefix></Subnet></Subnets></VirtualNetworkSite></VirtualNetworkSites>' +
  '</VirtualNetworkConfiguration></NetworkConfiguration>';

const ipsec = (): Record<string, unknown> => ({
  parameters: { encryptionType: 'AES256', pfsGroup: 'None', sADataSizeKilobytes: 102400000, sALifeTimeSeconds: 3600, hashAlgorithm: 'SHA256' },
});

const association = (c: RunContext): Record<string, unknown> => ({ serviceName: c.service, deploymentName: c.deployment });

export const networkArguments: GroupArguments = {
  virtualIPs: { virtualIPName: () => 'xcvip2' },
  networkSecurityGroups: { networkSecurityGroupName: () => 'xcnsg1', ruleName: () => 'xcrule1', subnetName: () => 'Subnet-1' },
  routes: { routeTableName: () => 'xcroutes1', routeName: () => 'xcroute1', subnetName: () => 'Subnet-1' },
};

export const networkSteps: Steps = {
  'networks.setConfiguration': { phase: 25, parameters: (c) => ({ configuration: networkConfiguration(c) }) },
  'networks.beginSettingConfiguration': { phase: 25, parameters: (c) => ({ configuration: networkConfiguration(c) }) },
  'networks.getConfiguration': { phase: 26 },
  'networks.list': { phase: 26 },
  'reservedIPs.create': { phase: 25, parameters: (c) => ({ name: c.reservedIp, label: 'crosscheck ip', location: c.location }) },
  'reservedIPs.beginCreating': { phase: 25, parameters: (c) => ({ name: `${c.reservedIp}b`, label: 'crosscheck ip b', location: c.location }) },
  'reservedIPs.get': { phase: 26 },
  'reservedIPs.list': { phase: 26 },
  'reservedIPs.associate': { phase: 57, parameters: association },
  'reservedIPs.disassociate': { phase: 58, parameters: association },
  'reservedIPs.beginAssociating': { phase: 58, parameters: association },
  'reservedIPs.beginDisassociating': { phase: 58, parameters: association },
  'reservedIPs.deleteMethod': { phase: 97 },
  'reservedIPs.beginDeleting': { phase: 97, args: (c) => [`${c.reservedIp}b`] },
  'staticIPs.check': { phase: 57 },
  'virtualIPs.add': { phase: 57 },
  'virtualIPs.remove': { phase: 58 },
  'networkSecurityGroups.create': { phase: 56, parameters: (c) => ({ name: 'xcnsg1', label: 'crosscheck nsg', location: c.location }) },
  // The body is nested one level deeper than the other methods': parameters.parameters.
  'gateways.setIPsecParameters': { phase: 60, parameters: ipsec },
  'gateways.setIPsecParametersV2': { phase: 60, parameters: ipsec },
  'routes.createRouteTable': { phase: 56, parameters: (c) => ({ name: 'xcroutes1', label: 'crosscheck routes', location: c.location }) },
};
