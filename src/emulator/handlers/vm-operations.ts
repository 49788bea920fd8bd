/**
 * What every operation on a VM deployment's roles and instances shares: finding the deployment (it must be a
 * VM deployment and free of other operations) and applying the change when the operation completes, to the
 * same deployment if it still exists.
 */
import { errors } from '../api-error.js';
import { touch } from '../compute/deployments.js';
import type { DeploymentRecord, HostedServiceRecord } from '../records.js';
import { keyOf } from '../state.js';
import { deploymentResource, findDeployment, findService } from './lookup.js';
import { accepted, assertNotBusy, type HandlerContext, type HandlerResult } from './types.js';

/** The VM deployment a role operation names, free of other operations. */
export function vmDeployment(ctx: HandlerContext): { service: HostedServiceRecord; deployment: DeploymentRecord; resource: string } {
  const service = findService(ctx);
  const deployment = findDeployment(ctx, service);
  if (deployment.kind !== 'vm') throw errors.badRequest(`Deployment ${deployment.Name} is not a virtual machine deployment.`);
  const resource = deploymentResource(service.ServiceName, deployment.Name);
  assertNotBusy(ctx, resource, 'deployment');
  return { service, deployment, resource };
}

/** Runs `change` when the operation completes, on the deployment if it is still the same one. */
export function completeOn(ctx: HandlerContext, service: HostedServiceRecord, deployment: DeploymentRecord, resource: string, change: (d: DeploymentRecord, s: HostedServiceRecord) => void): HandlerResult {
  return accepted({
    resource,
    complete: () => {
      const current = findService(ctx, service.ServiceName);
      if (current.deployments.get(keyOf(deployment.Name)) !== deployment) throw errors.notFound(`The deployment name '${deployment.Name}' does not exist.`);
      change(deployment, current);
      touch(deployment);
    },
  });
}
