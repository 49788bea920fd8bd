/**
 * What the emulator keeps per resource. Records hold the spec's member names (typed values: labels in plain
 * text, dates as ISO strings) so that handlers answer them with little mapping; members the service computed
 * on read (URLs, attachment views, counters) are not stored but built by the handlers. Lower-case members are
 * the emulator's own bookkeeping and never reach the wire.
 */
import type {
  AddHostedServiceExtension, BgpSettings, IPsecParameters, ExtensionConfiguration, ExtensionImage, ComputeImageAttributes, ConfigurationSet, DataVirtualHardDisk, DnsSettings, ExtendedProperty, MarketplaceImageAttributes, OSImage, OSVirtualHardDisk,
  LoadBalancer, LocalNetworkSiteConfiguration, NetworkConfigurationDnsServer, ReservedIP, ResourceExtensionReference, Role, VMImage, VirtualNetworkSiteConfiguration,
} from '../../generated/models/index.js';
import type { ApplicationGatewayConfiguration, NetworkSecurityRule, Route } from '../../generated/models/index.js';

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

/** A role instance's reboot the emulator caused (ListDeploymentEvents). */
export interface RebootEventRecord {
  RoleName: string;
  InstanceName: string;
  RebootReason: string;
  /** ISO time. */
  RebootStartTime: string;
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
  /** The cloud service extensions the deployment's roles run (ids of the service's extensions). */
  ExtensionConfiguration?: ExtensionConfiguration;
  /** What the deployment ran before a Manual upgrade in progress, for RollbackUpdateOrUpgrade. */
  rollbackTo?: { PackageUrl?: string; Configuration: string; Label: string; ExtensionConfiguration?: ExtensionConfiguration };
  /** Reboots of its instances, oldest first (deployment-events.ts). */
  rebootEvents?: RebootEventRecord[];
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
  /** Cloud service extensions (AddHostedServiceExtension), by lower-case id; made on first use. */
  extensions?: Map<string, HostedServiceExtensionRecord>;
}

/**
 * An extension added to a cloud service. The private configuration is kept (deployments would hand it to their
 * roles) but never answered: Get and List show the public members only, as the service did.
 */
export interface HostedServiceExtensionRecord extends AddHostedServiceExtension {
  Version: string;
}

/** An extension image a subscription registered as its publisher (RegisterExtensionImage). */
export interface ExtensionImageRecord extends Omit<ExtensionImage, 'PublishedDate'> {
  ProviderNameSpace: string;
  Type: string;
  Version: string;
  /** ISO time (records hold no Dates). */
  PublishedDate: string;
}

/** One entry of the subscription's operation log (operation-log.ts), as ListSubscriptionOperations shows it. */
export interface SubscriptionOperationRecord {
  OperationId: string;
  OperationObjectId: string;
  OperationName: string;
  OperationParameters: { Name: string; Value: string }[];
  OperationCaller: { UsedServiceManagementApi: boolean; SubscriptionCertificateThumbprint?: string; ClientIP?: string };
  OperationStatus: { ID: string; Status: 'InProgress' | 'Succeeded' | 'Failed'; HttpStatusCode?: number; Error?: { Code: string; Message: string } };
  OperationStartedTime: string;
  OperationCompletedTime?: string;
}

/** Registration of the subscription with a resource provider (RegisterResourceProvider). */
export interface ResourceProviderRecord {
  Type: string;
  State: 'Registered' | 'Unregistered';
}

