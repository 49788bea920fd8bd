/**
 * CreateDeployment's arguments onto the service's virtual machine deployment: Name from the call, DeploymentSlot
 * defaulting to Production, Label to the deployment name, and the one role in RoleList.
 *
 * UpgradeDomainCount, a documented option, is not an element of a virtual machine deployment (only package
 * deployments have upgrade domains the caller sets), so it is left out rather than refused.
 */
import type { CreateVirtualMachineDeploymentInput } from '../../../generated/operations/index.js';
import type { DeployOptions, VMRole } from '../types.js';
import { persistentVMRole } from './role.js';
import { compact, options } from './values.js';

type Slot = 'Staging' | 'Production';

/** Staging or Production, any case; the first document also says "Staged". */
export function deploymentSlot(slot: string): Slot | string {
  if (/^(staging|staged)$/i.test(slot)) return 'Staging';
  if (/^production$/i.test(slot)) return 'Production';
  return slot;
}

export function virtualMachineDeployment(serviceName: string, deploymentName: string, role: VMRole, deployOptions: DeployOptions | undefined): CreateVirtualMachineDeploymentInput {
  const { DeploymentSlot, Label, UpgradeDomainCount: _notForVirtualMachines, ...wire } = options(deployOptions);
  return compact({
    ...wire,
    ServiceName: serviceName,
    Name: deploymentName,
    DeploymentSlot: deploymentSlot(DeploymentSlot || 'Production'),
    Label: Label || deploymentName,
    RoleList: [persistentVMRole(role, { operation: 'CreateVirtualMachineDeployment', creating: true })],
  }) as CreateVirtualMachineDeploymentInput;
}
