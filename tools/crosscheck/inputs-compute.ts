/**
 * Inputs of azure-asm-compute: a cloud service with a VM deployment (role xcvm1, then xcvm2 added), a second
 * cloud service with a package deployment for the deployments.* operations, disks, OS and VM images, a
 * service certificate; captures late, removals last. Values are those the service documented (sizes, slots).
 */
import { createPkcs12, createSelfSignedClientCertificate, thumbprintOf } from '../../src/emulator/index.js';
import { fresh, vhd, type RunContext } from './context.js';
import type { GroupArguments, OurCall, Steps } from './steps.js';

const serviceCert = createSelfSignedClientCertificate();
const secondCert = createSelfSignedClientCertificate();
/** A second VM service: beginCreatingDeployment needs a free Production slot. Its deployment is in no virtual network. */
const second = (c: RunContext): string => `${c.service}b`;
const secondDeployment = (c: RunContext): string => `${c.deployment}b`;
const PASSWORD = 'crosscheck';
const WEB_ROLE = 'WebRole1';
/** Upgrade domains of a package deployment: the service's default, 5 (GetDeployment's UpgradeDomainCount). */
const PACKAGE_UPGRADE_DOMAINS = 5;
const packageDeployment = (c: RunContext): string => `${c.deployment}p`;

const cscfg = (c: RunContext, count: number): string =>
  `<?xml version="1.0" encoding="utf-8"?><ServiceConfiguration serviceName="${c.packageService}" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration">` +
  `<Role name="${WEB_ROLE}"><Instances count="${count}" /></Role></ServiceConfiguration>`;

const windowsProvisioning = (computerName: string): Record<string, unknown> => ({
  configurationSetType: 'WindowsProvisioningConfiguration', computerName, adminPassword: 'Crosscheck-Pwd1', adminUserName: 'xcadmin',
  resetPasswordOnFirstLogon: false, enableAutomaticUpdates: true,
});

const network = (port: number, subnets?: string[]): Record<string, unknown> => ({
  configurationSetType: 'NetworkConfiguration',
  inputEndpoints: [{ name: `endp${port}`, protocol: 'tcp', port, localPort: 3389 }],
  ...(subnets === undefined ? {} : { subnetNames: subnets }),
});

/** The load-balanced endpoint set of xcvm1 and xcvm2 (port 80), for updateLoadBalancedEndpointSet to change. */
const LB_SET = 'xclbset';
const setEndpoint = (localPort: number): Record<string, unknown> =>
  ({ name: 'web', protocol: 'tcp', port: 80, localPort, loadBalancedEndpointSetName: LB_SET, loadBalancerProbe: { port: localPort, protocol: 'tcp' } });

/** A role's network configuration with its endpoint in the load-balanced set too. */
const withSet = (set: Record<string, unknown>): Record<string, unknown> =>
  ({ ...set, inputEndpoints: [...(set['inputEndpoints'] as unknown[]), setEndpoint(8080)] });

/** The VM's network configuration: Subnet-1, the load-balanced set, and a second NIC, xcnic1, for the NIC-level network verbs. */
const vmNetwork = (): Record<string, unknown> =>
  ({ ...withSet(network(50001, ['Subnet-1'])), networkInterfaces: [{ name: 'xcnic1', iPConfigurations: [{ subnetName: 'Subnet-1' }] }] });

const extension = (c: RunContext, type: string, version: string): Record<string, unknown> => ({
  providerNameSpace: 'Crosscheck.Test', type, version, label: 'crosscheck extension', description: 'crosscheck',
  hostingResources: 'VmRole', mediaLink: `https://${c.storageAccount}.blob.core.windows.net/ext/${type}-${version}.zip`,
  isInternalExtension: true, isJsonExtension: true, blockRoleUponFailure: false, disallowMajorVersionUpgrade: false, supportedOS: 'Windows',
});

