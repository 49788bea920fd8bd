/**
 * The emulator's in-memory world: subscriptions (each with its management certificates and resources) and what
 * the service offered every subscription (locations, role sizes, guest OS families, platform OS and VM images,
 * VM extensions). The catalog starts with the built-in data of catalog-data/ so that listing works out of the box;
 * a state file can replace any part of it.
 */
import { X509Certificate, randomUUID } from 'node:crypto';
import type { ExtensionImage, OperatingSystemFamily, ResourceExtension, RoleSize } from '../../generated/models/index.js';
import { AddressPool } from './addresses.js';
import { DEFAULT_BOUNDS, type EmulatorBounds } from './bounds.js';
import { defaultExtensionImages } from './catalog-data/cloud-service-extensions.js';
import { defaultImages, defaultVmImages } from './catalog-data/images.js';
import { defaultLocations } from './catalog-data/locations.js';
import { defaultOperatingSystemFamilies } from './catalog-data/operating-systems.js';
import { defaultResourceExtensions } from './catalog-data/resource-extensions.js';
import { defaultRoleSizes } from './catalog-data/role-sizes.js';
import { thumbprintOf } from './certs.js';
import type {
  AffinityGroupRecord, DiskRecord, DnsServerRecord, LocalNetworkSiteRecord, VirtualNetworkSiteRecord, GatewayConnectionRecord, HostedServiceRecord, LocalNetworkGatewayRecord, ManagementCertificateRecord, OSImageRecord, ReservedIpRecord,
  StorageAccountRecord, SubscriptionProperties, VMImageRecord,
  ExtensionImageRecord, ResourceProviderRecord, PackageCopyRecord, SubscriptionOperationRecord,
} from './records.js';
import type { GatewayOperationRecord, GatewayRecord, VirtualNetworkGatewayRecord } from './records.js';
import type { ApplicationGatewayRecord, NetworkSecurityGroupRecord, RouteTableRecord, SubnetAssociationRecord } from './records.js';

export type * from './records.js';
import type { LocationRecord } from './records.js';


export interface SubscriptionState {
  readonly id: string;
  properties: SubscriptionProperties;
  /** By thumbprint. */
  readonly managementCertificates: Map<string, ManagementCertificateRecord>;
  /** The maps below are by lower-case name. */
  readonly affinityGroups: Map<string, AffinityGroupRecord>;
  readonly hostedServices: Map<string, HostedServiceRecord>;
  readonly storageAccounts: Map<string, StorageAccountRecord>;
  readonly disks: Map<string, DiskRecord>;
  /** User OS images (Category User); platform images are in EmulatorState.osImages. */
  readonly osImages: Map<string, OSImageRecord>;
  /** User VM images. */
  readonly vmImages: Map<string, VMImageRecord>;
  readonly reservedIps: Map<string, ReservedIpRecord>;
  /** By lower-case id. */
  readonly localNetworkGateways: Map<string, LocalNetworkGatewayRecord>;
  /** By lower-case `<virtual network gateway id>/<connected entity id>`. */
  readonly gatewayConnections: Map<string, GatewayConnectionRecord>;
  /** The network configuration document (network/sites.ts), by lower-case name, in document order. */
  readonly dnsServers: Map<string, DnsServerRecord>;
  readonly localNetworkSites: Map<string, LocalNetworkSiteRecord>;
  readonly virtualNetworkSites: Map<string, VirtualNetworkSiteRecord>;
  /** Mutating requests, oldest first, by request id (operation-log.ts). */
  readonly operationLog: Map<string, SubscriptionOperationRecord>;
  /** By lower-case provider name (sqlserver, website...). */
  readonly resourceProviders: Map<string, ResourceProviderRecord>;
  /** Extension images the subscription publishes, by lower-case `<namespace>/<type>/<version>`. */
  readonly extensionImages: Map<string, ExtensionImageRecord>;
  /** GetPackage copies, by lower-case container URI and blob name. */
  readonly packageCopies: Map<string, PackageCopyRecord>;
  /** Classic VPN gateways by lower-case virtual network site name (network/gateways.ts). */
  readonly gateways: Map<string, GatewayRecord>;
  /** Virtual network gateways (V2) by lower-case GatewayId. */
  readonly virtualNetworkGateways: Map<string, VirtualNetworkGatewayRecord>;
  /** Gateway operations' names and times by normalized operation id (network/gateway-operations.ts). */
  readonly gatewayOperations: Map<string, GatewayOperationRecord>;
  /** Network security groups, route tables and application gateways, by lower-case name. */
  readonly networkSecurityGroups: Map<string, NetworkSecurityGroupRecord>;
  readonly routeTables: Map<string, RouteTableRecord>;
  readonly applicationGateways: Map<string, ApplicationGatewayRecord>;
  /** The network security group and the route table of a subnet, by lower-case `<vnet>/<subnet>`. */
  readonly subnetSecurityGroups: Map<string, SubnetAssociationRecord>;
  readonly subnetRouteTables: Map<string, SubnetAssociationRecord>;
}

