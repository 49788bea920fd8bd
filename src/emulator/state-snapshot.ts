/**
 * Preloaded state: a JSON document (the CLI's --state file, or startEmulator's `state` option). It can replace
 * any part of the platform catalog (locations, role sizes, guest OS families, platform OS and VM images, VM
 * extensions) and seed subscriptions with their management certificates, properties and resources: affinity
 * groups, cloud services, storage accounts, disks, user images and reserved IPs. Deployments are made through
 * the API, as their disks and instances are (CreateVirtualMachineDeployment).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ExtendedProperty, ExtensionImage, OperatingSystemFamily, ResourceExtension, RoleSize } from '../../generated/models/index.js';
import type {
  AffinityGroupRecord, DiskRecord, HostedServiceStatus, OSImageRecord, StorageAccountRecord, StorageAccountType,
  SubscriptionProperties, VMImageRecord,
} from './records.js';
import { keyOf, nowIso, type EmulatorState, type LocationRecord, type SubscriptionState } from './state.js';

export interface HostedServiceSnapshot {
  ServiceName: string;
  /** Plain text (the typed value), not base64. */
  Label: string;
  Description?: string;
  Location?: string;
  AffinityGroup?: string;
  Status?: HostedServiceStatus;
  DateCreated?: string;
  DateLastModified?: string;
  ExtendedProperties?: ExtendedProperty[];
  ReverseDnsFqdn?: string;
}

export interface StorageAccountSnapshot {
  ServiceName: string;
  Label?: string;
  Description?: string;
  Location?: string;
  AffinityGroup?: string;
  AccountType?: StorageAccountType;
  ExtendedProperties?: ExtendedProperty[];
}

export interface ReservedIpSnapshot {
  Name: string;
  Location: string;
  Label?: string;
}

export interface SubscriptionSnapshot {
  id: string;
  /** PEM certificates allowed to manage the subscription. */
  managementCertificates?: string[];
  /** Name, status and limits (MaxCoreCount...); the rest keeps its defaults. */
  properties?: Partial<SubscriptionProperties>;
  affinityGroups?: AffinityGroupRecord[];
  hostedServices?: HostedServiceSnapshot[];
  storageAccounts?: StorageAccountSnapshot[];
  /** Unattached disks; attached ones come with their VMs. */
  disks?: Omit<DiskRecord, 'attachedTo' | 'CreatedTime' | 'IOType'>[];
  /** User OS images (Category User). */
  osImages?: OSImageRecord[];
  /** User VM images. */
  vmImages?: VMImageRecord[];
  reservedIps?: ReservedIpSnapshot[];
}

