/**
 * Role instances: start, shut down (StoppedVM keeps the VM's cores allocated, StoppedDeallocated releases them),
 * restart, redeploy, maintain (InitiateMaintenance), reboot and reimage, delete some, and the RDP file of a VM. Each change shows when the
 * operation completes, and a started instance passes through StartingVM before it is ReadyRole again.
 */
import { errors } from '../api-error.js';
import { networkSetOf } from '../compute/configuration-sets.js';
import { removeRole, takeVipBack } from '../compute/deployments.js';
import { envOf, type ComputeEnv } from '../compute/env.js';
import {
  moveInstance, READY, settledPhase, STARTING_VM, STOPPED_DEALLOCATED, STOPPED_VM, UNKNOWN,
} from '../instance-progress.js';
import { checkQuota, coresOf } from '../quotas.js';
import type { DeploymentRecord, RoleInstanceRecord } from '../records.js';
import { keyOf } from '../state.js';
import { deploymentToChange, findDeployment, findInstance } from './lookup.js';
import { done, stringParam, type HandlerContext, type HandlerResult, type HandlerTable } from './types.js';
import { completeOn, vmDeployment } from './vm-operations.js';

type InstanceChange = (instance: RoleInstanceRecord, env: ComputeEnv, deployment: DeploymentRecord) => void;

/** An operation on the instance the path names: checked now, applied when it completes. */
function onInstance(ctx: HandlerContext, vmOnly: boolean, check: InstanceChange, change: InstanceChange): HandlerResult {
  const { service, deployment, resource } = vmOnly ? vmDeployment(ctx) : deploymentToChange(ctx);
  const name = stringParam(ctx, 'RoleInstanceName');
  const env = envOf(ctx);
  check(findInstance(deployment, name), env, deployment);
  return completeOn(ctx, service, deployment, resource, (d) => {
    const instance = findInstance(d, name);
    check(instance, env, d);
    change(instance, env, d);
  });
}

const noCheck: InstanceChange = () => undefined;

function isStopped(instance: RoleInstanceRecord): boolean {
  return settledPhase(instance).PowerState === 'Stopped';
}

function assertRunning(instance: RoleInstanceRecord): void {
  if (isStopped(instance)) throw errors.badRequest(`The role instance ${instance.InstanceName} is stopped; start it first.`);
}

const startRole: InstanceChange = (instance, env, deployment) => {
  if (!isStopped(instance)) return;
  takeVipBack(env, deployment);
  // A deallocated VM gets its cores back when it starts, within the subscription's limit.
  if (settledPhase(instance).InstanceStatus === 'StoppedDeallocated') checkQuota(env.state, env.subscription, 'Core', coresOf(env.state, instance.InstanceSize));
  moveInstance(instance, [STARTING_VM], READY, env.timing);
};

function shutdownRole(ctx: HandlerContext<'ShutdownRole'>) {
  const { PostShutdownAction } = ctx.body;
  const final = PostShutdownAction === 'StoppedDeallocated' ? STOPPED_DEALLOCATED : STOPPED_VM;
  return onInstance(ctx, true, noCheck, (instance, env) => moveInstance(instance, [], final, env.timing));
}

const reboot: InstanceChange = (instance, env) => moveInstance(instance, [UNKNOWN], READY, env.timing);
const redeploy: InstanceChange = (instance, env) => moveInstance(instance, [STARTING_VM], READY, env.timing);
/** Maintenance started by the customer moves the VM to an updated host: it restarts, as a redeploy does. */
const maintain: InstanceChange = redeploy;

function assertWebRole(instance: RoleInstanceRecord, env: ComputeEnv, deployment: DeploymentRecord): void {
  if (deployment.kind === 'vm') throw errors.badRequest(`Role instance ${instance.InstanceName} is a virtual machine; reimage and rebuild apply to web and worker roles.`);
  assertRunning(instance);
}

const reimage: InstanceChange = (instance, env) => moveInstance(instance, [STARTING_VM, { InstanceStatus: 'BusyRole', PowerState: 'Started' }], READY, env.timing);

function deleteRoleInstances(ctx: HandlerContext<'DeleteRoleInstances' | 'DeleteRoleInstancesBySlot'>) {
  const { service, deployment, resource } = deploymentToChange(ctx);
  const { Name: names } = ctx.body;
  const env = envOf(ctx);
  const check = (d: DeploymentRecord) => {
    const instances = names.map((n) => findInstance(d, n));
    if (instances.length >= d.instances.length) throw errors.badRequest('All role instances of the deployment cannot be deleted; delete the deployment instead.');
    return instances;
  };
  check(deployment);
  return completeOn(ctx, service, deployment, resource, (d) => {
    for (const instance of check(d)) {
      const role = d.roles.get(keyOf(instance.RoleName));
      if (d.kind === 'vm' && role !== undefined) removeRole(env, d, role, false);
      else d.instances = d.instances.filter((i) => i !== instance);
    }
  });
}

/** The Remote Desktop file of a VM: it needs a public endpoint to port 3389. */
function downloadRdpFile(ctx: HandlerContext) {
  const deployment = findDeployment(ctx);
  const instance = findInstance(deployment, stringParam(ctx, 'RoleInstanceName'));
  const role = deployment.roles.get(keyOf(instance.RoleName));
  const endpoint = role === undefined ? undefined : networkSetOf(role.ConfigurationSets)?.InputEndpoints?.find((e) => (e.LocalPort ?? e.Port) === 3389);
  if (endpoint === undefined) throw errors.badRequest('An external endpoint to the Remote Desktop port (3389) must first be added to the role.');
  return done(200, `full address:s:${deployment.vip.Address}:${endpoint.Port}\r\nprompt for credentials:i:1\r\n`);
}

export const roleInstanceHandlers: HandlerTable = {
  StartRole: (ctx) => onInstance(ctx, true, noCheck, startRole),
  ShutdownRole: shutdownRole,
  RestartRole: (ctx) => onInstance(ctx, true, assertRunning, reboot),
  RedeployRole: (ctx) => onInstance(ctx, true, noCheck, redeploy),
  InitiateMaintenance: (ctx) => onInstance(ctx, true, noCheck, maintain),
  RebootRoleInstance: (ctx) => onInstance(ctx, false, assertRunning, reboot),
  RebootRoleInstanceBySlot: (ctx) => onInstance(ctx, false, assertRunning, reboot),
  ReimageRoleInstance: (ctx) => onInstance(ctx, false, assertWebRole, reimage),
  ReimageRoleInstanceBySlot: (ctx) => onInstance(ctx, false, assertWebRole, reimage),
  RebuildRoleInstance: (ctx) => onInstance(ctx, false, assertWebRole, reimage),
  RebuildRoleInstanceBySlot: (ctx) => onInstance(ctx, false, assertWebRole, reimage),
  DeleteRoleInstances: deleteRoleInstances,
  DeleteRoleInstancesBySlot: deleteRoleInstances,
  DownloadRdpFile: downloadRdpFile,
};
