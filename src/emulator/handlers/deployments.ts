/**
 * Deployments of a cloud service, in its staging or production slot: package deployments of web and worker
 * roles (CreateDeployment: the .cscfg says how many instances each role runs) and VM deployments
 * (CreateVirtualMachineDeployment: roles with OS and data disks, provisioning and network configuration sets).
 * Creation and deletion are asynchronous: the deployment appears (or goes) when the operation completes, and
 * everything is checked again then, so that the operation fails with the service's error if the world changed.
 */
import type { CreateDeployment, CreateVirtualMachineDeployment } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import {
  addWebInstances, assertSlotAndNameFree, newDeployment, removeDeployment, webRole,
} from '../compute/deployments.js';
import { envOf, type ComputeEnv } from '../compute/env.js';
import { applyRolePlan, planRole, type RolePlan } from '../compute/provisioning.js';
import { parseServiceConfiguration, vmServiceConfiguration, type ConfiguredRole } from '../compute/service-configuration.js';
import { deploymentView } from '../compute/views.js';
import { networkSetOf } from '../compute/configuration-sets.js';
import { checkRoleNetwork, siteForDeployment } from '../network/addressing.js';
import { accountOfMediaLink } from '../placement.js';
import { checkQuota, coresOf } from '../quotas.js';
import type { DeploymentSlot, HostedServiceRecord, RoleRecord } from '../records.js';
import { keyOf } from '../state.js';
import { assertExtensionsExist } from './hosted-service-extensions.js';
import { deploymentResource, findDeployment, findService } from './lookup.js';
import { accepted, assertNotBusy, done, flagParam, stringParam, type HandlerContext, type HandlerTable } from './types.js';

function getDeployment(ctx: HandlerContext) {
  const service = findService(ctx);
  const deployment = findDeployment(ctx, service);
  const locked = ctx.operations.holder(ctx.subscription.id, deploymentResource(service.ServiceName, deployment.Name)) !== undefined;
  return done(200, deploymentView(deployment, { subscription: ctx.subscription, service, locked }));
}

function checkReservedIp(env: ComputeEnv, service: HostedServiceRecord, name: string | undefined): void {
  if (name === undefined) return;
  const reserved = env.subscription.reservedIps.get(keyOf(name));
  if (reserved === undefined) throw errors.badRequest(`The reserved IP ${name} does not exist.`);
  const inUse = [...env.subscription.hostedServices.values()].some((s) => [...s.deployments.values()].some((d) => d.ReservedIPName !== undefined && keyOf(d.ReservedIPName) === keyOf(name)));
  if (inUse) throw errors.conflict(`The reserved IP ${name} is already in use by another deployment.`);
  if (service.Location !== undefined && keyOf(reserved.Location) !== keyOf(service.Location)) {
    throw errors.badRequest(`The reserved IP ${name} is in ${reserved.Location}, not in ${service.Location} where the cloud service is.`);
  }
}

/** Every check of a VM deployment; returns the plans of its roles. */
function planVmDeployment(env: ComputeEnv, service: HostedServiceRecord, body: CreateVirtualMachineDeployment): RolePlan[] {
  assertSlotAndNameFree(service, body.Name, body.DeploymentSlot);
  if (body.RoleList.length === 0) throw errors.badRequest('A virtual machine deployment needs at least one role.');
  if (body.VirtualNetworkName !== undefined) siteForDeployment(env.subscription, service, body.VirtualNetworkName);
  checkReservedIp(env, service, body.ReservedIPName);
  const plans: RolePlan[] = [];
  const claimed = new Set<string>();
  for (const role of body.RoleList) {
    plans.push(planRole(env, service, body.Name, plans.map((p) => p.role), role));
    checkRoleNetwork(env.subscription, body.VirtualNetworkName, plans.at(-1)!.role, claimed);
    const address = networkSetOf(role.ConfigurationSets ?? [])?.StaticVirtualNetworkIPAddress;
    if (address !== undefined) claimed.add(address);
  }
  const links = plans.flatMap((p) => p.newDisks.map((d) => d.MediaLink.toLowerCase()));
  const twice = links.find((link, i) => links.indexOf(link) !== i);
  if (twice !== undefined) throw errors.conflict(`The blob ${twice} is used by two disks of the request.`);
  checkQuota(env.state, env.subscription, 'Core', plans.reduce((sum, p) => sum + coresOf(env.state, p.role.RoleSize), 0));
  return plans;
}

