/**
 * The seed documents' scenario, on any client (the demo runs it against the emulator, and so do the tests): the
 * 2012 Node.js guide's sample (a cloud service, then a VM deployment in the staging slot from a role with an OS
 * disk, a data disk, a provisioning and a network configuration set, polled until it completes) and the Python
 * guide's walkthrough (storage account, affinity group, images, swapping slots, deleting it all). The VM joins a
 * virtual network: the network configuration gets a site with one subnet first, and the VM takes its first
 * usable address (.4).
 */
import type { Role, ServiceManagementClient } from '../../generated/index.js';
import { waitVisibly, watchInstance, type Print } from './progress.js';
import { provisioningSet, seedRole, vhdUrl } from './seed-vm.js';

interface Names {
  service: string;
  deployment: string;
  storage: string;
  affinityGroup: string;
  image: string;
  role: string;
  network: string;
  subnet: string;
}

interface Run {
  client: ServiceManagementClient;
  print: Print;
  names: Names;
}

function namesFor(suffix: string): Names {
  return {
    service: `sampleservice${suffix}`, deployment: 'sampleDeployment', storage: `samplestore${suffix}`, affinityGroup: `sample-ag-${suffix}`,
    image: `sampleRole-image-${suffix}`, role: 'sampleRole', network: `samplenet-${suffix}`, subnet: 'sampleSubnet',
  };
}

async function createServiceAndStorage({ client, print, names }: Run): Promise<void> {
  const locations = await client.listLocations();
  print(`Locations: ${locations.map((l) => l.Name).join(', ')}`);
  await client.createHostedService({ ServiceName: names.service, Label: names.service, Description: 'Service host', Location: 'West US' });
  const service = await client.getHostedService({ ServiceName: names.service });
  print(`Created cloud service ${service.ServiceName} in ${service.HostedServiceProperties?.Location}: label "${service.HostedServiceProperties?.Label}", status ${service.HostedServiceProperties?.Status}`);
  await waitVisibly(`Created storage account ${names.storage}`, client.createStorageAccount({
    ServiceName: names.storage, Label: names.storage, Description: 'VHDs of the sample VM', Location: 'West US', AccountType: 'Standard_LRS',
  }), print);
  const accounts = await client.listStorageAccounts();
  print(`Storage accounts: ${accounts.map((a) => `${a.ServiceName} (${a.StorageServiceProperties?.AccountType}, ${a.StorageServiceProperties?.Status})`).join(', ')}`);
}

async function createNetwork({ client, print, names }: Run): Promise<void> {
  await waitVisibly(`Set the network configuration: virtual network ${names.network} (10.0.0.0/16) with subnet ${names.subnet} (10.0.0.0/24)`, client.setNetworkConfiguration({
    VirtualNetworkConfiguration: {
      VirtualNetworkSites: [{ name: names.network, Location: 'West US', AddressSpace: ['10.0.0.0/16'], Subnets: [{ name: names.subnet, AddressPrefix: '10.0.0.0/24' }] }],
    },
  }), print);
  const sites = await client.listVirtualNetworkSites();
  print(`Virtual networks: ${sites.map((s) => `${s.Name} in ${s.Location} (${s.State}), subnets ${s.Subnets?.map((n) => `${n.Name} ${n.AddressPrefix}`).join(', ')}`).join('; ')}`);
}

/** The seed's VM, joining the scenario's subnet. */
function roleInSubnet(names: Names): Role {
  const role = seedRole(names.storage);
  return {
    ...role,
    ConfigurationSets: role.ConfigurationSets?.map((s) => (s.ConfigurationSetType === 'NetworkConfiguration' ? { ...s, SubnetNames: [names.subnet] } : s)),
  };
}

