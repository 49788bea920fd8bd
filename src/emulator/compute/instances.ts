/**
 * Role instances: one per VM role, or `count` per web/worker role of a package deployment (<role>_IN_<n>). Each
 * gets an internal IP address of the deployment (10.0.0.4 up, as in a virtual network) and upgrade and fault
 * domains in turn.
 */
import { randomBytes } from 'node:crypto';
import { moveInstance } from '../instance-progress.js';
import type { DeploymentRecord, InstancePhase, RoleInstanceRecord } from '../records.js';
import type { ComputeEnv } from './env.js';

/** The lowest internal address of the deployment that no instance uses. */
function freeAddress(deployment: DeploymentRecord): string {
  const used = new Set(deployment.instances.map((i) => i.IpAddress));
  for (let host = 4; ; host++) {
    const address = `10.0.${Math.floor(host / 250)}.${host % 250}`;
    if (!used.has(address)) return address;
  }
}

export interface NewInstance {
  roleName: string;
  instanceName: string;
  size: string;
  hostName: string;
  phases: InstancePhase[];
  final: InstancePhase;
  /** Its address in the deployment's virtual network (network/addressing.ts); otherwise the deployment's next. */
  ipAddress?: string;
}

/** Adds an instance to the deployment; it shows `phases` before it settles at `final`. */
export function addInstance(env: ComputeEnv, deployment: DeploymentRecord, spec: NewInstance): RoleInstanceRecord {
  const index = deployment.instances.length;
  const instance: RoleInstanceRecord = {
    RoleName: spec.roleName, InstanceName: spec.instanceName, current: spec.final,
    InstanceUpgradeDomain: index % deployment.UpgradeDomainCount, InstanceFaultDomain: index % 2, InstanceSize: spec.size,
    IpAddress: spec.ipAddress ?? freeAddress(deployment), HostName: spec.hostName, remoteAccessThumbprint: randomBytes(16).toString('hex'),
  };
  moveInstance(instance, spec.phases, spec.final, env.timing);
  deployment.instances.push(instance);
  return instance;
}

export function removeInstances(deployment: DeploymentRecord, roleName: string): void {
  deployment.instances = deployment.instances.filter((i) => i.RoleName.toLowerCase() !== roleName.toLowerCase());
}