function createVmDeployment(ctx: HandlerContext<'CreateVirtualMachineDeployment'>) {
  const service = findService(ctx);
  const body = ctx.body;
  const env = envOf(ctx);
  const resource = deploymentResource(service.ServiceName, body.Name);
  assertNotBusy(ctx, resource, 'deployment');
  planVmDeployment(env, service, body);
  return accepted({
    resource,
    complete: () => {
      const current = findService(ctx, service.ServiceName);
      const plans = planVmDeployment(env, current, body);
      const deployment = newDeployment(env, current, {
        Name: body.Name, DeploymentSlot: body.DeploymentSlot, Label: body.Label, kind: 'vm',
        Configuration: vmServiceConfiguration(plans.map((p) => p.role.RoleName)), VirtualNetworkName: body.VirtualNetworkName,
        ReservedIPName: body.ReservedIPName, Dns: body.Dns,
      });
      current.deployments.set(keyOf(deployment.Name), deployment);
      for (const plan of plans) applyRolePlan(env, current, deployment, plan);
    },
  });
}

/** Every check of a package deployment; returns the roles its configuration sets up. */
function checkPackageDeployment(env: ComputeEnv, service: HostedServiceRecord, slot: DeploymentSlot, body: CreateDeployment): ConfiguredRole[] {
  assertSlotAndNameFree(service, body.Name, slot);
  accountOfMediaLink(env.subscription, body.PackageUrl);
  assertExtensionsExist(service, body.ExtensionConfiguration);
  const roles = parseServiceConfiguration(body.Configuration);
  checkQuota(env.state, env.subscription, 'Core', roles.reduce((sum, r) => sum + r.instances * coresOf(env.state, 'Small'), 0));
  return roles;
}

/** The newest active guest OS of the configured family (the service picked it when the .cscfg asked for none). */
function guestOsVersion(env: ComputeEnv, family: string | undefined): string {
  const families = env.state.operatingSystemFamilies;
  const chosen = families.find((f) => f.Name === family) ?? families.at(-1);
  return chosen?.OperatingSystems?.find((os) => os.IsDefault)?.Version ?? '*';
}

function createPackageDeployment(ctx: HandlerContext<'CreateDeployment'>) {
  const service = findService(ctx);
  const slot = stringParam(ctx, 'DeploymentSlot') as DeploymentSlot;
  const body = ctx.body;
  const env = envOf(ctx);
  const resource = deploymentResource(service.ServiceName, body.Name);
  assertNotBusy(ctx, resource, 'deployment');
  checkPackageDeployment(env, service, slot, body);
  return accepted({
    resource,
    complete: () => {
      const current = findService(ctx, service.ServiceName);
      const roles = checkPackageDeployment(env, current, slot, body);
      const deployment = newDeployment(env, current, {
        Name: body.Name, DeploymentSlot: slot, Label: body.Label, Configuration: body.Configuration, kind: 'package',
        PackageUrl: body.PackageUrl, ExtendedProperties: body.ExtendedProperties,
      });
      deployment.Status = body.StartDeployment === true ? 'Running' : 'Suspended';
      if (body.ExtensionConfiguration !== undefined) deployment.ExtensionConfiguration = body.ExtensionConfiguration;
      for (const role of roles) {
        const record: RoleRecord = webRole(role, guestOsVersion(env, role.osFamily));
        deployment.roles.set(keyOf(role.name), record);
        addWebInstances(env, deployment, role, 0, deployment.Status === 'Running');
      }
      current.deployments.set(keyOf(deployment.Name), deployment);
    },
  });
}

function deleteDeployment(ctx: HandlerContext) {
  const service = findService(ctx);
  const deployment = findDeployment(ctx, service);
  const resource = deploymentResource(service.ServiceName, deployment.Name);
  assertNotBusy(ctx, resource, 'deployment');
  const deleteMedia = flagParam(ctx, 'DeleteMedia');
  const env = envOf(ctx);
  return accepted({
    resource,
    complete: () => {
      const current = findService(ctx, service.ServiceName);
      if (current.deployments.get(keyOf(deployment.Name)) !== deployment) throw errors.notFound(`The deployment name '${deployment.Name}' does not exist.`);
      removeDeployment(env, current, deployment, deleteMedia);
    },
  });
}

export const deploymentHandlers: HandlerTable = {
  GetDeployment: getDeployment,
  GetDeploymentBySlot: getDeployment,
  CreateVirtualMachineDeployment: createVmDeployment,
  CreateDeployment: createPackageDeployment,
  DeleteDeployment: deleteDeployment,
  DeleteDeploymentBySlot: deleteDeployment,
};
