/**
 * Inputs of azure-asm-network: a virtual network configuration (so that a later VM could join it), a reserved IP
 * associated with the VM deployment and taken back, a static IP check, two more virtual IPs of the VM deployment
 * (added by our client) removed. Gateways, routes, network security groups and application gateways run with
 * their required members only.
 */
import type { GroupArguments, OurCall, Steps } from './steps.js';
import type { RunContext } from './context.js';
import { createPkcs12, createSelfSignedClientCertificate } from '../../src/emulator/index.js';

/** The client root certificate of the point-to-site VPN: a real one, its DER in base64 (the content of a .cer). */
const clientRoot = createSelfSignedClientCertificate('crosscheck P2S root');
/** The application gateway's SSL certificate: a PFX the emulator can open with its password. */
const sslCert = createSelfSignedClientCertificate('crosscheck appgw');
const SSL_PASSWORD = 'crosscheck';
// This client writes Data as given (no base64 of a Buffer), so it gets the base64 text.
const sslPfx = (): Record<string, unknown> =>
  ({ data: Buffer.from(createPkcs12(sslCert.key, sslCert.cert, SSL_PASSWORD)).toString('base64'), certificateFormat: 'pfx', password: SSL_PASSWORD });
const clientRootBase64 = clientRoot.cert.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

const vnetSite = (c: RunContext, name: string, octet: number, gateway = ''): string =>
  `<VirtualNetworkSite name="${name}" Location="${c.location}"><AddressSpace><AddressPrefix>10.${octet}.0.0/16</AddressPrefix></AddressSpace>` +
  // A gateway (classic or V2) needs a subnet named GatewaySubnet, as the service required.
  `<Subnets><Subnet name="Subnet-1"><AddressPrefix>10.${octet}.0.0/24</AddressPrefix></Subnet><Subnet name="GatewaySubnet"><AddressPrefix>10.${octet}.255.0/29</AddressPrefix></Subnet></Subnets>` +
  `${gateway}</VirtualNetworkSite>`;

/** The VM deployment's vnet (its classic gateway connects to the local site), two vnets for V2 gateways, one for a second classic gateway. */
const networkConfiguration = (c: RunContext): string =>
  '<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"><VirtualNetworkConfiguration>' +
  `<LocalNetworkSites><LocalNetworkSite name="${c.localSite}"><AddressSpace><AddressPrefix>192.168.0.0/24</AddressPrefix></AddressSpace><VPNGatewayAddress>203.0.113.20</VPNGatewayAddress></LocalNetworkSite></LocalNetworkSites>` +
  '<VirtualNetworkSites>' +
  vnetSite(c, c.vnet, 0, `<Gateway><VPNClientAddressPool><AddressPrefix>172.16.0.0/24</AddressPrefix></VPNClientAddressPool><ConnectionsToLocalNetwork><LocalNetworkSiteRef name="${c.localSite}"><Connection type="IPsec" /></LocalNetworkSiteRef></ConnectionsToLocalNetwork></Gateway>`) +
  vnetSite(c, c.vnet2, 1) + vnetSite(c, c.vnet3, 2) +
  vnetSite(c, c.vnet4, 3, `<Gateway><ConnectionsToLocalNetwork><LocalNetworkSiteRef name="${c.localSite}"><Connection type="IPsec" /></LocalNetworkSiteRef></ConnectionsToLocalNetwork></Gateway>`) +
  '</VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>';

const v2Gateway = (c: RunContext, name: string, vnet: string): Record<string, unknown> =>
  ({ gatewayName: name, gatewaySKU: 'Default', gatewayType: 'DynamicRouting', location: c.location, vnetId: vnet });

const connection = (gatewayId: string, localId: string, name: string): Record<string, unknown> => ({
  connectedEntityId: localId, virtualNetworkGatewayId: gatewayId, gatewayConnectionName: name, gatewayConnectionType: 'IPsec',
  routingWeight: 10, sharedKey: 'xc-shared-key', enableBgp: false,
});

const ipsec = (): Record<string, unknown> => ({
  parameters: { encryptionType: 'AES256', pfsGroup: 'None', sADataSizeKilobytes: 102400000, sALifeTimeSeconds: 3600, hashAlgorithm: 'SHA256' },
});

const diagnostics = (c: RunContext, operation: string): Record<string, unknown> => ({
  operation, captureDurationInSeconds: '60', containerName: 'diagnostics', customerStorageName: c.storageAccount, customerStorageKey: 'eGNrZXk=',
});

const addVirtualIp = (name: string): OurCall => (sdk, c) =>
  sdk.addVirtualIP({ ServiceName: c.service, DeploymentName: c.deployment, VirtualIPName: name }, { wait: true });

