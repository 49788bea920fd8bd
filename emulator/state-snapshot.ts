/**
 * Preloaded state: a JSON document (the CLI's --state file, or startEmulator's `state` option) that seeds
 * subscriptions, their management certificates and resources, and optionally replaces the location list.
 */
import { readFileSync } from 'node:fs';
import {
  keyOf, nowIso, type AffinityGroupRecord, type EmulatorState, type ExtendedProperty, type HostedServiceStatus,
  type LocationRecord,
} from './state.js';

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

export interface SubscriptionSnapshot {
  id: string;
  /** PEM certificates allowed to manage the subscription. */
  managementCertificates?: string[];
  affinityGroups?: AffinityGroupRecord[];
  hostedServices?: HostedServiceSnapshot[];
}

export interface StateSnapshot {
  locations?: LocationRecord[];
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

function applySubscription(state: EmulatorState, value: unknown, where: string): void {
  const record = expectObject(value, where);
  const subscription = state.addSubscription(expectString(record, 'id', where));
  expectArray(record['managementCertificates'], `${where}.managementCertificates`).forEach((pem, i) => {
    if (typeof pem !== 'string') throw new SnapshotError(`${where}.managementCertificates[${i}] must be a PEM string`);
    state.registerManagementCertificate(subscription.id, pem);
  });
  expectArray(record['affinityGroups'], `${where}.affinityGroups`).forEach((g, i) => {
    const at = `${where}.affinityGroups[${i}]`;
    const fields = expectObject(g, at);
    expectString(fields, 'Name', at);
    expectString(fields, 'Location', at);
    const group = fields as unknown as AffinityGroupRecord;
    subscription.affinityGroups.set(keyOf(group.Name), { ...group });
  });
  expectArray(record['hostedServices'], `${where}.hostedServices`).forEach((s, i) => {
    const at = `${where}.hostedServices[${i}]`;
    const fields = expectObject(s, at);
    expectString(fields, 'ServiceName', at);
    expectString(fields, 'Label', at);
    const service = fields as unknown as HostedServiceSnapshot;
    const now = nowIso();
    subscription.hostedServices.set(keyOf(service.ServiceName), {
      ...service,
      Status: service.Status ?? 'Created',
      DateCreated: service.DateCreated ?? now,
      DateLastModified: service.DateLastModified ?? service.DateCreated ?? now,
      ExtendedProperties: service.ExtendedProperties ?? [],
      deployments: new Map(),
    });
  });
}

/** Adds a snapshot's contents to the state; throws SnapshotError naming the first bad member. */
export function applySnapshot(state: EmulatorState, snapshot: unknown): void {
  const root = expectObject(snapshot, 'state');
  if (root['locations'] !== undefined) {
    state.locations = expectArray(root['locations'], 'state.locations').map((l, i) => {
      const location = expectObject(l, `state.locations[${i}]`);
      expectString(location, 'Name', `state.locations[${i}]`);
      return location as unknown as LocationRecord;
    });
  }
  expectArray(root['subscriptions'], 'state.subscriptions').forEach((s, i) => applySubscription(state, s, `state.subscriptions[${i}]`));
}

export function readSnapshotFile(path: string): StateSnapshot {
  return JSON.parse(readFileSync(path, 'utf8')) as StateSnapshot;
}
