/** Roles (virtual machines) of a deployment: get, add, modify (UpdateRole on the wire), delete. */
import {
  AddRoleOperation, DeleteRoleOperation, GetRoleOperation, UpdateRoleOperation, type AddRoleInput,
} from '../../../generated/operations/index.js';
import { obj, str } from '../arguments.js';
import { persistentVMRole } from '../data-objects/role.js';
import type { VMRole } from '../types.js';
import { withDefaultMediaLink } from './role-media.js';
import { method } from './method.js';

export const roleMethods = {
  GetRole: method({
    args: [str('serviceName'), str('deploymentName'), str('roleName')],
    operation: GetRoleOperation,
    input: ([serviceName, deploymentName, roleName]) => ({
      ServiceName: serviceName as string, DeploymentName: deploymentName as string, RoleName: roleName as string,
    }),
    send: (client, input, options) => client.getRole(input, options),
  }),
  AddRole: method({
    args: [str('serviceName'), str('deploymentName'), obj('VMRole')],
    operation: AddRoleOperation,
    input: ([serviceName, deploymentName, role]): AddRoleInput => ({
      ...persistentVMRole(role as VMRole, { operation: 'AddRole', creating: true }),
      ServiceName: serviceName as string,
      DeploymentName: deploymentName as string,
    }),
    complete: (input, context) => withDefaultMediaLink(input, input.ServiceName, context),
    send: (client, input, options) => client.addRole(input, options),
  }),
  ModifyRole: method({
    args: [str('serviceName'), str('deploymentName'), str('roleName'), obj('VMRole')],
    operation: UpdateRoleOperation,
    input: ([serviceName, deploymentName, roleName, role]) => ({
      ServiceName: serviceName as string,
      DeploymentName: deploymentName as string,
      RoleName: roleName as string,
      PersistentVMRole: persistentVMRole(role as VMRole, { operation: 'UpdateRole', creating: false, roleName: roleName as string }),
    }),
    send: (client, input, options) => client.updateRole(input, options),
  }),
  DeleteRole: method({
    args: [str('serviceName'), str('deploymentName'), str('roleName')],
    operation: DeleteRoleOperation,
    // The documents do not delete the role's disks or their VHD blobs (no comp=media).
    input: ([serviceName, deploymentName, roleName]) => ({
      ServiceName: serviceName as string, DeploymentName: deploymentName as string, RoleName: roleName as string,
    }),
    send: (client, input, options) => client.deleteRole(input, options),
  }),
};