const association = (c: RunContext): Record<string, unknown> => ({ serviceName: c.service, deploymentName: c.deployment });

const route = (name: string): Record<string, unknown> => ({ name, addressPrefix: '10.9.0.0/16', nextHop: { type: 'VirtualAppliance', ipAddress: '10.0.0.5' } });

const rule = (priority: number): Record<string, unknown> => ({
  type: 'Inbound', priority, action: 'Allow', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '3389', protocol: 'TCP',
});

function association3(target: 'Subnet' | 'Role' | 'NetworkInterface'): Steps {
  const parameters = (): Record<string, unknown> => ({ name: 'xcnsg1' });
  const g = 'networkSecurityGroups';
  const beginAdd = `${g}.beginAddingTo${target}`;
  const beginRemove = `${g}.beginRemovingFrom${target}`;
  return {
    [`${g}.addTo${target}`]: { phase: 57.5, parameters },
    [`${g}.getFor${target}`]: { phase: 57.6 },
    [`${g}.removeFrom${target}`]: { phase: 57.7 },
    [beginAdd]: { phase: 57.8, parameters },
    [beginRemove]: { phase: 57.9 },
  };
}

export const networkArguments: GroupArguments = {
  virtualIPs: { virtualIPName: () => 'xcvip2' },
  applicationGateways: { gatewayName: () => 'xcappgw1', certificateName: () => 'xccert1' },
  clientRootCertificates: { certificateThumbprint: () => clientRoot.thumbprint },
  gateways: {
    localNetworkName: (c) => c.localSite, localNetworkSiteName: (c) => c.localSite,
    gatewayId: (c) => c.gatewayId, connectedentityId: (c) => c.localGatewayId,
  },
  networkSecurityGroups: { networkSecurityGroupName: () => 'xcnsg1', ruleName: () => 'xcrule1', subnetName: () => 'Subnet-1', networkInterfaceName: () => 'xcnic1' },
  iPForwarding: { networkInterfaceName: () => 'xcnic1' },
  routes: { routeTableName: () => 'xcroutes1', routeName: () => 'xcroute1', subnetName: () => 'Subnet-1', networkInterfaceName: () => 'xcnic1' },
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
  // This client's add never sends its request (a bodyless POST, runner.ts): our client adds the virtual IP each
  // removal removes, xcvip2 and xcvip3.
  'virtualIPs.add': { phase: 57 },
  'virtualIPs.remove': { phase: 58, ours: { before: addVirtualIp('xcvip2') } },
  'virtualIPs.beginRemoving': { phase: 58, args: (c) => [c.service, c.deployment, 'xcvip3'], ours: { before: addVirtualIp('xcvip3') } },
  'networkSecurityGroups.create': { phase: 56, parameters: (c) => ({ name: 'xcnsg1', label: 'crosscheck nsg', location: c.location }) },
  'networkSecurityGroups.beginCreating': { phase: 56, parameters: (c) => ({ name: 'xcnsg2', label: 'crosscheck nsg 2', location: c.location }) },
  // Each association: add, read, remove, then the begin twins add and remove again (one NSG per subnet, role, NIC).
  ...association3('Subnet'), ...association3('Role'), ...association3('NetworkInterface'),
  'networkSecurityGroups.beginSettingRule': { phase: 57, args: () => ['xcnsg1', 'xcrule2', rule(200)] },
  'networkSecurityGroups.deleteRule': { phase: 90 },
  'networkSecurityGroups.beginDeletingRule': { phase: 90, args: () => ['xcnsg1', 'xcrule2'] },
  'networkSecurityGroups.beginDeleting': { phase: 92, args: () => ['xcnsg2'] },
  // The body is nested one level deeper than the other methods': parameters.parameters.
  'gateways.setIPsecParameters': { phase: 60, parameters: ipsec },
  'gateways.setIPsecParametersV2': { phase: 60, parameters: ipsec },
  'gateways.connectDisconnectOrTest': { phase: 60, parameters: () => ({ operation: 'Connect' }) },
  // Gateways are provisioned early, so that every verb finds one: classic ones in vnet and vnet4, V2 ones in vnet2 and vnet3.
  'gateways.create': { phase: 27, parameters: () => ({ gatewayType: 'DynamicRouting', gatewaySKU: 'Default' }) },
  'gateways.beginCreating': { phase: 27, args: (c) => [c.vnet4, { gatewayType: 'DynamicRouting', gatewaySKU: 'Default' }] },
  'gateways.createVirtualNetworkGateway': { phase: 27, args: (c) => [c.vnet2, v2Gateway(c, 'xcgw1', c.vnet2)] },
  'gateways.beginCreatingVirtualNetworkGateway': { phase: 27, args: (c) => [c.vnet3, v2Gateway(c, 'xcgw2', c.vnet3)] },
  'gateways.listVirtualNetworkGateways': {
    phase: 28,
    after: (r, c) => {
      const list = (r.virtualNetworkGateways ?? []) as { gatewayName?: string; gatewayId?: string }[];
      c.gatewayId = list.find((g) => g.gatewayName === 'xcgw1')?.gatewayId ?? c.gatewayId;
      c.gatewayId2 = list.find((g) => g.gatewayName === 'xcgw2')?.gatewayId ?? c.gatewayId2;
    },
  },
  'gateways.createLocalNetworkGateway': {
    phase: 28, parameters: () => ({ gatewayName: 'xclgw1', ipAddress: '203.0.113.10' }),
    after: (r, c) => { c.localGatewayId = String(r.localNetworkGatewayId ?? c.localGatewayId); },
  },
  'gateways.createGatewayConnection': { phase: 29, parameters: (c) => connection(c.gatewayId, c.localGatewayId, 'xcconn1') },
  'gateways.beginCreatingGatewayConnection': { phase: 29, parameters: (c) => connection(c.gatewayId2, c.localGatewayId, 'xcconn2') },
  // Removals: connections first, then the gateways they use.
  'gateways.deleteGatewayConnection': { phase: 90 },
  'gateways.beginDeletingGatewayConnection': { phase: 90, args: (c) => [c.gatewayId2, c.localGatewayId] },
  'gateways.deleteLocalNetworkGateway': { phase: 91, args: (c) => [c.localGatewayId] },
  'gateways.getLocalNetworkGateway': { phase: 60, args: (c) => [c.localGatewayId] },
  'gateways.updateLocalNetworkGateway': { phase: 60, args: (c) => [c.localGatewayId, {}] },
  'clientRootCertificates.create': { phase: 29, parameters: () => ({ certificate: clientRootBase64 }) },
  'clientRootCertificates.get': { phase: 30 },
  'clientRootCertificates.list': { phase: 30 },
  'clientRootCertificates.deleteMethod': { phase: 90 },
  'gateways.setDefaultSites': { phase: 60, parameters: (c) => ({ defaultSite: c.localSite }) },
  'gateways.removeDefaultSites': { phase: 89 },
  'gateways.getDeviceConfigurationScript': {
    phase: 60, parameters: () => ({ vendor: 'Cisco Systems, Inc.', platform: 'ISR Series Integrated Services Routers', oSFamily: 'IOS 15.0' }),
  },
  'gateways.deleteVirtualNetworkGateway': { phase: 91 },
  'gateways.beginDeletingVirtualNetworkGateway': { phase: 91, args: (c) => [c.gatewayId2] },
  'gateways.deleteMethod': { phase: 91 },
  'gateways.beginDeleting': { phase: 91, args: (c) => [c.vnet4] },
  'gateways.generateVpnClientPackage': { phase: 60, parameters: () => ({ processorArchitecture: 'Amd64' }) },
  'gateways.reset': { phase: 60, parameters: () => ({ operation: 'Reset' }) },
  'gateways.resetVirtualNetworkGateway': { phase: 60, parameters: () => ({ operation: 'Reset' }) },
  'gateways.resize': { phase: 60, parameters: () => ({ gatewaySKU: 'HighPerformance', operation: 'Resize' }) },
  'gateways.resizeVirtualNetworkGateway': { phase: 60, parameters: () => ({ gatewaySKU: 'HighPerformance', operation: 'Resize' }) },
  'gateways.resetSharedKey': { phase: 60, parameters: () => ({ keyLength: 32 }) },
  'gateways.resetSharedKeyV2': { phase: 60, parameters: () => ({ keyLength: 32 }) },
  'gateways.setSharedKey': { phase: 60, parameters: () => ({ value: 'xc-shared-key-2' }) },
  'gateways.setSharedKeyV2': { phase: 60, parameters: () => ({ value: 'xc-shared-key-2' }) },
  // One capture at a time: the plain start, its stop, then the begin twin's start.
  'gateways.startDiagnostics': { phase: 60, parameters: (c) => diagnostics(c, 'StartDiagnostics') },
  'gateways.startDiagnosticsV2': { phase: 60, parameters: (c) => diagnostics(c, 'StartDiagnostics') },
  'gateways.beginStartDiagnostics': { phase: 62, parameters: (c) => diagnostics(c, 'StartDiagnostics') },
  'gateways.beginStartDiagnosticsV2': { phase: 62, parameters: (c) => diagnostics(c, 'StartDiagnostics') },
  'gateways.stopDiagnostics': { phase: 61, parameters: (c) => diagnostics(c, 'StopDiagnostics') },
  'gateways.stopDiagnosticsV2': { phase: 61, parameters: (c) => diagnostics(c, 'StopDiagnostics') },
  'applicationGateways.create': {
    phase: 59, parameters: (c) => ({ name: 'xcappgw1', description: 'crosscheck', gatewaySize: 'Small', instanceCount: 2, subnets: ['Subnet-1'], vnetName: c.vnet }),
  },
  'applicationGateways.beginCreateApplicationGateway': {
    phase: 59, parameters: (c) => ({ name: 'xcappgw2', description: 'crosscheck 2', gatewaySize: 'Small', instanceCount: 2, subnets: ['Subnet-1'], vnetName: c.vnet2 }),
  },
  // Started once it has a configuration (setConfig), stopped by the begin twin.
  'applicationGateways.executeOperation': { phase: 61.15, parameters: () => ({ operationType: 'Start' }) },
  'applicationGateways.beginExecuteOperation': { phase: 61.5, parameters: () => ({ operationType: 'Stop' }) },
  // The body argument is named certificate here, not parameters.
  'applicationGateways.addCertificate': { phase: 60, args: () => ['xcappgw1', 'xccert1', sslPfx()] },
  'applicationGateways.beginAddCertificate': { phase: 60, args: () => ['xcappgw1', 'xccert2', sslPfx()] },
  'applicationGateways.getCertificate': { phase: 61 },
  'applicationGateways.listCertificate': { phase: 61 },
  'applicationGateways.getConfig': {
    phase: 60.5,
    after: (r, c) => { const { statusCode: _s, requestId: _r, ...config } = r; c.appGatewayConfig = config; },
  },
  'applicationGateways.setConfig': { phase: 61, args: (c) => ['xcappgw1', c.appGatewayConfig] },
  'applicationGateways.beginSetConfig': { phase: 61.1, args: (c) => ['xcappgw1', c.appGatewayConfig] },
  'applicationGateways.update': { phase: 61.2, args: (c) => ['xcappgw1', { description: 'crosscheck updated', gatewaySize: 'Medium', instanceCount: 2, subnets: ['Subnet-1'], vnetName: c.vnet }] },
  'applicationGateways.beginUpdateApplicationGateway': {
    phase: 61.3, args: (c) => ['xcappgw1', { description: 'crosscheck updated 2', gatewaySize: 'Small', instanceCount: 2, subnets: ['Subnet-1'], vnetName: c.vnet }],
  },
  'applicationGateways.deleteCertificate': { phase: 90 },
  'applicationGateways.beginDeleteApplicationGatewayCertificate': { phase: 90, args: () => ['xcappgw1', 'xccert2'] },
  'applicationGateways.deleteMethod': { phase: 91 },
  'applicationGateways.beginDeleteApplicationGateway': { phase: 91, args: () => ['xcappgw2'] },
  'iPForwarding.setOnRole': { phase: 60, parameters: () => ({ state: 'Enabled' }) },
  'iPForwarding.setOnNetworkInterface': { phase: 60, parameters: () => ({ state: 'Enabled' }) },
  'networkSecurityGroups.setRule': { phase: 57, parameters: () => rule(100) },
  'routes.createRouteTable': { phase: 56, parameters: (c) => ({ name: 'xcroutes1', label: 'crosscheck routes', location: c.location }) },
  'routes.beginCreateRouteTable': { phase: 56, parameters: (c) => ({ name: 'xcroutes2', label: 'crosscheck routes 2', location: c.location }) },
  'routes.setRoute': { phase: 57, parameters: () => route('xcroute1') },
  'routes.beginSetRoute': { phase: 57, args: () => ['xcroutes1', 'xcroute2', route('xcroute2')] },
  // One route table per subnet: add, remove, the begin twin adds again (read at 60), its remove before the table goes.
  'routes.addRouteTableToSubnet': { phase: 57, parameters: () => ({ routeTableName: 'xcroutes1' }) },
  'routes.removeRouteTableFromSubnet': { phase: 58.5 },
  'routes.beginAddRouteTableToSubnet': { phase: 58.6, parameters: () => ({ routeTableName: 'xcroutes1' }) },
  'routes.beginRemoveRouteTableFromSubnet': { phase: 89 },
  'routes.deleteRoute': { phase: 89 },
  'routes.beginDeleteRoute': { phase: 89, args: () => ['xcroutes1', 'xcroute2'] },
  'routes.deleteRouteTable': { phase: 90.5 },
  'routes.beginDeleteRouteTable': { phase: 90.5, args: () => ['xcroutes2'] },
};