/** A GetPackage request: the package and configuration the service copied into a blob container. */
export interface PackageCopyRecord {
  ContainerUri: string;
  ServiceName: string;
  DeploymentName: string;
  PackageUrl?: string;
  /** The blobs written into the container. */
  blobs: string[];
  requested: string;
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
  /** Set by SetVirtualNetworkGatewayIPsecParameters; the defaults are answered until then. */
  IPsecParameters?: IPsecParameters;
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

/** A gateway or connection event as GetGateway and the connection lists show it. */
export interface GatewayEventRecord {
  Id: string;
  Message: string;
  /** ISO 8601. */
  Timestamp: string;
}

/** A diagnostics capture of a gateway: what StartGatewayDiagnostics asked for, and where the data went. */
export interface GatewayDiagnosticsRecord {
  State: 'Ready' | 'StartInProgress' | 'StopInProgress';
  PublicDiagnosticsUrl?: string;
  captureDurationInSeconds?: number;
  /** The storage account and container the capture writes to (never its key). */
  storageAccount?: string;
  container?: string;
}

/** A connection of a classic gateway to a local network site named in the vnet's ConnectionsToLocalNetwork. */
export interface GatewaySiteConnectionRecord {
  LocalNetworkSiteName: string;
  ConnectivityState: 'Connected' | 'Connecting' | 'NotConnected';
  /** The IPsec pre-shared key: generated when the connection first appears, answered only by GetGatewaySharedKey. */
  sharedKey: string;
  ipsec?: IPsecParameters;
  LastConnectionEstablished?: string;
  IngressBytesTransferred: number;
  EgressBytesTransferred: number;
  LastEvent?: GatewayEventRecord;
}

/** A point-to-site client root certificate of a gateway (public .cer, base64 DER). */
export interface ClientRootCertificateRecord {
  Thumbprint: string;
  Subject: string;
  ExpirationTime: string;
  /** Base64 DER, as uploaded and as GetClientRootCertificate answers it. */
  certificate: string;
}

/** The classic VPN gateway of a virtual network site, by the site's lower-case name (one per site). */
export interface GatewayRecord {
  networkName: string;
  GatewayId: string;
  GatewayType: 'StaticRouting' | 'DynamicRouting';
  GatewaySize: string;
  State: 'Provisioning' | 'Provisioned' | 'Deprovisioning';
  VIPAddress?: string;
  DefaultSites: string[];
  LastEvent?: GatewayEventRecord;
  /** By lower-case local network site name. */
  connections: Record<string, GatewaySiteConnectionRecord>;
  diagnostics: GatewayDiagnosticsRecord;
  /** By upper-case thumbprint, in upload order. */
  clientRootCertificates: Record<string, ClientRootCertificateRecord>;
}

/** A virtual network gateway (the V2 API), by lower-case GatewayId. */
export interface VirtualNetworkGatewayRecord {
  GatewayId: string;
  GatewayName: string;
  GatewayType: string;
  GatewaySize: string;
  State: 'Provisioning' | 'Provisioned' | 'Deprovisioning';
  VIPAddress?: string;
  Location?: string;
  VnetId: string;
  /** The vnet site's name (the emulator's key for it). */
  networkName: string;
  DefaultSites: string[];
  BgpSettings?: BgpSettings;
  LastEvent?: GatewayEventRecord;
  diagnostics: GatewayDiagnosticsRecord;
}

/** What GetGatewayOperationStatus shows beyond the status: the operation's name, times and result data. */
export interface GatewayOperationRecord {
  /** Absent for application gateway operations, which the service did not name (recorded). */
  OperationName?: string;
  OperationStartedTime: string;
  OperationCompletedTime?: string;
  /** e.g. the VPN client package URL. */
  Data?: string;
}

/** A network security group: the rules the user set (the default rules are the service's, added on read). */
export interface NetworkSecurityGroupRecord {
  Name: string;
  Label?: string;
  Location: string;
  /** User rules in the order they were first set, each with its Name. */
  rules: NetworkSecurityRule[];
  /** Set while a migration to Resource Manager is prepared (migration.ts). */
  migrationState?: 'Prepared';
}

/** A route table and its user routes, in the order they were first set. */
export interface RouteTableRecord {
  Name: string;
  Label?: string;
  Location: string;
  routes: Route[];
  migrationState?: 'Prepared';
}

/** What a subnet is associated with (a network security group or a route table), by lower-case `<vnet>/<subnet>`. */
export interface SubnetAssociationRecord {
  VirtualNetworkName: string;
  SubnetName: string;
  /** The associated group's or table's name. */
  Name: string;
}

/** An SSL certificate of an application gateway: only its public part is kept; PFX data and password are not. */
export interface ApplicationGatewayCertificateRecord {
  Name: string;
  /** The public certificate, DER in base64. */
  Data: string;
  State: string;
}

/** An application gateway, its configuration document and its SSL certificates. */
export interface ApplicationGatewayRecord {
  Name: string;
  Description?: string;
  GatewaySize: string;
  InstanceCount: number;
  State: 'Stopped' | 'Running';
  Subnets: string[];
  VnetName: string;
  /** Addresses the service gave the running gateway (none while it is stopped). */
  VirtualIPs: string[];
  DnsName?: string;
  configuration?: ApplicationGatewayConfiguration;
  /** By lower-case name, in upload order. */
  certificates: Record<string, ApplicationGatewayCertificateRecord>;
}
