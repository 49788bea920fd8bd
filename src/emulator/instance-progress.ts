/**
 * How role instances move through the service's status values. An operation that changes an instance (create,
 * start, restart, re-provision) sets the phases it passes through before it settles, e.g. Provisioning before
 * ReadyRole. The phases advance at the pace of asynchronous operations: each is shown for `polls` reads of the
 * instance (GetDeployment, GetRole...) or for `delayMs` milliseconds, so that a client polling a deployment
 * sees the real sequence, and a test with polls 0 sees the settled state at once.
 */
import type { AsyncTiming } from './async-operations.js';
import type { InstancePhase, RoleInstanceRecord } from './records.js';

export const READY: InstancePhase = { InstanceStatus: 'ReadyRole', PowerState: 'Started' };
export const PROVISIONING: InstancePhase = { InstanceStatus: 'Provisioning', PowerState: 'Started', InstanceStateDetails: 'Starting' };
export const STARTING_VM: InstancePhase = { InstanceStatus: 'StartingVM', PowerState: 'Starting' };
export const UNKNOWN: InstancePhase = { InstanceStatus: 'RoleStateUnknown', PowerState: 'Started' };
export const STOPPED_VM: InstancePhase = { InstanceStatus: 'StoppedVM', PowerState: 'Stopped' };
export const STOPPED_DEALLOCATED: InstancePhase = { InstanceStatus: 'StoppedDeallocated', PowerState: 'Stopped' };

/** Makes the instance pass through `phases` (possibly none) before it settles at `final`. */
export function moveInstance(instance: RoleInstanceRecord, phases: InstancePhase[], final: InstancePhase, timing: AsyncTiming): void {
  const shown = timing.delayMs === undefined && timing.polls <= 0 ? [] : phases;
  if (shown.length === 0) {
    instance.current = final;
    delete instance.progress;
    return;
  }
  instance.current = shown[0]!;
  instance.progress = { phases: shown, final, reads: 0, started: Date.now(), pace: timing };
}

/** The phase an instance shows to this read; reading it moves a poll-counted progress on. */
export function observeInstance(instance: RoleInstanceRecord, now = Date.now()): InstancePhase {
  const progress = instance.progress;
  if (progress === undefined) return instance.current;
  const pace = progress.pace;
  const index = pace.delayMs !== undefined
    ? Math.floor((now - progress.started) / Math.max(1, pace.delayMs))
    : Math.floor(progress.reads++ / Math.max(1, pace.polls));
  if (index >= progress.phases.length) {
    instance.current = progress.final;
    delete instance.progress;
  } else {
    instance.current = progress.phases[index]!;
  }
  return instance.current;
}

/** Where the instance is heading (its state once settled), without moving it on: quotas count this. */
export function settledPhase(instance: RoleInstanceRecord): InstancePhase {
  return instance.progress?.final ?? instance.current;
}
