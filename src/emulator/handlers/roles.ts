/**
 * Virtual machines of a VM deployment, as roles: add one (with the same checks as a new deployment's roles), read
 * it (network set only: passwords never come back), change its size, endpoints and disk caching, delete it (never
 * the last one: the deployment goes instead), and start or shut down several at once.
 */
import type { Role } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkEndpoints, networkSetOf } from '../compute/configuration-sets.js';
import { removeRole, takeVipBack } from '../compute/deployments.js';
import { envOf, type ComputeEnv } from '../compute/env.js';
import { applyRolePlan, planRole } from '../compute/provisioning.js';
import { checkRoleNetwork } from '../network/addressing.js';
import { roleView } from '../compute/views.js';
import { moveInstance, READY, settledPhase, STARTING_VM, STOPPED_DEALLOCATED, STOPPED_VM } from '../instance-progress.js';
import { checkQuota, coresOf } from '../quotas.js';
import type { DeploymentRecord, RoleRecord } from '../records.js';
import { keyOf } from '../state.js';
import { findDeployment, findRole, findService } from './lookup.js';
import { done, flagParam, stringParam, type HandlerContext, type HandlerTable } from './types.js';
import { completeOn, vmDeployment } from './vm-operations.js';

function addRole(ctx: HandlerContext<'AddRole'>) {
  const { service, deployment, resource } = vmDeployment(ctx);
  const body = ctx.body;
  const env = envOf(ctx);
  const plan = () => {
    const planned = planRole(env, findService(ctx, service.ServiceName), deployment.Name, [...deployment.roles.values()], body);
    checkRoleNetwork(env.subscription, deployment.VirtualNetworkName, planned.role);
    return planned;
  };
  checkQuota(env.state, env.subscription, 'Core', coresOf(env.state, plan().role.RoleSize));
  return completeOn(ctx, service, deployment, resource, (d, s) => void applyRolePlan(env, s, d, plan()));
}

function getRole(ctx: HandlerContext) {
  const deployment = findDeployment(ctx);
  return done(200, roleView(ctx.subscription, findRole(deployment, stringParam(ctx, 'RoleName'))));
}

/** Checks an update of a role and returns the role as it will be. */
function updatedRole(env: ComputeEnv, deployment: DeploymentRecord, role: RoleRecord, body: Role): RoleRecord {
  if (keyOf(body.RoleName) !== keyOf(role.RoleName)) throw errors.badRequest(`The role name ${body.RoleName} in the body does not match the role ${role.RoleName} of the request URL.`);
  const size = env.state.roleSize(body.RoleSize ?? role.RoleSize ?? 'Small');
  if (size === undefined) throw errors.badRequest(`The role size ${body.RoleSize} is not valid for virtual machines.`);
  const network = networkSetOf(body.ConfigurationSets ?? []);
  const sets = network === undefined ? role.ConfigurationSets : [...role.ConfigurationSets.filter((s) => s.ConfigurationSetType !== 'NetworkConfiguration'), network];
  checkEndpoints(sets, [...deployment.roles.values()].filter((r) => r !== role));
  const caching = new Map((body.DataVirtualHardDisks ?? []).map((d) => [d.Lun ?? 0, d.HostCaching]));
  const dataDisks = role.DataVirtualHardDisks.map((d) => ({ ...d, HostCaching: caching.get(d.Lun ?? 0) ?? d.HostCaching }));
  if ((size.MaxDataDiskCount ?? 16) < dataDisks.length) throw errors.badRequest(`The role size ${size.Name} allows at most ${size.MaxDataDiskCount} data disks; role ${role.RoleName} has ${dataDisks.length}.`);
  return {
    ...role, RoleSize: size.Name, ConfigurationSets: sets, DataVirtualHardDisks: dataDisks,
    OSVirtualHardDisk: role.OSVirtualHardDisk === undefined ? undefined : { ...role.OSVirtualHardDisk, HostCaching: body.OSVirtualHardDisk?.HostCaching ?? role.OSVirtualHardDisk.HostCaching },
    AvailabilitySetName: body.AvailabilitySetName ?? role.AvailabilitySetName, ResourceExtensionReferences: body.ResourceExtensionReferences ?? role.ResourceExtensionReferences,
    ProvisionGuestAgent: body.ProvisionGuestAgent ?? role.ProvisionGuestAgent, DebugSettings: body.DebugSettings ?? role.DebugSettings,
  };
}

