/**
 * Finding the resource a request names, with the service's 404 wording, and the resource paths that
 * asynchronous operations hold (async-operations.ts): a deployment lies under its cloud service, so an operation
 * on one blocks changes to the other.
 */
import { errors } from '../api-error.js';
import type { DeploymentRecord, HostedServiceRecord, RoleInstanceRecord, RoleRecord, StorageAccountRecord } from '../records.js';
import { keyOf } from '../state.js';
import { assertNotBusy, stringParam, type HandlerContext } from './types.js';

export function serviceResource(serviceName: string): string {
  return `hostedservices/${keyOf(serviceName)}`;
}

export function deploymentResource(serviceName: string, deploymentName: string): string {
  return `${serviceResource(serviceName)}/deployments/${keyOf(deploymentName)}`;
}

export function findService(ctx: HandlerContext, name = stringParam(ctx, 'ServiceName')): HostedServiceRecord {
  const service = ctx.subscription.hostedServices.get(keyOf(name));
  if (service === undefined) throw errors.notFound('The hosted service does not exist.');
  return service;
}

export function deploymentInSlot(service: HostedServiceRecord, slot: string): DeploymentRecord | undefined {
  return [...service.deployments.values()].find((d) => d.DeploymentSlot.toLowerCase() === slot.toLowerCase());
}

/** The deployment named by the DeploymentName path parameter, or the one in the DeploymentSlot parameter's slot. */
export function findDeployment(ctx: HandlerContext, service = findService(ctx)): DeploymentRecord {
  const slot = ctx.params['DeploymentSlot'];
  if (typeof slot === 'string') {
    const inSlot = deploymentInSlot(service, slot);
    if (inSlot === undefined) throw errors.notFound('No deployments were found.');
    return inSlot;
  }
  const name = stringParam(ctx, 'DeploymentName');
  const deployment = service.deployments.get(keyOf(name));
  if (deployment === undefined) throw errors.notFound(`The deployment name '${name}' does not exist.`);
  return deployment;
}

export function findRole(deployment: DeploymentRecord, name: string): RoleRecord {
  const role = deployment.roles.get(keyOf(name));
  if (role === undefined) throw errors.notFound(`The role ${name} does not exist in deployment ${deployment.Name}.`);
  return role;
}

export function findInstance(deployment: DeploymentRecord, name: string): RoleInstanceRecord {
  const instance = deployment.instances.find((i) => keyOf(i.InstanceName) === keyOf(name));
  if (instance === undefined) throw errors.notFound(`The role instance ${name} does not exist in deployment ${deployment.Name}.`);
  return instance;
}

export function findStorageAccount(ctx: HandlerContext, name = stringParam(ctx, 'ServiceName')): StorageAccountRecord {
  const account = ctx.subscription.storageAccounts.get(keyOf(name));
  if (account === undefined) throw errors.notFound(`The storage account '${name}' was not found.`);
  return account;
}

/**
 * The deployment a change names (by name or slot), with its service and the resource an operation holds; refused
 * with 409 while an asynchronous operation holds it.
 */
export function deploymentToChange(ctx: HandlerContext): { service: HostedServiceRecord; deployment: DeploymentRecord; resource: string } {
  const service = findService(ctx);
  const deployment = findDeployment(ctx, service);
  const resource = deploymentResource(service.ServiceName, deployment.Name);
  assertNotBusy(ctx, resource, 'deployment');
  return { service, deployment, resource };
}
