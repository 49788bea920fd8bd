/** Deployments: get by name or slot, and create (a virtual machine deployment with one role). */
import {
  CreateVirtualMachineDeploymentOperation, GetDeploymentBySlotOperation, GetDeploymentOperation,
  type GetDeploymentBySlotInput,
} from '../../../generated/operations/index.js';
import { obj, optionalObj, str } from '../arguments.js';
import { deploymentSlot, virtualMachineDeployment } from '../data-objects/deployment.js';
import type { DeployOptions, VMRole } from '../types.js';
import { withDefaultMediaLink } from './role-media.js';
import { method } from './method.js';

export const deploymentMethods = {
  GetDeployment: method({
    args: [str('serviceName'), str('deploymentName')],
    operation: GetDeploymentOperation,
    input: ([serviceName, deploymentName]) => ({ ServiceName: serviceName as string, DeploymentName: deploymentName as string }),
    send: (client, input, options) => client.getDeployment(input, options),
  }),
  GetDeploymentBySlot: method({
    args: [str('serviceName'), str('deploymentSlot')],
    operation: GetDeploymentBySlotOperation,
    input: ([serviceName, slot]) => ({
      ServiceName: serviceName as string,
      DeploymentSlot: deploymentSlot(slot as string) as GetDeploymentBySlotInput['DeploymentSlot'],
    }),
    send: (client, input, options) => client.getDeploymentBySlot(input, options),
  }),
  CreateDeployment: method({
    args: [str('serviceName'), str('deploymentName'), obj('VMRole'), optionalObj('deployOptions')],
    operation: CreateVirtualMachineDeploymentOperation,
    input: ([serviceName, deploymentName, role, deployOptions]) =>
      virtualMachineDeployment(serviceName as string, deploymentName as string, role as VMRole, deployOptions as DeployOptions | undefined),
    complete: async (input, context) => ({
      ...input, RoleList: await Promise.all(input.RoleList.map((role) => withDefaultMediaLink(role, input.ServiceName, context))),
    }),
    send: (client, input, options) => client.createVirtualMachineDeployment(input, options),
  }),
};