async function createVm({ client, print, names }: Run): Promise<void> {
  await waitVisibly(`Created VM deployment ${names.deployment} in the staging slot`, client.createVirtualMachineDeployment({
    ServiceName: names.service, Name: names.deployment, DeploymentSlot: 'Staging', Label: 'Deployment Label', VirtualNetworkName: names.network, RoleList: [roleInSubnet(names)],
  }), print);
  await watchInstance(client, names.service, names.deployment, names.role, 'ReadyRole', print);
}

async function readBack({ client, print, names }: Run): Promise<void> {
  const deployment = await client.getDeploymentBySlot({ ServiceName: names.service, DeploymentSlot: 'Staging' });
  print(`Deployment ${deployment.Name}: slot ${deployment.DeploymentSlot}, status ${deployment.Status}, label "${deployment.Label}", URL ${deployment.Url}`);
  const instance = deployment.RoleInstanceList?.find((i) => i.RoleName === names.role);
  print(`  in virtual network ${deployment.VirtualNetworkName}: instance ${instance?.InstanceName} has address ${instance?.IpAddress}`);
  const role = await client.getRole({ ServiceName: names.service, DeploymentName: names.deployment, RoleName: names.role });
  const endpoints = role.ConfigurationSets?.flatMap((s) => (s.ConfigurationSetType === 'NetworkConfiguration' ? s.InputEndpoints ?? [] : []));
  print(`Role ${role.RoleName}: size ${role.RoleSize}, OS disk ${role.OSVirtualHardDisk?.DiskName} from ${role.OSVirtualHardDisk?.SourceImageName}`);
  // The service leaves LUN 0 (the default) out of its answers.
  print(`  data disks: ${role.DataVirtualHardDisks?.map((d) => `LUN ${d.Lun ?? 0} ${d.LogicalDiskSizeInGB} GB`).join(', ')}; endpoints: ${endpoints?.map((e) => `${e.Name} ${e.Protocol} ${e.Port}→${e.LocalPort}`).join(', ')}`);
  print(`  configuration sets answered: ${role.ConfigurationSets?.map((s) => s.ConfigurationSetType).join(', ')} (the password never comes back)`);
}

async function dataDisks({ client, print, names }: Run): Promise<void> {
  const roleOf = { ServiceName: names.service, DeploymentName: names.deployment, RoleName: names.role };
  await waitVisibly('Added a 20 GB data disk at LUN 1', client.addDataDisk({ ...roleOf, Lun: 1, LogicalDiskSizeInGB: 20, MediaLink: vhdUrl(names.storage, 'sampleRole-data1.vhd') }), print);
  const disk = await client.getDataDisk({ ...roleOf, Lun: 1 });
  print(`  LUN 1 is disk ${disk.DiskName} (${disk.MediaLink})`);
  await waitVisibly('Removed the data disk at LUN 1 with its blob', client.deleteDataDisk({ ...roleOf, Lun: 1, DeleteMedia: true }), print);
  const role = await client.getRole(roleOf);
  print(`  data disks now: ${role.DataVirtualHardDisks?.map((d) => `LUN ${d.Lun ?? 0}`).join(', ')}; disks in the subscription: ${(await client.listDisks()).length}`);
}

async function stopAndStart({ client, print, names }: Run): Promise<void> {
  const instance = { ServiceName: names.service, DeploymentName: names.deployment, RoleInstanceName: names.role };
  await waitVisibly('Shut down the role instance (StoppedDeallocated)', client.shutdownRole({ ...instance, PostShutdownAction: 'StoppedDeallocated' }), print);
  await watchInstance(client, names.service, names.deployment, names.role, 'StoppedDeallocated', print);
  print(`  cores in use: ${(await client.getSubscription()).CurrentCoreCount} (a deallocated VM holds none)`);
  await waitVisibly('Started the role instance', client.startRole(instance), print);
  await watchInstance(client, names.service, names.deployment, names.role, 'ReadyRole', print);
  await waitVisibly('Restarted the role instance', client.restartRole(instance), print);
  await watchInstance(client, names.service, names.deployment, names.role, 'ReadyRole', print);
}

