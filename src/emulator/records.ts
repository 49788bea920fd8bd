/**
 * What the emulator keeps per resource. Records hold the spec's member names (typed values: labels in plain
 * text, dates as ISO strings) so that handlers answer them with little mapping; members the service computed
 * on read (URLs, attachment views, counters) are not stored but built by the handlers. Lower-case members are
 * the emulator's own bookkeeping and never reach the wire.
 */
import type {
  BgpSettings, ComputeImageAttributes, ConfigurationSet, DataVirtualHardDisk, DnsSettings, ExtendedProperty, MarketplaceImageAttributes, OSImage, OSVirtualHardDisk,
  LoadBalancer, LocalNetworkSiteConfiguration, NetworkConfigurationDnsServer, ReservedIP, ResourceExtensionReference, Role, VMImage, VirtualNetworkSiteConfiguration,
} from '../../generated/models/index.js';

export interface ManagementCertificateRecord {
  /** Uppercase SHA-1 hex of the DER certificate. */
  thumbprint: string;
  /** PEM. */
  certificate: string;
  created: string;
}

export interface AffinityGroupRecord {
  Name: string;
  /** Plain text. */
  Label: string;
  Description?: string;
  Location: string;
  CreatedTime?: string;
}

export type HostedServiceStatus = 'Creating' | 'Created' | 'Deleting' | 'Deleted' | 'Changing' | 'ResolvingDns';

export type DeploymentSlot = 'Production' | 'Staging';
export type DeploymentStatus = 'Running' | 'Suspended' | 'RunningTransitioning' | 'SuspendedTransitioning' | 'Starting' | 'Suspending' | 'Deploying' | 'Deleting';
export type PowerState = 'Started' | 'Starting' | 'Stopped' | 'Stopping' | 'Unknown';

/** What a role instance shows at one moment. */
export interface InstancePhase {
  InstanceStatus: string;
  PowerState: PowerState;
  InstanceStateDetails?: string;
}

/** Phases an instance still has to show before it settles (see instance-progress.ts). */
export interface InstanceProgress {
  phases: InstancePhase[];
  final: InstancePhase;
  /** Reads of the instance so far (poll-counting mode). */
  reads: number;
  /** When the progress started (time mode). */
  started: number;
  /** Each phase lasts this many reads, or this many milliseconds when delayMs is set. */
  pace: { polls: number; delayMs?: number };
}

export interface RoleInstanceRecord {
  RoleName: string;
  InstanceName: string;
  current: InstancePhase;
  progress?: InstanceProgress;
  InstanceUpgradeDomain: number;
  InstanceFaultDomain: number;
  InstanceSize: string;
  IpAddress: string;
  HostName: string;
  /** Thumbprint of the certificate the service made for remote access to the instance. */
  remoteAccessThumbprint: string;
}

/**
 * A role as the client gave it. Provisioning configuration sets (passwords, keys) are kept for re-provisioning
 * but never answered: GetRole and GetDeployment show the network set only, as the service did.
 */
export interface RoleRecord extends Role {
  /** VM roles are PersistentVMRole; web and worker roles of package deployments are not. */
  kind: 'vm' | 'web';
  ConfigurationSets: ConfigurationSet[];
  DataVirtualHardDisks: DataVirtualHardDisk[];
  OSVirtualHardDisk?: OSVirtualHardDisk;
  ResourceExtensionReferences?: ResourceExtensionReference[];
  /** The WinRM certificate the service made for a Windows VM. */
  winRmThumbprint?: string;
}

export interface UpgradeRecord {
  UpgradeType: 'Auto' | 'Manual' | 'Simultaneous';
  CurrentUpgradeDomainState: 'Before' | 'During';
  CurrentUpgradeDomain: number;
}

export interface DeploymentRecord {
  Name: string;
  DeploymentSlot: DeploymentSlot;
  /** 32 hex characters; the staging URL is built from it. */
  PrivateID: string;
  Status: DeploymentStatus;
  /** Plain text. */
  Label: string;
  /** The service configuration (.cscfg) as plain XML text. */
  Configuration: string;
  /** Blob URL of the package (package deployments). */
  PackageUrl?: string;
  kind: 'vm' | 'package';
  /** In creation order; by lower-case role name. */
  roles: Map<string, RoleRecord>;
  instances: RoleInstanceRecord[];
  UpgradeDomainCount: number;
  upgrade?: UpgradeRecord;
  SdkVersion?: string;
  Locked: boolean;
  RollbackAllowed: boolean;
  CreatedTime: string;
  LastModifiedTime: string;
  ExtendedProperties: ExtendedProperty[];
  VirtualNetworkName?: string;
  ReservedIPName?: string;
  Dns?: DnsSettings;
  /** The deployment's public virtual IP. */
  vip: { Name: string; Address: string };
  /** The planned maintenance window of the deployment, as the service scheduled one for (nearly) every deployment. */
  maintenanceWindow?: { StartTime: Date; EndTime: Date; Status: string };
  /** Set while a migration to Resource Manager is prepared (migration.ts). */
  migrationState?: 'Prepared';
  /** Virtual IPs added beside the deployment's own (AddVirtualIP), in the order added. */
  extraVips?: { Name: string; Address: string }[];
  /** Internal load balancers (CreateLoadBalancer), in a subnet of the deployment's virtual network. */
  loadBalancers?: LoadBalancer[];
}

