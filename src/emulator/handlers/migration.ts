/**
 * Migration to Resource Manager of the classic resources the emulator holds: VM deployments, storage accounts
 * and reserved IPs (see migration.ts for the state machine). Validate answers at once; prepare, commit and abort are
 * asynchronous and hold the resource while they run. A storage account cannot move while a classic VM uses a
 * disk in it, nor a reserved IP while a deployment uses it: those move with their deployment. A deployment moves
 * alone only when it is a VM deployment outside a virtual network (one in a virtual network moves with it; web
 * and worker roles do not move); committed, its VMs and their disks leave the classic lists.
 */
import type { DeploymentNetworkResource } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { removeDeployment } from '../compute/deployments.js';
import { envOf } from '../compute/env.js';
import type { MigrationSubject } from '../migration.js';
import { parseBlobUrl } from '../placement.js';
import { keyOf, type SubscriptionState } from '../state.js';
import { deploymentResource, findDeployment, findService, findStorageAccount } from './lookup.js';
import { migrationStepHandlers } from './migration-steps.js';
import { stringParam, type HandlerContext, type HandlerTable } from './types.js';

function storageSubject(ctx: HandlerContext): MigrationSubject & { resource: string } {
  const account = findStorageAccount(ctx);
  const subscription = ctx.subscription;
  return {
    kind: 'storage account', resourceType: 'StorageAccount', name: account.ServiceName, record: account,
    resource: `storageservices/${keyOf(account.ServiceName)}`,
    blockers: () => attachedDisksIn(subscription, account.ServiceName).map((d) =>
      `disk ${d.disk} is attached to virtual machine ${d.role} of deployment ${d.deployment}; migrate the deployment first.`),
    remove: () => subscription.storageAccounts.delete(keyOf(account.ServiceName)),
  };
}

function attachedDisksIn(subscription: SubscriptionState, account: string): Array<{ disk: string; role: string; deployment: string }> {
  return [...subscription.disks.values()]
    .filter((d) => d.attachedTo !== undefined && parseBlobUrl(d.MediaLink)?.account === keyOf(account))
    .map((d) => ({ disk: d.Name, role: d.attachedTo!.RoleName, deployment: d.attachedTo!.DeploymentName }));
}

function reservedIpSubject(ctx: HandlerContext): MigrationSubject & { resource: string } {
  const name = stringParam(ctx, 'ReservedIPName');
  const record = ctx.subscription.reservedIps.get(keyOf(name));
  if (record === undefined) throw errors.notFound(`The reserved IP ${name} does not exist.`);
  const subscription = ctx.subscription;
  return {
    kind: 'reserved IP', resourceType: 'ReservedIP', name: record.Name, record, resource: `reservedips/${keyOf(record.Name)}`,
    blockers: () => {
      const users = [...subscription.hostedServices.values()].flatMap((s) => [...s.deployments.values()]
        .filter((d) => d.ReservedIPName !== undefined && keyOf(d.ReservedIPName) === keyOf(record.Name))
        .map((d) => `it is in use by deployment ${d.Name} of cloud service ${s.ServiceName}; it migrates with the deployment.`));
      return users;
    },
    remove: () => subscription.reservedIps.delete(keyOf(record.Name)),
  };
}

/** Where the deployment goes: an existing virtual network needs its name and subnet. */
function checkDestination(body: DeploymentNetworkResource | undefined): void {
  if (body?.DestinationVirtualNetwork?.toLowerCase() === 'existing' && (body.VirtualNetworkName === undefined || body.SubNetName === undefined)) {
    throw errors.badRequest('DestinationVirtualNetwork Existing needs the VirtualNetworkName and SubNetName of the destination.');
  }
}

function deploymentSubject(ctx: HandlerContext): MigrationSubject & { resource: string } {
  const service = findService(ctx);
  const deployment = findDeployment(ctx, service);
  checkDestination(ctx.body as DeploymentNetworkResource | undefined);
  const env = envOf(ctx);
  return {
    kind: 'deployment', resourceType: 'Deployment', name: deployment.Name, record: deployment,
    resource: deploymentResource(service.ServiceName, deployment.Name),
    blockers: () => [
      ...(deployment.kind === 'vm' ? [] : ['only virtual machine deployments migrate; web and worker roles do not.']),
      ...(deployment.VirtualNetworkName === undefined ? [] : [`it is in virtual network ${deployment.VirtualNetworkName}; it migrates with the virtual network.`]),
    ],
    // The VMs move with their disks: the Disk entries leave the classic list too.
    remove: () => removeDeployment(env, service, deployment, true),
  };
}

export const migrationHandlers: HandlerTable = {
  ...migrationStepHandlers('Deployment', deploymentSubject),
  ...migrationStepHandlers('StorageAccount', storageSubject),
  ...migrationStepHandlers('ReservedIP', reservedIpSubject),
};
