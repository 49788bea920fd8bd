/**
 * Changes to a running deployment, each asynchronous and holding the deployment until it completes: run or
 * suspend it (UpdateDeploymentStatus), new configuration (instance counts), upgrade to a new package (at once,
 * or domain by domain with WalkUpgradeDomain in Manual mode), and swapping the staging and production slots
 * (the deployments trade slots and public IPs: production keeps its address).
 */
import type { ExtendedProperty, Swap, UpgradeDeployment } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { applyInstanceCounts, touch } from '../compute/deployments.js';
import { envOf } from '../compute/env.js';
import { parseServiceConfiguration, type ConfiguredRole } from '../compute/service-configuration.js';
import { moveInstance, READY, STARTING_VM, STOPPED_VM } from '../instance-progress.js';
import { accountOfMediaLink } from '../placement.js';
import type { DeploymentRecord, HostedServiceRecord, RoleInstanceRecord } from '../records.js';
import { keyOf } from '../state.js';
import { assertExtensionsExist } from './hosted-service-extensions.js';
import { deploymentInSlot, deploymentResource, findDeployment, findService, serviceResource } from './lookup.js';
import { accepted, assertNotBusy, type HandlerContext, type HandlerResult, type HandlerTable } from './types.js';
import type { AsyncTiming } from '../async-operations.js';

/** Runs `change` on the deployment when the operation completes, if the deployment is still there. */
export function changeDeployment(ctx: HandlerContext, check: (d: DeploymentRecord) => void, change: (d: DeploymentRecord, s: HostedServiceRecord) => void): HandlerResult {
  const service = findService(ctx);
  const deployment = findDeployment(ctx, service);
  const resource = deploymentResource(service.ServiceName, deployment.Name);
  assertNotBusy(ctx, resource, 'deployment');
  check(deployment);
  return accepted({
    resource,
    complete: () => {
      const current = findService(ctx, service.ServiceName);
      if (current.deployments.get(keyOf(deployment.Name)) !== deployment) throw errors.notFound(`The deployment name '${deployment.Name}' does not exist.`);
      check(deployment);
      change(deployment, current);
      touch(deployment);
    },
  });
}

export function restart(instances: readonly RoleInstanceRecord[], timing: AsyncTiming): void {
  for (const instance of instances) moveInstance(instance, [STARTING_VM], READY, timing);
}

function updateStatus(ctx: HandlerContext<'UpdateDeploymentStatus' | 'UpdateDeploymentStatusBySlot'>) {
  const { Status } = ctx.body;
  const timing = ctx.operations.currentTiming;
  return changeDeployment(ctx, () => undefined, (deployment) => {
    if (deployment.Status === Status) return;
    deployment.Status = Status;
    if (Status === 'Suspended') for (const instance of deployment.instances) moveInstance(instance, [], STOPPED_VM, timing);
    else restart(deployment.instances, timing);
  });
}

function mergeProperties(current: ExtendedProperty[], changes: ExtendedProperty[] | undefined): ExtendedProperty[] {
  const merged = new Map(current.map((p) => [keyOf(p.Name), p]));
  for (const change of changes ?? []) merged.set(keyOf(change.Name), change);
  return [...merged.values()];
}

/** A new configuration must keep the deployment's roles; VM roles keep one instance each. */
function checkConfiguration(deployment: DeploymentRecord, xml: string): ConfiguredRole[] {
  const roles = parseServiceConfiguration(xml);
  const known = new Set(deployment.roles.keys());
  for (const role of roles) {
    if (!known.has(keyOf(role.name))) throw errors.badRequest(`The configuration names role ${role.name}, which the deployment ${deployment.Name} does not have.`);
    if (deployment.kind === 'vm' && role.instances !== 1) throw errors.badRequest(`Virtual machine role ${role.name} runs exactly one instance.`);
  }
  return roles;
}

function changeConfiguration(ctx: HandlerContext<'ChangeDeploymentConfiguration' | 'ChangeDeploymentConfigurationBySlot'>) {
  const body = ctx.body;
  const env = envOf(ctx);
  const check = (d: DeploymentRecord) => {
    assertExtensionsExist(findService(ctx), body.ExtensionConfiguration);
    return checkConfiguration(d, body.Configuration);
  };
  return changeDeployment(ctx, (d) => void check(d), (deployment) => {
    const roles = check(deployment);
    deployment.Configuration = body.Configuration;
    if (body.ExtensionConfiguration !== undefined) deployment.ExtensionConfiguration = body.ExtensionConfiguration;
    deployment.ExtendedProperties = mergeProperties(deployment.ExtendedProperties, body.ExtendedProperties);
    if (deployment.kind === 'package') applyInstanceCounts(env, deployment, roles);
  });
}

function checkUpgrade(ctx: HandlerContext, deployment: DeploymentRecord, body: UpgradeDeployment): ConfiguredRole[] {
  if (deployment.kind === 'vm') throw errors.badRequest('A virtual machine deployment cannot be upgraded with a package.');
  if (deployment.upgrade !== undefined) throw errors.conflict(`An upgrade of deployment ${deployment.Name} is already in progress.`);
  accountOfMediaLink(ctx.subscription, body.PackageUrl);
  assertExtensionsExist(findService(ctx), body.ExtensionConfiguration);
  const roles = checkConfiguration(deployment, body.Configuration);
  if (body.RoleToUpgrade !== undefined && !deployment.roles.has(keyOf(body.RoleToUpgrade))) {
    throw errors.badRequest(`The role ${body.RoleToUpgrade} does not exist in deployment ${deployment.Name}.`);
  }
  return roles;
}

