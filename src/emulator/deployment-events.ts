/**
 * Reboot events of a deployment's role instances (ListDeploymentEvents), caused by the emulator's own actions:
 * when a reboot, reimage, rebuild, restart, redeploy or maintenance of an instance succeeds, its deployment
 * records the event, found from the logged operation's parameters (by deployment name or by slot, resolved at
 * completion). The reasons are the operations' own names: no recording shows the service's wording.
 */
import type { DeploymentRecord, SubscriptionOperationRecord } from './records.js';
import { keyOf, type SubscriptionState } from './state.js';

export const REBOOT_REASONS: Readonly<Record<string, string>> = {
  RebootRoleInstance: 'Reboot', RebootRoleInstanceBySlot: 'Reboot',
  ReimageRoleInstance: 'Reimage', ReimageRoleInstanceBySlot: 'Reimage',
  RebuildRoleInstance: 'Rebuild', RebuildRoleInstanceBySlot: 'Rebuild',
  RestartRole: 'Restart', RedeployRole: 'Redeploy', InitiateMaintenance: 'PlannedMaintenance',
};

function deploymentOf(subscription: SubscriptionState, params: ReadonlyMap<string, string>): DeploymentRecord | undefined {
  const service = subscription.hostedServices.get(keyOf(params.get('ServiceName') ?? ''));
  if (service === undefined) return undefined;
  const slot = params.get('DeploymentSlot');
  if (slot !== undefined) return [...service.deployments.values()].find((d) => keyOf(d.DeploymentSlot) === keyOf(slot));
  return service.deployments.get(keyOf(params.get('DeploymentName') ?? ''));
}

/** Records the reboot a succeeded operation caused, if it is one. */
export function recordRebootEvent(subscription: SubscriptionState, entry: SubscriptionOperationRecord): void {
  const reason = REBOOT_REASONS[entry.OperationName];
  if (reason === undefined || entry.OperationStatus.Status !== 'Succeeded') return;
  const params = new Map(entry.OperationParameters.map((p) => [p.Name, p.Value]));
  const deployment = deploymentOf(subscription, params);
  const instance = deployment?.instances.find((i) => keyOf(i.InstanceName) === keyOf(params.get('RoleInstanceName') ?? ''));
  if (deployment === undefined || instance === undefined) return;
  deployment.rebootEvents ??= [];
  deployment.rebootEvents.push({ RoleName: instance.RoleName, InstanceName: instance.InstanceName, RebootReason: reason, RebootStartTime: entry.OperationStartedTime });
}