async function capture({ client, print, names }: Run): Promise<void> {
  const instance = { ServiceName: names.service, DeploymentName: names.deployment, RoleInstanceName: names.role };
  await waitVisibly('Shut down the role instance for the capture', client.shutdownRole({ ...instance, PostShutdownAction: 'Stopped' }), print);
  await waitVisibly(`Captured the VM as OS image ${names.image} (then reprovisioned from it)`, client.captureRole({
    ...instance, PostCaptureAction: 'Reprovision', ProvisioningConfiguration: provisioningSet('sampleMach2'), TargetImageLabel: 'Sample role image', TargetImageName: names.image,
  }), print);
  await watchInstance(client, names.service, names.deployment, names.role, 'ReadyRole', print);
  const images = await client.listOSImages();
  const mine = images.filter((i) => i.Category === 'User');
  print(`OS images: ${images.length} (${images.length - mine.length} platform), user images: ${mine.map((i) => `${i.Name} (${i.OS}, ${i.Location})`).join(', ')}`);
  print(`VM images: ${(await client.listVMImages()).length}`);
}

async function affinityGroup({ client, print, names }: Run): Promise<void> {
  await client.createAffinityGroup({ Name: names.affinityGroup, Label: 'Sample affinity group', Description: 'my affinity group', Location: 'West US' });
  const groups = await client.listAffinityGroups();
  print(`Affinity groups: ${groups.map((g) => `${g.Name} in ${g.Location}`).join(', ')}`);
}

async function swap({ client, print, names }: Run): Promise<void> {
  await waitVisibly(`Swapped ${names.deployment} from staging to production`, client.swapDeployment({ ServiceName: names.service, SourceDeployment: names.deployment }), print);
  const production = await client.getDeploymentBySlot({ ServiceName: names.service, DeploymentSlot: 'Production' });
  print(`  production slot: ${production.Name}, URL ${production.Url}, status ${production.Status}`);
  const usage = await client.getSubscription();
  print(`Subscription usage: ${usage.CurrentCoreCount}/${usage.MaxCoreCount} cores, ${usage.CurrentHostedServices}/${usage.MaxHostedServices} cloud services, ${usage.CurrentStorageAccounts}/${usage.MaxStorageAccounts} storage accounts`);
}

async function cleanUp({ client, print, names }: Run): Promise<void> {
  await waitVisibly('Deleted the deployment with its disks', client.deleteDeployment({ ServiceName: names.service, DeploymentName: names.deployment, DeleteMedia: true }), print);
  await client.deleteHostedService({ ServiceName: names.service }, { wait: true });
  await client.deleteOSImage({ ImageName: names.image, DeleteMedia: true });
  await client.deleteStorageAccount({ ServiceName: names.storage });
  await client.deleteAffinityGroup({ AffinityGroupName: names.affinityGroup });
  await client.setNetworkConfiguration({ VirtualNetworkConfiguration: {} }, { wait: true });
  print(`Deleted cloud service ${names.service}, image ${names.image}, storage account ${names.storage}, affinity group ${names.affinityGroup} and virtual network ${names.network}`);
  const [services, accounts, groups, disks, networks] = await Promise.all([
    client.listHostedServices(), client.listStorageAccounts(), client.listAffinityGroups(), client.listDisks(), client.listVirtualNetworkSites(),
  ]);
  print(`Left: ${services.length} cloud services, ${accounts.length} storage accounts, ${groups.length} affinity groups, ${disks.length} disks, ${networks.length} virtual networks`);
}

export async function runScenario(client: ServiceManagementClient, print: Print, suffix = Date.now().toString(36)): Promise<void> {
  const run: Run = { client, print, names: namesFor(suffix) };
  for (const step of [createServiceAndStorage, createNetwork, createVm, readBack, dataDisks, stopAndStart, capture, affinityGroup, swap, cleanUp]) await step(run);
}
