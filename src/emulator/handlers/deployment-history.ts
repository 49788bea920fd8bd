/**
 * What a deployment did and had: rolling back a Manual upgrade in progress (RollbackUpdateOrUpgrade), copying its
 * package and configuration to a blob container (GetPackage), and the reboots of its instances
 * (ListDeploymentEvents, recorded by deployment-events.ts).
 *
 * Rollback follows the documentation: only while an upgrade is in progress (RollbackAllowed; in the emulator
 * package upgrades and configuration changes in Auto mode complete at once, so that is a Manual upgrade being
 * walked); Mode Auto rolls every domain back at once, Mode Manual leaves the rollback to be walked with
 * WalkUpgradeDomain; without Force, a rollback that would delete role instances (and their local data) is
 * refused. The by-name variant answers 200 (the only status azure-asm-compute accepts for it), the by-slot one
 * 202 (likewise).
 */
import type { RollbackUpdateOrUpgrade } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import { applyInstanceCounts, touch } from '../compute/deployments.js';
import { envOf, type ComputeEnv } from '../compute/env.js';
import { parseServiceConfiguration } from '../compute/service-configuration.js';
import type { DeploymentRecord, PackageCopyRecord } from '../records.js';
import { keyOf, nowIso } from '../state.js';
import { changeDeployment, restart } from './deployment-changes.js';
import { PAGE_SIZE } from './subscription-operations.js';
import { deploymentResource, findDeployment, findService } from './lookup.js';
import { accepted, assertNotBusy, done, type HandlerContext, type HandlerTable } from './types.js';

function checkRollback(deployment: DeploymentRecord, body: RollbackUpdateOrUpgrade): NonNullable<DeploymentRecord['rollbackTo']> {
  const target = deployment.rollbackTo;
  if (!deployment.RollbackAllowed || deployment.upgrade === undefined || target === undefined) {
    throw errors.badRequest(`No upgrade of deployment ${deployment.Name} is in progress: there is nothing to roll back.`);
  }
  if (!body.Force) {
    const lost = parseServiceConfiguration(target.Configuration).reduce((sum, role) => {
      const current = deployment.instances.filter((i) => keyOf(i.RoleName) === keyOf(role.name)).length;
      return sum + Math.max(0, current - role.instances);
    }, 0);
    if (lost > 0) {
      throw errors.badRequest(`Rolling back deployment ${deployment.Name} would delete ${lost} role instance(s) and their local data; set Force to true to roll back anyway.`);
    }
  }
  return target;
}

function rollBack(env: ComputeEnv, deployment: DeploymentRecord, body: RollbackUpdateOrUpgrade): void {
  const target = checkRollback(deployment, body);
  const walked = deployment.upgrade!.CurrentUpgradeDomain;
  Object.assign(deployment, { PackageUrl: target.PackageUrl, Configuration: target.Configuration, Label: target.Label });
  if (target.ExtensionConfiguration === undefined) delete deployment.ExtensionConfiguration;
  else deployment.ExtensionConfiguration = target.ExtensionConfiguration;
  applyInstanceCounts(env, deployment, parseServiceConfiguration(target.Configuration));
  delete deployment.rollbackTo;
  deployment.RollbackAllowed = false;
  if (body.Mode === 'Manual') {
    deployment.upgrade = { UpgradeType: 'Manual', CurrentUpgradeDomainState: 'Before', CurrentUpgradeDomain: 0 };
    return;
  }
  delete deployment.upgrade;
  // The domains already upgraded go back to the previous package; the others never left it.
  if (deployment.Status === 'Running') restart(deployment.instances.filter((i) => i.InstanceUpgradeDomain < walked), env.timing);
}

function rollbackByName(ctx: HandlerContext<'RollbackUpdateOrUpgrade'>) {
  const service = findService(ctx);
  const deployment = findDeployment(ctx, service);
  assertNotBusy(ctx, deploymentResource(service.ServiceName, deployment.Name), 'deployment');
  rollBack(envOf(ctx), deployment, ctx.body);
  touch(deployment);
  return done(200);
}

function rollbackBySlot(ctx: HandlerContext<'RollbackUpdateOrUpgradeBySlot'>) {
  const body = ctx.body;
  const env = envOf(ctx);
  return changeDeployment(ctx, (d) => void checkRollback(d, body), (deployment) => rollBack(env, deployment, body));
}

