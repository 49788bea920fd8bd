/**
 * What the network families (security groups, IP forwarding, effective routes) read and change on a VM role:
 * its network configuration set, which holds the role's NetworkSecurityGroup and IPForwarding, and its network
 * interfaces (NetworkInterfaces of that set), which hold their own. Keeping them there means GetRole and
 * GetDeployment show them as the service did, with no second copy to keep in step.
 */
import type { NetworkConfigurationSet, NetworkInterface } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { networkSetOf } from '../compute/configuration-sets.js';
import { findDeployment, findRole, findService } from '../handlers/lookup.js';
import { stringParam, type HandlerContext } from '../handlers/types.js';
import type { DeploymentRecord, RoleRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';

export interface RoleInDeployment {
  serviceName: string;
  deployment: DeploymentRecord;
  role: RoleRecord;
}

/** The VM role the path names (ServiceName, DeploymentName, RoleName), or the service's 404s. */
export function findVmRole(ctx: HandlerContext): RoleInDeployment {
  const service = findService(ctx);
  const deployment = findDeployment(ctx, service);
  const role = findRole(deployment, stringParam(ctx, 'RoleName'));
  if (role.kind !== 'vm') throw errors.badRequest(`The role ${role.RoleName} is not a virtual machine; network security groups and IP forwarding apply to virtual machines.`);
  return { serviceName: service.ServiceName, deployment, role };
}

/** The role's network configuration set, added empty when the role was made without one. */
export function networkSetFor(role: RoleRecord): NetworkConfigurationSet {
  const existing = networkSetOf(role.ConfigurationSets);
  if (existing !== undefined) return existing;
  const set: NetworkConfigurationSet = { ConfigurationSetType: 'NetworkConfiguration' };
  role.ConfigurationSets.push(set);
  return set;
}

/** The role's network interface of that name, or a 404 naming it. */
export function findNetworkInterface(role: RoleRecord, name: string): NetworkInterface {
  const nic = networkSetOf(role.ConfigurationSets)?.NetworkInterfaces?.find((n) => n.Name !== undefined && keyOf(n.Name) === keyOf(name));
  if (nic === undefined) throw errors.notFound(`The network interface ${name} does not exist on role ${role.RoleName}.`);
  return nic;
}

/** Every VM role of the subscription with where it is, for "in use" checks. */
export function* vmRoles(subscription: SubscriptionState): Generator<RoleInDeployment> {
  for (const service of subscription.hostedServices.values()) {
    for (const deployment of service.deployments.values()) {
      for (const role of deployment.roles.values()) {
        if (role.kind === 'vm') yield { serviceName: service.ServiceName, deployment, role };
      }
    }
  }
}
