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
  // A gateway (classic or V2) needs a subnet named GatewaySubnet, as the service required.
  '<Subnets><Subnet name="Subnet-1"><AddressPrefix>10.0.0.0/24</AddressPrefix></Subnet><Subnet name="GatewaySubnet"><AddressPrefix>10.0.255.0/29</AddressPrefix></Subnet></Subnets></VirtualNetworkSite></VirtualNetworkSites>' +
  '</VirtualNetworkConfiguration></NetworkConfiguration>';

const ipsec = (): Record<string, unknown> => ({
  parameters: { encryptionType: 'AES256', pfsGroup: 'None', sADataSizeKilobytes: 102400000, sALifeTimeSeconds: 3600, hashAlgorithm: 'SHA256' },
});

const diagnostics = (c: RunContext, operation: string): Record<string, unknown> => ({
  operation, captureDurationInSeconds: '60', containerName: 'diagnostics', customerStorageName: c.storageAccount, customerStorageKey: 'eGNrZXk=',
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
  'reservedIPs.beginAssociating': { phase: 58.1, parameters: association },
  'reservedIPs.beginDisassociating': { phase: 58.2, parameters: association },
  'reservedIPs.deleteMethod': { phase: 97 },
  'reservedIPs.beginDeleting': { phase: 97, args: (c) => [`${c.reservedIp}b`] },
  'staticIPs.check': { phase: 57 },
  'virtualIPs.add': { phase: 57 },
  'virtualIPs.remove': { phase: 58 },
  'networkSecurityGroups.create': { phase: 56, parameters: (c) => ({ name: 'xcnsg1', label: 'crosscheck nsg', location: c.location }) },
  // The body is nested one level deeper than the other methods': parameters.parameters.
  'gateways.setIPsecParameters': { phase: 60, parameters: ipsec },
  'gateways.setIPsecParametersV2': { phase: 60, parameters: ipsec },
  'gateways.connectDisconnectOrTest': { phase: 60, parameters: () => ({ operation: 'Connect' }) },
  'gateways.createVirtualNetworkGateway': {
    phase: 59, parameters: (c) => ({ gatewayName: 'xcgw1', gatewaySKU: 'Default', gatewayType: 'DynamicRouting', location: c.location, vnetId: c.vnet }),
  },
  'gateways.createLocalNetworkGateway': { phase: 59, parameters: () => ({ addressSpace: ['192.168.0.0/24'], gatewayName: 'xclgw1', ipAddress: '203.0.113.10' }) },
  'gateways.createGatewayConnection': {
    phase: 59,
    parameters: () => ({ connectedEntityId: 'xclgw1', gatewayConnectionName: 'xcconn1', gatewayConnectionType: 'IPsec', routingWeight: 10, sharedKey: 'xc-shared-key', enableBgp: false }),
  },
  'gateways.generateVpnClientPackage': { phase: 60, parameters: () => ({ processorArchitecture: 'Amd64' }) },
  'gateways.reset': { phase: 60, parameters: () => ({ operation: 'Reset' }) },
  'gateways.resetVirtualNetworkGateway': { phase: 60, parameters: () => ({ operation: 'Reset' }) },
  'gateways.resize': { phase: 60, parameters: () => ({ gatewaySKU: 'HighPerformance', operation: 'Resize' }) },
  'gateways.resizeVirtualNetworkGateway': { phase: 60, parameters: () => ({ gatewaySKU: 'HighPerformance', operation: 'Resize' }) },
  'gateways.resetSharedKey': { phase: 60, parameters: () => ({ keyLength: 32 }) },
  'gateways.resetSharedKeyV2': { phase: 60, parameters: () => ({ keyLength: 32 }) },
  'gateways.setSharedKey': { phase: 60, parameters: () => ({ value: 'xc-shared-key-2' }) },
  'gateways.setSharedKeyV2': { phase: 60, parameters: () => ({ value: 'xc-shared-key-2' }) },
  'gateways.startDiagnostics': { phase: 60, parameters: (c) => diagnostics(c, 'StartDiagnostics') },
  'gateways.startDiagnosticsV2': { phase: 60, parameters: (c) => diagnostics(c, 'StartDiagnostics') },
  'gateways.stopDiagnostics': { phase: 61, parameters: (c) => diagnostics(c, 'StopDiagnostics') },
  'gateways.stopDiagnosticsV2': { phase: 61, parameters: (c) => diagnostics(c, 'StopDiagnostics') },
  'applicationGateways.create': {
    phase: 59, parameters: (c) => ({ name: 'xcappgw1', description: 'crosscheck', gatewaySize: 'Small', instanceCount: 2, subnets: ['Subnet-1'], vnetName: c.vnet }),
  },
  'applicationGateways.executeOperation': { phase: 60, parameters: () => ({ operationType: 'Start' }) },
  // The body argument is named certificate here, not parameters.
  'applicationGateways.addCertificate': { phase: 60, args: () => ['xcappgw1', 'xccert1', { data: 'eGNjZXJ0', certificateFormat: 'pfx', password: 'crosscheck' }] },
  'iPForwarding.setOnRole': { phase: 60, parameters: () => ({ state: 'Enabled' }) },
  'iPForwarding.setOnNetworkInterface': { phase: 60, parameters: () => ({ state: 'Enabled' }) },
  'networkSecurityGroups.setRule': {
    phase: 57,
    parameters: () => ({
      type: 'Inbound', priority: 100, action: 'Allow', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '3389', protocol: 'TCP',
    }),
  },
  'routes.addRouteTableToSubnet': { phase: 57, parameters: () => ({ routeTableName: 'xcroutes1' }) },
  'routes.createRouteTable': { phase: 56, parameters: (c) => ({ name: 'xcroutes1', label: 'crosscheck routes', location: c.location }) },
};
