/**
 * What the network security tests share: the error assertion, a network configuration with one virtual network
 * of two subnets, and a VM deployment (the demo's seed VM, with a second network interface) placed in that
 * network. Deployments into a virtual network are another family's work; until the emulator takes them through
 * CreateVirtualMachineDeployment, the test places the deployment in the subnet directly in the emulator's state,
 * as the recordings show such a deployment (VirtualNetworkName, the role's SubnetNames, the interface's subnet).
 */
import assert from 'node:assert/strict';
import { ServiceError, type ServiceManagementClient } from '../../generated/index.js';
import { networkSetOf } from '../../src/emulator/compute/configuration-sets.js';
import type { Emulator } from '../../src/emulator/server.js';
import { keyOf } from '../../src/emulator/state.js';
import { seedRole } from '../../tools/demo/seed-vm.js';
export { rejectsWith } from './service-errors.js';


export const VNET = 'secnet';

export async function setVirtualNetwork(client: ServiceManagementClient): Promise<void> {
  await client.setNetworkConfiguration({
    VirtualNetworkConfiguration: {
      VirtualNetworkSites: [{
        name: VNET, Location: 'West US', AddressSpace: ['10.4.0.0/16'],
        Subnets: [{ name: 'front', AddressPrefix: '10.4.1.0/24' }, { name: 'back', AddressPrefix: '10.4.2.0/24' }],
      }],
    },
  }, { wait: true });
}

/** A cloud service with a VM deployment "d1" of role sampleRole and network interface nic2, in subnet front. */
export async function vmInSubnet(emulator: Emulator, client: ServiceManagementClient, service: string, account: string): Promise<void> {
  await client.createHostedService({ ServiceName: service, Label: service, Location: 'West US' });
  await client.createStorageAccount({ ServiceName: account, Label: account, Location: 'West US' }, { wait: true });
  const role = seedRole(account);
  const network = networkSetOf(role.ConfigurationSets!)!;
  network.NetworkInterfaces = [{ Name: 'nic2', IPConfigurations: [{ SubnetName: 'back' }] }];
  await client.createVirtualMachineDeployment({ ServiceName: service, Name: 'd1', DeploymentSlot: 'Production', Label: 'd1', RoleList: [role] }, { wait: true });
  const deployment = emulator.state.subscription(emulator.subscriptionId)!.hostedServices.get(keyOf(service))!.deployments.get('d1')!;
  deployment.VirtualNetworkName = VNET;
  networkSetOf(deployment.roles.get(keyOf('sampleRole'))!.ConfigurationSets)!.SubnetNames = ['front'];
}