const role = (c: RunContext, name: string, port: number): Record<string, unknown> => ({
  roleName: name, roleType: 'PersistentVMRole', roleSize: 'Small', provisionGuestAgent: true,
  oSVirtualHardDisk: { sourceImageName: c.platformImage, mediaLink: vhd(c, `${name}-os.vhd`), hostCaching: 'ReadWrite' },
  configurationSets: [windowsProvisioning(name), network(port)],
});

const upgrade = (c: RunContext): Record<string, unknown> => ({
  mode: 'Auto', packageUri: `https://${c.storageAccount}.blob.core.windows.net/packages/app2.cspkg`, configuration: cscfg(c, 2),
  label: 'crosscheck upgrade', force: false,
});

const capture = (c: RunContext): Record<string, unknown> => ({
  postCaptureAction: 'Reprovision', provisioningConfiguration: windowsProvisioning('xcvmcap'), targetImageLabel: 'crosscheck capture', targetImageName: named(c.capturedOsImages, fresh(c, 'xc-capture-')),
});

/** A name given to something the run makes, kept in `list` so that the removals find it. */
function named(list: string[], name: string): string {
  list.push(name);
  return name;
}

/** The nth of the names kept, or a name that exists nowhere (the call then says what it found). */
const nth = (list: readonly string[], n: number): string => list[n] ?? 'xc-missing';
const manual = (c: RunContext): Record<string, unknown> => ({ ...upgrade(c), mode: 'Manual' });
const rollback = (): Record<string, unknown> => ({ mode: 'Auto', force: false });

/**
 * Into an existing Resource Manager virtual network (its resource group, name and subnet): 'Existing' is the
 * destination of a deployment that is in no classic virtual network.
 */
const migration = (): Record<string, unknown> =>
  ({ destinationVirtualNetwork: 'Existing', resourceGroupName: 'xcrg', virtualNetworkName: 'xcarmvnet', subNetName: 'default' });
const abortMigration: OurCall = (sdk, c) => sdk.abortDeploymentMigration({ ServiceName: second(c), DeploymentName: secondDeployment(c) }, { wait: true });

/**
 * A Manual upgrade is walked one upgrade domain after the other, every domain of the package deployment; the
 * ByName and BySlot methods take turns (walkUpgradeDomainByDeploymentName, …Slot, …Name#2, …).
 */