export interface StateSnapshot {
  locations?: LocationRecord[];
  roleSizes?: RoleSize[];
  operatingSystemFamilies?: OperatingSystemFamily[];
  /** Platform OS images (Category Public). */
  osImages?: OSImageRecord[];
  /** Platform VM images. */
  vmImages?: VMImageRecord[];
  resourceExtensions?: ResourceExtension[];
  /** Cloud service extension images (PublishedDate as an ISO string). */
  extensionImages?: ExtensionImage[];
  subscriptions?: SubscriptionSnapshot[];
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

function expectArray(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new SnapshotError(`${where} must be an array`);
  return value;
}

function expectObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SnapshotError(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function expectString(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw new SnapshotError(`${where}.${key} must be a non-empty string`);
  return value;
}

/** The records of one array member, each checked to have its required string members. */
function recordsOf<T>(value: unknown, where: string, required: readonly string[]): T[] {
  return expectArray(value, where).map((item, i) => {
    const record = expectObject(item, `${where}[${i}]`);
    for (const key of required) expectString(record, key, `${where}[${i}]`);
    return { ...record } as T;
  });
}

function hostedServiceOf(service: HostedServiceSnapshot) {
  const now = nowIso();
  return {
    ...service, Status: service.Status ?? 'Created', DateCreated: service.DateCreated ?? now,
    DateLastModified: service.DateLastModified ?? service.DateCreated ?? now, ExtendedProperties: service.ExtendedProperties ?? [],
    deployments: new Map(), certificates: new Map(),
  };
}

function storageAccountOf(account: StorageAccountSnapshot): StorageAccountRecord {
  const key = () => randomBytes(64).toString('base64');
  return {
    ...account, Label: account.Label ?? account.ServiceName, AccountType: account.AccountType ?? 'Standard_GRS', CreationTime: nowIso(),
    ExtendedProperties: account.ExtendedProperties ?? [], keys: { Primary: key(), Secondary: key() },
  };
}

function applyResources(state: EmulatorState, subscription: SubscriptionState, record: Record<string, unknown>, where: string): void {
  const put = <T>(map: Map<string, T>, items: T[], name: (item: T) => string) => items.forEach((item) => map.set(keyOf(name(item)), item));
  put(subscription.affinityGroups, recordsOf<AffinityGroupRecord>(record['affinityGroups'], `${where}.affinityGroups`, ['Name', 'Location']), (g) => g.Name);
  put(subscription.hostedServices, recordsOf<HostedServiceSnapshot>(record['hostedServices'], `${where}.hostedServices`, ['ServiceName', 'Label']).map(hostedServiceOf), (s) => s.ServiceName);
  put(subscription.storageAccounts, recordsOf<StorageAccountSnapshot>(record['storageAccounts'], `${where}.storageAccounts`, ['ServiceName']).map(storageAccountOf), (a) => a.ServiceName);
  put(subscription.disks, recordsOf<DiskRecord>(record['disks'], `${where}.disks`, ['Name', 'MediaLink']).map((d) => ({ ...d, CreatedTime: nowIso(), IOType: 'Standard', LogicalDiskSizeInGB: d.LogicalDiskSizeInGB ?? 30 })), (d) => d.Name);
  put(subscription.osImages, recordsOf<OSImageRecord>(record['osImages'], `${where}.osImages`, ['Name', 'Label', 'OS']).map((i) => ({ ...i, Category: 'User' })), (i) => i.Name);
  put(subscription.vmImages, recordsOf<VMImageRecord>(record['vmImages'], `${where}.vmImages`, ['Name', 'Label']).map((i) => ({ ...i, Category: 'User' })), (i) => i.Name);
  put(subscription.reservedIps, recordsOf<ReservedIpSnapshot>(record['reservedIps'], `${where}.reservedIps`, ['Name', 'Location'])
    .map((r) => ({ ...r, Address: state.publicAddresses.take(), Id: randomUUID() })), (r) => r.Name);
}

function applySubscription(state: EmulatorState, value: unknown, where: string): void {
  const record = expectObject(value, where);
  const subscription = state.addSubscription(expectString(record, 'id', where));
  expectArray(record['managementCertificates'], `${where}.managementCertificates`).forEach((pem, i) => {
    if (typeof pem !== 'string') throw new SnapshotError(`${where}.managementCertificates[${i}] must be a PEM string`);
    state.registerManagementCertificate(subscription.id, pem);
  });
  if (record['properties'] !== undefined) Object.assign(subscription.properties, expectObject(record['properties'], `${where}.properties`));
  applyResources(state, subscription, record, where);
}

/** Replaces the parts of the platform catalog the snapshot gives. */
function applyCatalog(state: EmulatorState, root: Record<string, unknown>): void {
  if (root['locations'] !== undefined) state.locations = recordsOf<LocationRecord>(root['locations'], 'state.locations', ['Name']);
  if (root['roleSizes'] !== undefined) state.roleSizes = recordsOf<RoleSize>(root['roleSizes'], 'state.roleSizes', ['Name']);
  if (root['operatingSystemFamilies'] !== undefined) {
    state.operatingSystemFamilies = recordsOf<OperatingSystemFamily>(root['operatingSystemFamilies'], 'state.operatingSystemFamilies', ['Name']);
  }
  if (root['osImages'] !== undefined) {
    state.osImages = recordsOf<OSImageRecord>(root['osImages'], 'state.osImages', ['Name', 'Label', 'OS']).map((i) => ({ ...i, Category: i.Category ?? 'Public' }));
  }
  if (root['vmImages'] !== undefined) {
    state.vmImages = recordsOf<VMImageRecord>(root['vmImages'], 'state.vmImages', ['Name', 'Label']).map((i) => ({ ...i, Category: i.Category ?? 'Public' }));
  }
  if (root['resourceExtensions'] !== undefined) {
    state.resourceExtensions = recordsOf<ResourceExtension>(root['resourceExtensions'], 'state.resourceExtensions', ['Publisher', 'Name', 'Version']);
  }
  if (root['extensionImages'] !== undefined) {
    state.extensionImages = recordsOf<ExtensionImage>(root['extensionImages'], 'state.extensionImages', ['ProviderNameSpace', 'Type', 'Version'])
      .map((i) => (i.PublishedDate === undefined ? i : { ...i, PublishedDate: new Date(i.PublishedDate as unknown as string) }));
  }
}

/** Adds a snapshot's contents to the state; throws SnapshotError naming the first bad member. */
export function applySnapshot(state: EmulatorState, snapshot: unknown): void {
  const root = expectObject(snapshot, 'state');
  applyCatalog(state, root);
  expectArray(root['subscriptions'], 'state.subscriptions').forEach((s, i) => applySubscription(state, s, `state.subscriptions[${i}]`));
}

export function readSnapshotFile(path: string): StateSnapshot {
  return JSON.parse(readFileSync(path, 'utf8')) as StateSnapshot;
}