function upgradeDeployment(ctx: HandlerContext<'UpgradeDeployment' | 'UpgradeDeploymentBySlot'>) {
  const body = ctx.body;
  const env = envOf(ctx);
  return changeDeployment(ctx, (d) => void checkUpgrade(ctx, d, body), (deployment) => {
    const roles = checkUpgrade(ctx, deployment, body);
    const before = { PackageUrl: deployment.PackageUrl, Configuration: deployment.Configuration, Label: deployment.Label, ExtensionConfiguration: deployment.ExtensionConfiguration };
    Object.assign(deployment, { PackageUrl: body.PackageUrl, Configuration: body.Configuration, Label: body.Label });
    if (body.ExtensionConfiguration !== undefined) deployment.ExtensionConfiguration = body.ExtensionConfiguration;
    deployment.ExtendedProperties = mergeProperties(deployment.ExtendedProperties, body.ExtendedProperties);
    applyInstanceCounts(env, deployment, roles);
    if (body.Mode === 'Manual') {
      deployment.upgrade = { UpgradeType: 'Manual', CurrentUpgradeDomainState: 'Before', CurrentUpgradeDomain: 0 };
      deployment.RollbackAllowed = true;
      // What RollbackUpdateOrUpgrade returns to while the upgrade is walked.
      deployment.rollbackTo = before;
      return;
    }
    const upgraded = deployment.instances.filter((i) => body.RoleToUpgrade === undefined || keyOf(i.RoleName) === keyOf(body.RoleToUpgrade));
    if (deployment.Status === 'Running') restart(upgraded, env.timing);
  });
}

function checkWalk(deployment: DeploymentRecord, domain: number): void {
  if (deployment.upgrade === undefined) throw errors.badRequest(`No manual upgrade of deployment ${deployment.Name} is in progress.`);
  if (domain !== deployment.upgrade.CurrentUpgradeDomain) {
    throw errors.badRequest(`Upgrade domain ${domain} cannot be walked now: the next upgrade domain is ${deployment.upgrade.CurrentUpgradeDomain}.`);
  }
}

function walkUpgradeDomain(ctx: HandlerContext<'WalkUpgradeDomain' | 'WalkUpgradeDomainBySlot'>) {
  const { UpgradeDomain } = ctx.body;
  const timing = ctx.operations.currentTiming;
  return changeDeployment(ctx, (d) => checkWalk(d, UpgradeDomain), (deployment) => {
    if (deployment.Status === 'Running') restart(deployment.instances.filter((i) => i.InstanceUpgradeDomain === UpgradeDomain), timing);
    const next = UpgradeDomain + 1;
    if (next >= deployment.UpgradeDomainCount) {
      delete deployment.upgrade;
      delete deployment.rollbackTo;
      deployment.RollbackAllowed = false;
    } else {
      deployment.upgrade = { UpgradeType: 'Manual', CurrentUpgradeDomainState: 'Before', CurrentUpgradeDomain: next };
    }
  });
}

/** The two deployments a swap names, checked against the slots they must be in. */
function swapPair(service: HostedServiceRecord, body: Swap): { staging: DeploymentRecord; production?: DeploymentRecord } {
  const staging = service.deployments.get(keyOf(body.SourceDeployment));
  if (staging === undefined) throw errors.notFound(`The deployment name '${body.SourceDeployment}' does not exist.`);
  if (staging.DeploymentSlot !== 'Staging') throw errors.badRequest(`The source deployment ${staging.Name} must be in the staging slot.`);
  const production = deploymentInSlot(service, 'Production');
  if (production !== undefined && (body.Production === undefined || keyOf(body.Production) !== keyOf(production.Name))) {
    throw errors.badRequest(`The production slot holds deployment ${production.Name}, not ${body.Production ?? 'nothing'}.`);
  }
  if (production === undefined && body.Production !== undefined) throw errors.badRequest(`The deployment ${body.Production} is not in the production slot.`);
  return production === undefined ? { staging } : { staging, production };
}

function swapDeployment(ctx: HandlerContext<'SwapDeployment'>) {
  const service = findService(ctx);
  const body = ctx.body;
  const resource = serviceResource(service.ServiceName);
  assertNotBusy(ctx, resource, 'hosted service');
  swapPair(service, body);
  return accepted({
    resource,
    complete: () => {
      const { staging, production } = swapPair(findService(ctx, service.ServiceName), body);
      staging.DeploymentSlot = 'Production';
      touch(staging);
      if (production === undefined) return;
      production.DeploymentSlot = 'Staging';
      [staging.vip, production.vip] = [production.vip, staging.vip];
      touch(production);
    },
  });
}

export const deploymentChangeHandlers: HandlerTable = {
  UpdateDeploymentStatus: updateStatus,
  UpdateDeploymentStatusBySlot: updateStatus,
  ChangeDeploymentConfiguration: changeConfiguration,
  ChangeDeploymentConfigurationBySlot: changeConfiguration,
  UpgradeDeployment: upgradeDeployment,
  UpgradeDeploymentBySlot: upgradeDeployment,
  WalkUpgradeDomain: walkUpgradeDomain,
  WalkUpgradeDomainBySlot: walkUpgradeDomain,
  SwapDeployment: swapDeployment,
};
