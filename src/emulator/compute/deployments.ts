/**
 * Deployments as records: making a new one (with its public virtual IP, private id and generated URL), the web
 * and worker roles of a package deployment and their instances, and taking a deployment or role away (its
 * instances go, its disks are released or, with media, deleted, and its reserved IP is freed).
 */
import type { ExtendedProperty } from '../../../generated/models/index.js';
import { randomBytes } from 'node:crypto';
import type { DnsSettings } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { READY, STARTING_VM, STOPPED_VM } from '../instance-progress.js';
import type { DeploymentRecord, DeploymentSlot, HostedServiceRecord, RoleRecord } from '../records.js';
import { keyOf, nowIso } from '../state.js';
import { releaseDisk } from './disks.js';
import type { ComputeEnv } from './env.js';
import { addInstance, removeInstances } from './instances.js';
import type { ConfiguredRole } from './service-configuration.js';
import { vipReleased } from './views.js';

export interface NewDeployment {
  Name: string;
  DeploymentSlot: DeploymentSlot;
  Label: string;
  Configuration: string;
  kind: 'vm' | 'package';
  PackageUrl?: string;
  ExtendedProperties?: ExtendedProperty[];
  VirtualNetworkName?: string;
  ReservedIPName?: string;
  Dns?: DnsSettings;
}

/** Package deployments had five upgrade domains by default; a VM deployment's VMs started in one. */
const PACKAGE_UPGRADE_DOMAINS = 5;
const PACKAGE_SDK_VERSION = '2.6.6496.1';

export function newDeployment(env: ComputeEnv, service: HostedServiceRecord, fields: NewDeployment): DeploymentRecord {
  const now = nowIso();
  const reserved = fields.ReservedIPName === undefined ? undefined : env.subscription.reservedIps.get(keyOf(fields.ReservedIPName));
  return {
    ...fields, PrivateID: randomBytes(16).toString('hex'), Status: 'Running', roles: new Map(), instances: [],
    UpgradeDomainCount: fields.kind === 'vm' ? 1 : PACKAGE_UPGRADE_DOMAINS, Locked: false, RollbackAllowed: false,
    ...(fields.kind === 'package' ? { SdkVersion: PACKAGE_SDK_VERSION } : {}),
    CreatedTime: now, LastModifiedTime: now, ExtendedProperties: fields.ExtendedProperties ?? [],
    vip: { Name: `${service.ServiceName}ContractContract`, Address: reserved?.Address ?? env.state.publicAddresses.take() },
    maintenanceWindow: maintenanceWindow(),
  };
}

/** A year-long window of planned maintenance starting a week out, as the service announced for deployments. */
function maintenanceWindow(): { StartTime: Date; EndTime: Date; Status: string } {
  const start = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  return { StartTime: start, EndTime: new Date(start.getTime() + 365 * 24 * 3600 * 1000), Status: 'PersistentVMUpdateScheduled' };
}

/** The service's refusal of a second deployment in a slot or under a name. */
export function assertSlotAndNameFree(service: HostedServiceRecord, name: string, slot: DeploymentSlot): void {
  if ([...service.deployments.values()].some((d) => d.DeploymentSlot === slot)) throw errors.conflict(`The specified deployment slot ${slot} is occupied.`);
  if (service.deployments.has(keyOf(name))) throw errors.conflict(`The deployment name '${name}' is already in use in hosted service ${service.ServiceName}.`);
}

/** Web and worker role instances: <role>_IN_<n>, starting when the deployment runs, stopped when it is suspended. */
export function addWebInstances(env: ComputeEnv, deployment: DeploymentRecord, role: ConfiguredRole, from: number, running: boolean): void {
  for (let n = from; n < role.instances; n++) {
    addInstance(env, deployment, {
      roleName: role.name, instanceName: `${role.name}_IN_${n}`, size: 'Small', hostName: `RD${deployment.PrivateID.slice(0, 12)}${n}`,
      phases: running ? [STARTING_VM, { InstanceStatus: 'BusyRole', PowerState: 'Started' }] : [], final: running ? READY : STOPPED_VM,
    });
  }
}

export function webRole(role: ConfiguredRole, osVersion: string): RoleRecord {
  return { RoleName: role.name, kind: 'web', OsVersion: osVersion, ConfigurationSets: [], DataVirtualHardDisks: [] };
}

/** Makes the deployment's instance counts those of the configuration (new instances start, extra ones go). */
export function applyInstanceCounts(env: ComputeEnv, deployment: DeploymentRecord, roles: readonly ConfiguredRole[]): void {
  for (const role of roles) {
    const current = deployment.instances.filter((i) => keyOf(i.RoleName) === keyOf(role.name));
    if (current.length > role.instances) {
      const extra = new Set(current.slice(role.instances));
      deployment.instances = deployment.instances.filter((i) => !extra.has(i));
    } else {
      addWebInstances(env, deployment, role, current.length, deployment.Status === 'Running');
    }
  }
}

/** Takes a role away with its instance; its disks are released, or deleted with their blobs when deleteMedia. */
export function removeRole(env: ComputeEnv, deployment: DeploymentRecord, role: RoleRecord, deleteMedia: boolean): void {
  releaseDisk(env.subscription, role.OSVirtualHardDisk?.DiskName, deleteMedia);
  for (const data of role.DataVirtualHardDisks) releaseDisk(env.subscription, data.DiskName, deleteMedia);
  removeInstances(deployment, role.RoleName);
  deployment.roles.delete(keyOf(role.RoleName));
}

export function removeDeployment(env: ComputeEnv, service: HostedServiceRecord, deployment: DeploymentRecord, deleteMedia: boolean): void {
  for (const role of [...deployment.roles.values()]) removeRole(env, deployment, role, deleteMedia);
  service.deployments.delete(keyOf(deployment.Name));
  service.DateLastModified = nowIso();
}

/** Starting a deployment whose VMs were all deallocated gives it a new public IP: the old one was released. */
export function takeVipBack(env: ComputeEnv, deployment: DeploymentRecord): void {
  if (vipReleased(deployment)) deployment.vip = { ...deployment.vip, Address: env.state.publicAddresses.take() };
}

export function touch(deployment: DeploymentRecord): void {
  deployment.LastModifiedTime = nowIso();
}