export interface ServiceCertificateRecord {
  Thumbprint: string;
  ThumbprintAlgorithm: 'sha1';
  /** Base64 DER of the public certificate (the private key of a PFX is not kept). */
  Data: string;
}

export interface HostedServiceRecord {
  ServiceName: string;
  /** Plain text. */
  Label: string;
  Description?: string;
  Location?: string;
  AffinityGroup?: string;
  Status: HostedServiceStatus;
  DateCreated: string;
  DateLastModified: string;
  ExtendedProperties: ExtendedProperty[];
  ReverseDnsFqdn?: string;
  /** By lower-case deployment name. */
  deployments: Map<string, DeploymentRecord>;
  /** By upper-case thumbprint. */
  certificates: Map<string, ServiceCertificateRecord>;
}

export type StorageAccountType = 'Standard_LRS' | 'Standard_ZRS' | 'Standard_GRS' | 'Standard_RAGRS' | 'Premium_LRS';

export interface StorageAccountRecord {
  ServiceName: string;
  /** Plain text. */
  Label: string;
  Description?: string;
  Location?: string;
  AffinityGroup?: string;
  AccountType: StorageAccountType;
  CreationTime: string;
  ExtendedProperties: ExtendedProperty[];
  keys: { Primary: string; Secondary: string };
  /** Set while a migration to Resource Manager is prepared (migration.ts). */
  migrationState?: 'Prepared';
}

export interface DiskAttachmentRecord {
  HostedServiceName: string;
  DeploymentName: string;
  RoleName: string;
}

export interface DiskRecord {
  Name: string;
  Label?: string;
  /** Set for OS disks. */
  OS?: 'Linux' | 'Windows';
  MediaLink: string;
  LogicalDiskSizeInGB: number;
  SourceImageName?: string;
  Location?: string;
  AffinityGroup?: string;
  CreatedTime: string;
  IOType: string;
  attachedTo?: DiskAttachmentRecord;
}

/** Where a user image was replicated to (ReplicateOSImage/ReplicateVMImage) and how it is offered. */
export interface ImageReplication {
  locations: string[];
  ComputeImageAttributes?: ComputeImageAttributes;
  MarketplaceImageAttributes?: MarketplaceImageAttributes;
}

/** Sharing of an image with other subscriptions (ShareOSImage/ShareVMImage): private, msdn or public. */
export interface ImageSharing {
  replication?: ImageReplication;
  sharing?: string;
}

/** An OS image: platform images (Category Public) are shared, user images belong to a subscription. */
export interface OSImageRecord extends OSImage, ImageSharing {
  Name: string;
  Label: string;
  OS: 'Linux' | 'Windows';
  Category: string;
}

export interface VMImageRecord extends VMImage, ImageSharing {
  Name: string;
  Label: string;
  Category: string;
}

export interface ReservedIpRecord extends ReservedIP {
  Name: string;
  Address: string;
  Id: string;
  Location: string;
  /** Set while a migration to Resource Manager is prepared (migration.ts). */
  migrationState?: 'Prepared';
}

/** A local network gateway (an on-premises VPN device), by its GUID id. */
export interface LocalNetworkGatewayRecord {
  Id: string;
  GatewayName: string;
  IpAddress: string;
  AddressSpace: string[];
  BgpSettings?: BgpSettings;
}

/** A connection between a virtual network gateway and a local network gateway (the connected entity). */
export interface GatewayConnectionRecord {
  GatewayConnectionName: string;
  VirtualNetworkGatewayId: string;
  ConnectedEntityId: string;
  GatewayConnectionType?: string;
  RoutingWeight?: number;
  SharedKey?: string;
  EnableBgp?: boolean;
}

/** A virtual network site: its configuration as last set, plus what the service added. */
export interface VirtualNetworkSiteRecord extends VirtualNetworkSiteConfiguration {
  /** A GUID the service made when the site first appeared; kept while the site stays in the document. */
  Id: string;
  /** 'Created' once the configuration that added it completed. */
  State: string;
  /** Set while a migration to Resource Manager is prepared. */
  MigrationState?: string;
}

/** A DNS server of the network configuration. */
export type DnsServerRecord = NetworkConfigurationDnsServer;
/** A local (on-premises) network site of the network configuration. */
export type LocalNetworkSiteRecord = LocalNetworkSiteConfiguration;

/** Subscription properties as GetSubscription shows them; Current* counters are computed from the state. */
export interface SubscriptionProperties {
  SubscriptionName: string;
  SubscriptionStatus: string;
  AccountAdminLiveEmailId: string;
  ServiceAdminLiveEmailId: string;
  MaxCoreCount: number;
  MaxStorageAccounts: number;
  MaxHostedServices: number;
  MaxVirtualNetworkSites: number;
  MaxLocalNetworkSites: number;
  MaxDnsServers: number;
  MaxReservedIPs: number;
  MaxPublicIPCount: number;
  MaxNetworkSecurityGroups: number;
  MaxNetworkSecurityRulesPerGroup: number;
  MaxRouteTables: number;
  MaxRoutesPerRouteTable: number;
  OfferCategories?: string;
  AADTenantID?: string;
  CreatedTime: string;
}

/** A region the subscription can place services in (ListLocations). */
export interface LocationRecord {
  Name: string;
  DisplayName: string;
  AvailableServices: string[];
  ComputeCapabilities: { WebWorkerRoleSizes: string[]; VirtualMachinesRoleSizes: string[] };
  StorageCapabilities: { StorageAccountTypes: string[] };
}