const CONTAINER_URI = /^https?:\/\/([a-z0-9]{3,24})\.blob\.core\.windows\.net\/([^/?#]+)\/?$/i;
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/** The container a GetPackage copies into: a container URL of a storage account of the subscription. */
function checkContainer(ctx: HandlerContext, uri: string): string {
  const match = CONTAINER_URI.exec(uri.trim());
  if (match === null) throw errors.badRequest(`The containerUri ${uri} is not a blob container URL (https://<account>.blob.core.windows.net/<container>).`);
  const [, account, container] = match as unknown as [string, string, string];
  if (!CONTAINER_NAME.test(container)) {
    throw errors.badRequest(`The container name ${container} is not valid: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.`);
  }
  if (!ctx.subscription.storageAccounts.has(keyOf(account))) throw errors.badRequest(`The storage account ${account} of containerUri ${uri} was not found in the subscription.`);
  return `https://${account.toLowerCase()}.blob.core.windows.net/${container}`;
}

function copyRecords(ctx: HandlerContext<'GetPackage' | 'GetPackageBySlot'>, serviceName: string, deployment: DeploymentRecord): PackageCopyRecord[] {
  if (deployment.kind !== 'package') throw errors.badRequest(`The deployment ${deployment.Name} is a virtual machine deployment: it has no package.`);
  const container = checkContainer(ctx, ctx.params.ContainerUri);
  const blobs = [`${deployment.Name}.cspkg`, `${deployment.Name}.cscfg`];
  const copy = { ContainerUri: container, ServiceName: serviceName, DeploymentName: deployment.Name, ...(deployment.PackageUrl === undefined ? {} : { PackageUrl: deployment.PackageUrl }), blobs, requested: nowIso() };
  for (const blob of blobs) {
    if (ctx.params.OverwriteExisting !== true && ctx.subscription.packageCopies.has(keyOf(`${container}/${blob}`))) {
      throw errors.conflict(`The blob ${container}/${blob} already exists; set overwriteExisting to true to replace it.`);
    }
  }
  const fresh = blobs.filter((blob) => !ctx.subscription.packageCopies.has(keyOf(`${container}/${blob}`))).length;
  checkBound(ctx.state, 'packageCopies', 'copied package blobs per subscription', ctx.subscription.packageCopies.size, fresh);
  return [copy];
}

function getPackage(ctx: HandlerContext<'GetPackage' | 'GetPackageBySlot'>) {
  const service = findService(ctx);
  const deployment = findDeployment(ctx, service);
  const resource = deploymentResource(service.ServiceName, deployment.Name);
  assertNotBusy(ctx, resource, 'deployment');
  copyRecords(ctx, service.ServiceName, deployment);
  return accepted({
    resource,
    complete: () => {
      const current = findService(ctx, service.ServiceName);
      const now = current.deployments.get(keyOf(deployment.Name));
      if (now === undefined) throw errors.notFound(`The deployment name '${deployment.Name}' does not exist.`);
      for (const copy of copyRecords(ctx, current.ServiceName, now)) {
        for (const blob of copy.blobs) ctx.subscription.packageCopies.set(keyOf(`${copy.ContainerUri}/${blob}`), copy);
      }
    },
  });
}

function listEvents(ctx: HandlerContext<'ListDeploymentEvents' | 'ListDeploymentEventsBySlot'>) {
  const { StartTime, EndTime, ContinuationToken } = ctx.params;
  if (StartTime.getTime() > EndTime.getTime()) throw errors.badRequest('The StartTime parameter must not be later than the EndTime parameter.');
  const deployment = findDeployment(ctx);
  const events = (deployment.rebootEvents ?? []).filter((e) => {
    const at = Date.parse(e.RebootStartTime);
    return at >= StartTime.getTime() && at <= EndTime.getTime();
  });
  // The token is the position of the next page's first event among the matching ones.
  const from = ContinuationToken === undefined ? 0 : Number(ContinuationToken);
  if (!Number.isInteger(from) || from < 0 || from > events.length) throw errors.badRequest('The continuation token is not valid for this request.');
  const page = events.slice(from, from + PAGE_SIZE).map((e) => ({ ...e, RebootStartTime: new Date(e.RebootStartTime) }));
  return done(200, { RebootEvents: page, ...(from + PAGE_SIZE < events.length ? { ContinuationToken: String(from + PAGE_SIZE) } : {}) });
}

export const deploymentHistoryHandlers: HandlerTable = {
  RollbackUpdateOrUpgrade: rollbackByName,
  RollbackUpdateOrUpgradeBySlot: rollbackBySlot,
  GetPackage: getPackage,
  GetPackageBySlot: getPackage,
  ListDeploymentEvents: listEvents,
  ListDeploymentEventsBySlot: listEvents,
};