function updateRole(ctx: HandlerContext<'UpdateRole'>) {
  const { service, deployment, resource } = vmDeployment(ctx);
  const roleName = stringParam(ctx, 'RoleName');
  const body = ctx.body;
  const env = envOf(ctx);
  updatedRole(env, deployment, findRole(deployment, roleName), body);
  return completeOn(ctx, service, deployment, resource, (d) => {
    const role = findRole(d, roleName);
    const next = updatedRole(env, d, role, body);
    d.roles.set(keyOf(role.RoleName), next);
    const instance = d.instances.find((i) => keyOf(i.RoleName) === keyOf(role.RoleName));
    if (instance === undefined || next.RoleSize === role.RoleSize) return;
    // A resized VM moves to a host with the new size: it restarts if it was running.
    instance.InstanceSize = next.RoleSize!;
    if (settledPhase(instance).PowerState === 'Started') moveInstance(instance, [STARTING_VM], READY, env.timing);
  });
}

function deleteRole(ctx: HandlerContext) {
  const { service, deployment, resource } = vmDeployment(ctx);
  const roleName = stringParam(ctx, 'RoleName');
  const deleteMedia = flagParam(ctx, 'DeleteMedia');
  const env = envOf(ctx);
  const check = (d: DeploymentRecord) => {
    const role = findRole(d, roleName);
    if (d.roles.size === 1) {
      throw errors.badRequest(`Role ${role.RoleName} is the only role present in the deployment and so cannot be removed. Please delete the deployment or add another role before removing this role.`);
    }
    return role;
  };
  check(deployment);
  return completeOn(ctx, service, deployment, resource, (d) => removeRole(env, d, check(d), deleteMedia));
}

/** The roles a StartRoles/ShutdownRoles body names, each with its instance. */
function namedInstances(deployment: DeploymentRecord, names: readonly string[]) {
  return names.map((name) => {
    const role = findRole(deployment, name);
    return deployment.instances.find((i) => keyOf(i.RoleName) === keyOf(role.RoleName))!;
  });
}

function startRoles(ctx: HandlerContext<'StartRoles'>) {
  const { service, deployment, resource } = vmDeployment(ctx);
  const { Roles } = ctx.body;
  const env = envOf(ctx);
  namedInstances(deployment, Roles);
  return completeOn(ctx, service, deployment, resource, (d) => {
    takeVipBack(env, d);
    for (const instance of namedInstances(d, Roles)) {
      if (settledPhase(instance).PowerState !== 'Stopped') continue;
      if (settledPhase(instance).InstanceStatus === 'StoppedDeallocated') checkQuota(env.state, env.subscription, 'Core', coresOf(env.state, instance.InstanceSize));
      moveInstance(instance, [STARTING_VM], READY, env.timing);
    }
  });
}

function shutdownRoles(ctx: HandlerContext<'ShutdownRoles'>) {
  const { service, deployment, resource } = vmDeployment(ctx);
  const { Roles, PostShutdownAction } = ctx.body;
  const env = envOf(ctx);
  namedInstances(deployment, Roles);
  const final = PostShutdownAction === 'StoppedDeallocated' ? STOPPED_DEALLOCATED : STOPPED_VM;
  return completeOn(ctx, service, deployment, resource, (d) => {
    for (const instance of namedInstances(d, Roles)) moveInstance(instance, [], final, env.timing);
  });
}

export const roleHandlers: HandlerTable = {
  AddRole: addRole,
  GetRole: getRole,
  UpdateRole: updateRole,
  DeleteRole: deleteRole,
  StartRoles: startRoles,
  ShutdownRoles: shutdownRoles,
};