function walks(prefix: string, phase: number): Steps {
  const out: Steps = {};
  for (let domain = 0; domain < PACKAGE_UPGRADE_DOMAINS; domain++) {
    const kind = domain % 2 === 0 ? 'Name' : 'Slot';
    const nth = Math.floor(domain / 2);
    out[`deployments.${prefix}${kind}${nth === 0 ? '' : `#${nth + 1}`}`] = { phase: phase + domain / 100, parameters: () => ({ upgradeDomain: domain }) };
  }
  return out;
}

export const computeArguments: GroupArguments = {
  deployments: {
    serviceName: (c) => c.packageService,
    deploymentName: packageDeployment,
    roleInstanceName: () => `${WEB_ROLE}_IN_0`,
    roleinstanceName: () => `${WEB_ROLE}_IN_0`,
  },
  virtualMachineDisks: { name: (c) => c.disk },
  virtualMachineVMImages: { imageName: (c) => c.vmImage },
  hostedServices: { extensionId: () => 'xcext1', extensionType: () => 'BGInfo' },
  dnsServer: { dnsServerName: () => 'xcdns1' },
  loadBalancers: { loadBalancerName: () => 'xclb1' },
};

export const computeSteps: Steps = {
  'hostedServices.checkNameAvailability': { phase: 29 },
  'hostedServices.create': { phase: 30, parameters: (c) => ({ serviceName: c.service, label: 'crosscheck service', description: 'made by crosscheck', location: c.location }) },
  'hostedServices.create#2': { phase: 30, parameters: (c) => ({ serviceName: c.packageService, label: 'crosscheck package service', affinityGroup: c.affinityGroup }) },
  'hostedServices.create#3': { phase: 30, parameters: (c) => ({ serviceName: second(c), label: 'crosscheck service b', location: c.location }) },
  'hostedServices.update': { phase: 31, parameters: () => ({ label: 'crosscheck service 2', description: 'updated' }) },
  'hostedServices.addExtension': { phase: 31, parameters: () => ({ providerNamespace: 'Microsoft.Windows.Azure.Extensions', type: 'RDP', id: 'xcext1', version: '1.*', publicConfiguration: '<PublicConfig />' }) },
  'serviceCertificates.create': {
    phase: 32,
    parameters: () => ({ data: createPkcs12(serviceCert.key, serviceCert.cert, PASSWORD), certificateFormat: 'pfx', password: PASSWORD }),
    after: (_r, c) => { c.serviceCertThumbprint = thumbprintOf(serviceCert.cert); },
  },
  'serviceCertificates.beginCreating': {
    phase: 32, parameters: () => ({ data: createPkcs12(secondCert.key, secondCert.cert, PASSWORD), certificateFormat: 'pfx', password: PASSWORD }),
  },
  'serviceCertificates.beginDeleting': { phase: 96, parameters: (c) => ({ serviceName: c.service, thumbprintAlgorithm: 'sha1', thumbprint: thumbprintOf(secondCert.cert) }) },
  'serviceCertificates.get': { phase: 33, parameters: (c) => ({ serviceName: c.service, thumbprintAlgorithm: 'sha1', thumbprint: c.serviceCertThumbprint }) },
  'serviceCertificates.deleteMethod': { phase: 96, parameters: (c) => ({ serviceName: c.service, thumbprintAlgorithm: 'sha1', thumbprint: c.serviceCertThumbprint }) },
  'virtualMachines.createDeployment': {
    phase: 40,
    // In Subnet-1 of the run's virtual network: load balancers, IP forwarding, NSGs and effective routes need one.
    parameters: (c) => ({
      name: c.deployment, deploymentSlot: 'Production', label: 'crosscheck vm deployment', virtualNetworkName: c.vnet,
      // A second NIC (xcnic1) for the NIC-level verbs; two NICs need a Large role.
      roles: [{
        ...role(c, c.role, 50001), roleSize: 'Large',
        configurationSets: [windowsProvisioning(c.role), vmNetwork()],
      }],
    }),
  },
  'virtualMachines.beginCreatingDeployment': {
    phase: 40,
    args: (c) => [second(c), { name: secondDeployment(c), deploymentSlot: 'Production', label: 'crosscheck vm deployment b', roles: [role(c, 'xcvmb1', 50011)] }],
  },
  'virtualMachines.create': { phase: 41, parameters: (c) => ({ ...role(c, 'xcvm2', 50002), configurationSets: [windowsProvisioning('xcvm2'), withSet(network(50002))] }) },
  'virtualMachines.beginCreating': { phase: 41, parameters: (c) => role(c, 'xcvm3', 50003) },
  'deployments.create': {
    phase: 42,
    parameters: (c) => ({
      name: packageDeployment(c), packageUri: `https://${c.storageAccount}.blob.core.windows.net/packages/app.cspkg`, label: 'crosscheck package',
      configuration: cscfg(c, 2), startDeployment: true, treatWarningsAsError: false,
    }),
  },
  'deployments.beginCreating': {
    phase: 42,
    args: (c) => [c.packageService, 'Staging', {
      name: `${packageDeployment(c)}s`, packageUri: `https://${c.storageAccount}.blob.core.windows.net/packages/app.cspkg`, label: 'crosscheck staging',
      configuration: cscfg(c, 1), startDeployment: false,
    }],
  },
  'virtualMachineDisks.createDataDisk': { phase: 50, parameters: (c) => ({ hostCaching: 'None', label: 'data0', logicalUnitNumber: 0, logicalDiskSizeInGB: 10, mediaLinkUri: vhd(c, 'xcvm1-data0.vhd') }) },
  'virtualMachineDisks.beginCreatingDataDisk': {
    phase: 50, parameters: (c) => ({ hostCaching: 'None', label: 'data1', logicalUnitNumber: 1, logicalDiskSizeInGB: 10, mediaLinkUri: vhd(c, 'xcvm1-data1.vhd') }),
  },
  'virtualMachineDisks.beginDeletingDataDisk': { phase: 91, args: (c) => [c.service, c.deployment, c.role, 1, true] },
  'virtualMachineDisks.getDataDisk': { phase: 51 },
  'virtualMachineDisks.updateDataDisk': { phase: 51, parameters: (c) => ({ hostCaching: 'ReadOnly', label: 'data0', logicalUnitNumber: 0, mediaLinkUri: vhd(c, 'xcvm1-data0.vhd') }) },
  'virtualMachineDisks.createDisk': { phase: 50, parameters: (c) => ({ operatingSystemType: 'Windows', label: 'crosscheck disk', mediaLinkUri: vhd(c, 'loose-os.vhd'), name: c.disk }) },
  'virtualMachineDisks.updateDisk': { phase: 51, parameters: (c) => ({ label: 'crosscheck disk 2', name: c.disk }) },
  'virtualMachineDisks.beginUpdatingDisk': { phase: 51, parameters: (c) => ({ label: 'crosscheck disk 1', name: c.disk, resizedSizeInGB: 150 }) },
  'virtualMachineDisks.updateDiskSize': { phase: 51, parameters: (c) => ({ label: 'crosscheck disk 3', name: c.disk, resizedSizeInGB: 200 }) },
  'virtualMachineDisks.deleteDataDisk': { phase: 91 },
  'virtualMachineDisks.deleteDisk': { phase: 95 },
  // The disks left in the run's storage account once the deployments are gone (94), deleted with their blobs.
  'virtualMachineDisks.listDisks#2': {
    phase: 94.5,
    after: (r, c) => {
      const disks = (r.disks ?? []) as { name: string; mediaLinkUri?: string; usageDetails?: unknown }[];
      c.leftDisks = disks.filter((d) => d.name !== c.disk && d.usageDetails === undefined && d.mediaLinkUri?.includes(`//${c.storageAccount}.`)).map((d) => d.name);
    },
  },
  'virtualMachineDisks.deleteDisk#2': { phase: 95, args: (c) => [nth(c.leftDisks, 0), true] },
  'virtualMachineDisks.deleteDisk#3': { phase: 95, args: (c) => [nth(c.leftDisks, 1), true] },
  'virtualMachineOSImages.create': {
    phase: 50,
    parameters: (c) => ({
      name: c.osImage, label: 'crosscheck image', mediaLinkUri: vhd(c, 'image-os.vhd'), operatingSystemType: 'Windows', isPremium: false, showInGui: true,
      eula: 'http://example.invalid/eula', description: 'made by crosscheck', imageFamily: 'Crosscheck', recommendedVMSize: 'Small',
    }),
  },
  'virtualMachineOSImages.update': {
    phase: 51, parameters: () => ({ label: 'crosscheck image 2', eula: 'http://example.invalid/eula2', description: 'updated', imageFamily: 'Crosscheck', showInGui: true }),
  },
  'virtualMachineOSImages.replicate': { phase: 52, parameters: (c) => ({ targetLocations: [c.location], computeImageAttributes: { offer: 'xcoffer', sku: 'xcsku', version: '1.0.0' } }) },
  'virtualMachineOSImages.unreplicate': { phase: 53 },
  'virtualMachineOSImages.deleteMethod': { phase: 95 },
  'virtualMachineOSImages.deleteMethod#2': { phase: 95, args: (c) => [nth(c.capturedOsImages, 0), true] },
  'virtualMachineOSImages.deleteMethod#3': { phase: 95, args: (c) => [nth(c.capturedOsImages, 1), true] },
  'virtualMachineVMImages.create': {
    phase: 50,
    parameters: (c) => ({
      name: c.vmImage, label: 'crosscheck vm image', description: 'made by crosscheck',
      oSDiskConfiguration: { hostCaching: 'ReadWrite', oSState: 'Generalized', os: 'Windows', mediaLink: vhd(c, 'vmimage-os.vhd') },
      dataDiskConfigurations: [], showInGui: true,
    }),
  },
  'virtualMachineVMImages.beginCreating': {
    phase: 50,
    parameters: (c) => ({
      name: `${c.vmImage}b`, label: 'crosscheck vm image b',
      oSDiskConfiguration: { hostCaching: 'ReadWrite', oSState: 'Specialized', os: 'Linux', mediaLink: vhd(c, 'vmimage-b-os.vhd') }, dataDiskConfigurations: [],
    }),
  },
  'virtualMachineVMImages.beginDeleting': { phase: 95, args: (c) => [`${c.vmImage}b`, false] },
  'virtualMachineVMImages.update': { phase: 51, parameters: () => ({ label: 'crosscheck vm image 2', description: 'updated', showInGui: true }) },
  'virtualMachineVMImages.replicate': { phase: 52, parameters: (c) => ({ targetLocations: [c.location], computeImageAttributes: { offer: 'xcoffer', sku: 'xcsku', version: '1.0.0' } }) },
  'virtualMachineVMImages.unreplicate': { phase: 53 },
  'virtualMachineVMImages.deleteMethod': { phase: 95 },
  'virtualMachineVMImages.deleteMethod#2': { phase: 95, args: (c) => [nth(c.capturedVmImages, 0), true] },
  'virtualMachineVMImages.deleteMethod#3': { phase: 95, args: (c) => [nth(c.capturedVmImages, 1), true] },
  'virtualMachines.update': {
    phase: 55,
    // The update keeps the subnet and the second NIC (an update replaces the role's network configuration).
    parameters: (c) => ({ ...role(c, c.role, 50001), roleSize: 'Large', label: 'crosscheck vm', configurationSets: [vmNetwork()] }),
  },
  'virtualMachines.updateLoadBalancedEndpointSet': {
    phase: 55,
    // The set's endpoints on xcvm1 and xcvm2 move from local port 8080 to 80.
    parameters: () => ({ loadBalancedEndpoints: [setEndpoint(80)] }),
  },
  'virtualMachines.shutdown': { phase: 70, parameters: () => ({ postShutdownAction: 'Stopped' }) },
  'virtualMachines.start': { phase: 71 },
  'virtualMachines.restart': { phase: 72 },
  'virtualMachines.shutdownRoles': { phase: 73, parameters: (c) => ({ roles: [c.role], postShutdownAction: 'StoppedDeallocated' }) },
  'virtualMachines.startRoles': { phase: 74, parameters: (c) => ({ roles: [c.role] }) },
  'deployments.updateStatusByDeploymentName': { phase: 60, parameters: () => ({ status: 'Suspended' }) },
  'deployments.updateStatusByDeploymentSlot': { phase: 61, parameters: () => ({ status: 'Running' }) },
  'deployments.changeConfigurationByName': { phase: 62, parameters: (c) => ({ configuration: cscfg(c, 3), mode: 'Auto' }) },
  'deployments.changeConfigurationBySlot': { phase: 62, parameters: (c) => ({ configuration: cscfg(c, 2), mode: 'Auto' }) },
  // Upgrades: a Manual upgrade is walked domain by domain; each rollback needs an upgrade in progress.
  'deployments.upgradeByName': { phase: 63, parameters: upgrade },
  'deployments.beginUpgradingByName': { phase: 63, parameters: upgrade },
  'deployments.upgradeBySlot': { phase: 64, parameters: manual },
  ...walks('walkUpgradeDomainByDeployment', 64.1),
  'deployments.beginUpgradingBySlot': { phase: 64.3, parameters: manual },
  ...walks('beginWalkingUpgradeDomainByDeployment', 64.4),
  'deployments.upgradeBySlot#2': { phase: 64.6, parameters: manual },
  'deployments.rollbackUpdateOrUpgradeByDeploymentName': { phase: 64.7, parameters: rollback },
  'deployments.upgradeBySlot#3': { phase: 64.8, parameters: manual },
  'deployments.rollbackUpdateOrUpgradeByDeploymentSlot': { phase: 64.9, parameters: rollback },
  // beginSwapping runs first (production p, staging ps), swap then trades them back.
  'deployments.beginSwapping': { phase: 66, parameters: (c) => ({ productionDeployment: packageDeployment(c), sourceDeployment: `${packageDeployment(c)}s` }) },
  'deployments.swap': { phase: 66.1, parameters: (c) => ({ productionDeployment: `${packageDeployment(c)}s`, sourceDeployment: packageDeployment(c) }) },
  'deployments.getPackageByName': { phase: 60, parameters: (c) => ({ containerUri: `https://${c.storageAccount}.blob.core.windows.net/packages`, overwriteExisting: true }) },
  'deployments.getPackageBySlot': { phase: 60, parameters: (c) => ({ containerUri: `https://${c.storageAccount}.blob.core.windows.net/packages`, overwriteExisting: true }) },
  // Migration: the VM deployment of the second service, which is in no virtual network (one in a virtual network
  // moves with it). Each prepare is aborted at once by our client (this client's abortMigration sends no body).
  'deployments.validateMigration': { phase: 60, args: (c) => [second(c), secondDeployment(c), migration()] },
  'deployments.beginPrepareMigration': { phase: 60.1, args: (c) => [second(c), secondDeployment(c), migration()], ours: { after: abortMigration } },
  'deployments.prepareMigration': { phase: 60.2, args: (c) => [second(c), secondDeployment(c), migration()], ours: { after: abortMigration } },
  // Five instances, so that four can be deleted one by one (the last one cannot).
  'deployments.changeConfigurationByName#2': { phase: 90, parameters: (c) => ({ configuration: cscfg(c, 5), mode: 'Auto' }) },
  'deployments.deleteRoleInstanceByDeploymentSlot': { phase: 91, parameters: () => ({ name: [`${WEB_ROLE}_IN_3`] }) },
  // The third argument is named roleInstanceName, but it is the body: { name: [instances] }.
  'deployments.deleteRoleInstanceByDeploymentName': { phase: 91, args: (c) => [c.packageService, packageDeployment(c), { name: [`${WEB_ROLE}_IN_1`] }] },
  'deployments.beginDeletingRoleInstanceByDeploymentName': { phase: 91, args: (c) => [c.packageService, packageDeployment(c), { name: [`${WEB_ROLE}_IN_0`] }] },
  'deployments.beginDeletingRoleInstanceByBeploymentSlot': { phase: 91, args: (c) => [c.packageService, 'Production', { name: [`${WEB_ROLE}_IN_2`] }] },
  'deployments.deleteByName': { phase: 94 },
  'deployments.deleteBySlot': { phase: 94, args: (c) => [c.packageService, 'Staging'] },
  'deployments.beginDeletingBySlot': { phase: 94, args: (c) => [second(c), 'Production'] },
  'deployments.beginDeletingByName': { phase: 94, args: (c) => [c.service, c.deployment, true] },
  // A VM is captured stopped; xcvm2 by the waiting method, xcvm3 by its begin* twin.
  'virtualMachines.shutdown#2': { phase: 84, args: (c) => [c.service, c.deployment, 'xcvm2', { postShutdownAction: 'Stopped' }] },
  'virtualMachines.shutdown#3': { phase: 84, args: (c) => [c.service, c.deployment, 'xcvm3', { postShutdownAction: 'Stopped' }] },
  'virtualMachines.captureOSImage': { phase: 85, args: (c) => [c.service, c.deployment, 'xcvm2', capture(c)] },
  'virtualMachines.beginCapturingOSImage': { phase: 85, args: (c) => [c.service, c.deployment, 'xcvm3', capture(c)] },
  'virtualMachines.captureVMImage': {
    phase: 86, parameters: (c) => ({ operationType: 'CaptureVMImageOperation', oSState: 'Specialized', vMImageName: named(c.capturedVmImages, fresh(c, 'xc-vmcapture-')), vMImageLabel: 'crosscheck vm capture' }),
  },
  'virtualMachines.deleteMethod': { phase: 93, args: (c) => [c.service, c.deployment, 'xcvm2', true] },
  'virtualMachines.beginDeleting': { phase: 93, args: (c) => [c.service, c.deployment, 'xcvm3', true] },
  'hostedServices.deleteExtension': { phase: 96 },
  'hostedServices.deleteMethod': { phase: 97, args: (c) => [c.packageService] },
  'hostedServices.deleteAll': { phase: 97 },
  'hostedServices.beginDeletingAll': { phase: 97, args: (c) => [second(c)] },
  'hostedServices.beginAddingExtension': { phase: 31, parameters: () => ({ providerNamespace: 'Microsoft.Windows.Azure.Extensions', type: 'RDP', id: 'xcext2', version: '1.*' }) },
  'hostedServices.beginDeletingExtension': { phase: 96, args: (c) => [c.service, 'xcext2'] },
  'dnsServer.addDNSServer': { phase: 56, parameters: () => ({ name: 'xcdns1', address: '10.0.0.10' }) },
  'dnsServer.updateDNSServer': { phase: 57, parameters: () => ({ name: 'xcdns1', address: '10.0.0.11' }) },
  'dnsServer.beginAddingDNSServer': { phase: 56, parameters: () => ({ name: 'xcdns2', address: '10.0.0.12' }) },
  'dnsServer.beginUpdatingDNSServer': { phase: 57, args: (c) => [c.service, c.deployment, 'xcdns2', { name: 'xcdns2', address: '10.0.0.13' }] },
  'dnsServer.beginDeletingDNSServer': { phase: 92, args: (c) => [c.service, c.deployment, 'xcdns2'] },
  // One internal load balancer per deployment: xclb2 (begin twins) is made, updated and deleted before xclb1.
  // Internal extensions of the run's own, XcExt (plain methods) and XcExt2 (begin twins): registered, a new version, unregistered.
  'extensionImages.register': { phase: 30, parameters: (c) => extension(c, 'XcExt', '1.0.0') },
  'extensionImages.beginRegistering': { phase: 30, parameters: (c) => extension(c, 'XcExt2', '1.0.0') },
  'extensionImages.update': { phase: 31, parameters: (c) => extension(c, 'XcExt', '1.1.0') },
  'extensionImages.beginUpdating': { phase: 31, parameters: (c) => extension(c, 'XcExt2', '1.1.0') },
  'extensionImages.unregister': { phase: 92, args: () => ['Crosscheck.Test', 'XcExt', '1.1.0'] },
  'extensionImages.beginUnregistering': { phase: 92, args: () => ['Crosscheck.Test', 'XcExt2', '1.1.0'] },
  'loadBalancers.create': { phase: 56.5, parameters: () => ({ name: 'xclb1', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-1' } }) },
  'loadBalancers.update': { phase: 57.1, parameters: () => ({ name: 'xclb1', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-1' } }) },
  'loadBalancers.beginCreating': { phase: 56, parameters: () => ({ name: 'xclb2', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-1' } }) },
  'loadBalancers.beginUpdating': { phase: 56.1, args: (c) => [c.service, c.deployment, 'xclb2', { name: 'xclb2', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-1' } }] },
  'loadBalancers.beginDeleting': { phase: 56.2, args: (c) => [c.service, c.deployment, 'xclb2'] },
  'getOperationStatus': { phase: 88 },
};
