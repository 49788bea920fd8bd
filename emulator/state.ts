/**
 * The emulator's in-memory world: subscriptions (each with its management certificates and resources) and the
 * data-center locations. Records keep the spec's member names so that handlers answer them with little mapping.
 * Resource families add their collections here as they are implemented.
 */
import { randomUUID } from 'node:crypto';
import { thumbprintOf } from './certs.js';
import { defaultLocations } from './locations-data.js';

export interface LocationRecord {
  Name: string;
  DisplayName: string;
  AvailableServices: string[];
  ComputeCapabilities: { WebWorkerRoleSizes: string[]; VirtualMachinesRoleSizes: string[] };
  StorageCapabilities: { StorageAccountTypes: string[] };
}

export interface ManagementCertificateRecord {
  thumbprint: string;
  certificate: string;
  created: string;
}

export interface AffinityGroupRecord {
  Name: string;
  Label: string;
  Description?: string;
  Location: string;
}

export interface ExtendedProperty {
  Name: string;
  Value?: string;
}

export type HostedServiceStatus = 'Creating' | 'Created' | 'Deleting' | 'Deleted' | 'Changing' | 'ResolvingDns';

/** A deployment of a cloud service; the deployments family extends this record. */
export interface DeploymentRecord {
  Name: string;
  DeploymentSlot: 'Production' | 'Staging';
}

export interface HostedServiceRecord {
  ServiceName: string;
  Label: string;
  Description?: string;
  Location?: string;
  AffinityGroup?: string;
  Status: HostedServiceStatus;
  DateCreated: string;
  DateLastModified: string;
  ExtendedProperties: ExtendedProperty[];
  ReverseDnsFqdn?: string;
  /** By lowercase deployment name. */
  deployments: Map<string, DeploymentRecord>;
}

export interface SubscriptionState {
  readonly id: string;
  /** By thumbprint. */
  readonly managementCertificates: Map<string, ManagementCertificateRecord>;
  /** By lowercase name. */
  readonly affinityGroups: Map<string, AffinityGroupRecord>;
  /** By lowercase name. */
  readonly hostedServices: Map<string, HostedServiceRecord>;
}

/** The current time as the service writes it: ISO 8601 UTC to the second. */
export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Names in ASM are case-insensitive (DNS names, affinity groups...), and so are the emulator's keys. */
export function keyOf(name: string): string {
  return name.toLowerCase();
}

export class EmulatorState {
  /** By lowercase subscription id. */
  readonly subscriptions = new Map<string, SubscriptionState>();
  locations: LocationRecord[] = defaultLocations();

  addSubscription(id: string = randomUUID()): SubscriptionState {
    const existing = this.subscription(id);
    if (existing !== undefined) return existing;
    const subscription: SubscriptionState = {
      id, managementCertificates: new Map(), affinityGroups: new Map(), hostedServices: new Map(),
    };
    this.subscriptions.set(keyOf(id), subscription);
    return subscription;
  }

  subscription(id: string): SubscriptionState | undefined {
    return this.subscriptions.get(keyOf(id));
  }

  registerManagementCertificate(subscriptionId: string, certificatePem: string): ManagementCertificateRecord {
    const subscription = this.subscription(subscriptionId);
    if (subscription === undefined) throw new Error(`unknown subscription ${subscriptionId}`);
    const record = { thumbprint: thumbprintOf(certificatePem), certificate: certificatePem, created: nowIso() };
    subscription.managementCertificates.set(record.thumbprint, record);
    return record;
  }

  /** The subscription that owns a cloud service name: DNS names are unique across Azure, not per subscription. */
  hostedServiceOwner(name: string): SubscriptionState | undefined {
    for (const subscription of this.subscriptions.values()) {
      if (subscription.hostedServices.has(keyOf(name))) return subscription;
    }
    return undefined;
  }

  location(name: string): LocationRecord | undefined {
    return this.locations.find((l) => keyOf(l.Name) === keyOf(name));
  }
}