/** The current time as the service writes it: ISO 8601 UTC to the second. */
export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Names in ASM are case-insensitive (DNS names, affinity groups...), and so are the emulator's keys. */
export function keyOf(name: string): string {
  return name.toLowerCase();
}

/** A pay-as-you-go subscription of the 2014–2015 era, with its default limits. */
export function defaultSubscriptionProperties(id: string): SubscriptionProperties {
  return {
    SubscriptionName: `Emulated subscription ${id.slice(0, 8)}`, SubscriptionStatus: 'Active',
    AccountAdminLiveEmailId: 'admin@example.com', ServiceAdminLiveEmailId: 'admin@example.com',
    MaxCoreCount: 20, MaxStorageAccounts: 100, MaxHostedServices: 20, MaxVirtualNetworkSites: 50,
    MaxLocalNetworkSites: 20, MaxDnsServers: 20, MaxReservedIPs: 20, MaxPublicIPCount: 5, MaxNetworkSecurityGroups: 100,
    MaxNetworkSecurityRulesPerGroup: 200, MaxRouteTables: 100, MaxRoutesPerRouteTable: 100, OfferCategories: 'PayAsYouGo',
    AADTenantID: randomUUID(), CreatedTime: nowIso(),
  };
}

export class EmulatorState {
  /** By lowercase subscription id. */
  readonly subscriptions = new Map<string, SubscriptionState>();
  locations: LocationRecord[] = defaultLocations();
  roleSizes: RoleSize[] = defaultRoleSizes();
  operatingSystemFamilies: OperatingSystemFamily[] = defaultOperatingSystemFamilies();
  /** Platform OS images (Category Public), offered to every subscription. */
  osImages: OSImageRecord[] = defaultImages();
  /** Platform VM images. */
  vmImages: VMImageRecord[] = defaultVmImages();
  resourceExtensions: ResourceExtension[] = defaultResourceExtensions();
  /** Cloud service extension images the platform offers (publishers' own are in SubscriptionState.extensionImages). */
  extensionImages: ExtensionImage[] = defaultExtensionImages();
  /** Public addresses for deployments' virtual IPs and reserved IPs. */
  readonly publicAddresses = new AddressPool();
  /** Counts kept without a documented limit (EmulatorOptions.bounds over DEFAULT_BOUNDS). */
  bounds: EmulatorBounds = { ...DEFAULT_BOUNDS };

  addSubscription(id: string = randomUUID()): SubscriptionState {
    const existing = this.subscription(id);
    if (existing !== undefined) return existing;
    const subscription: SubscriptionState = {
      id, properties: defaultSubscriptionProperties(id), managementCertificates: new Map(), affinityGroups: new Map(),
      hostedServices: new Map(), storageAccounts: new Map(), disks: new Map(), osImages: new Map(), vmImages: new Map(),
      reservedIps: new Map(), localNetworkGateways: new Map(), gatewayConnections: new Map(),
      dnsServers: new Map(), localNetworkSites: new Map(), virtualNetworkSites: new Map(),
      operationLog: new Map(), resourceProviders: new Map(), extensionImages: new Map(), packageCopies: new Map(),
      gateways: new Map(), virtualNetworkGateways: new Map(), gatewayOperations: new Map(),
      networkSecurityGroups: new Map(), routeTables: new Map(), applicationGateways: new Map(), subnetSecurityGroups: new Map(), subnetRouteTables: new Map(),
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
    const pem = new X509Certificate(certificatePem).toString();
    const record = { thumbprint: thumbprintOf(pem), certificate: pem, created: nowIso() };
    subscription.managementCertificates.set(record.thumbprint, record);
    return record;
  }

  /** The subscription that owns a cloud service name: DNS names are unique across Azure, not per subscription. */
  hostedServiceOwner(name: string): SubscriptionState | undefined {
    return this.#ownerOf(name, (s) => s.hostedServices);
  }

  /** The subscription that owns a storage account name (also a DNS name, <name>.blob.core.windows.net). */
  storageAccountOwner(name: string): SubscriptionState | undefined {
    return this.#ownerOf(name, (s) => s.storageAccounts);
  }

  location(name: string): LocationRecord | undefined {
    return this.locations.find((l) => keyOf(l.Name) === keyOf(name));
  }

  roleSize(name: string): RoleSize | undefined {
    return this.roleSizes.find((s) => s.Name !== undefined && keyOf(s.Name) === keyOf(name));
  }

  #ownerOf(name: string, collection: (s: SubscriptionState) => Map<string, unknown>): SubscriptionState | undefined {
    for (const subscription of this.subscriptions.values()) {
      if (collection(subscription).has(keyOf(name))) return subscription;
    }
    return undefined;
  }
}
