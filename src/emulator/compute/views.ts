/**
 * Deployments, roles, role instances and disks as the service answered them. Computed members come from the
 * state at read time: disk details from the Disk entries, endpoints from the role's network set, Locked while an
 * operation holds the deployment, and the instance's status (reading it moves a provisioning instance on).
 */
import type {
  ConfigurationSet, DataVirtualHardDisk, Deployment, Disk, InstanceEndpoint, OSVirtualHardDisk, ResourceExtensionReference, Role, RoleInstance,
} from '../../../generated/models/index.js';
import { observeInstance } from '../instance-progress.js';
import type { DeploymentRecord, DiskRecord, HostedServiceRecord, RoleInstanceRecord, RoleRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';
import { networkSetOf } from './configuration-sets.js';

export function deploymentUrl(service: HostedServiceRecord, deployment: DeploymentRecord): string {
  const host = deployment.DeploymentSlot === 'Production' ? service.ServiceName : deployment.PrivateID;
  return `http://${host.toLowerCase()}.cloudapp.net/`;
}

/** Where a role is answered: alone (GetRole), or in its deployment's RoleList with the deployment's public IP if it has one. */
export interface RoleContext {
  inDeployment: boolean;
  vip?: string;
}

/**
 * The network set as answered. Within a deployment, endpoints show the deployment's public IP and the set an
 * empty <SubnetNames/>; GetRole answered neither, as recorded.
 */
function networkSetView(role: RoleRecord, where: RoleContext): ConfigurationSet[] {
  const vip = where.vip;
  const set = networkSetOf(role.ConfigurationSets);
  const endpoints = set?.InputEndpoints?.map((e) => ({
    ...e, LocalPort: e.LocalPort ?? e.Port, Protocol: e.Protocol ?? 'tcp', Vip: vip, EnableDirectServerReturn: e.EnableDirectServerReturn ?? false,
  }));
  const subnets = set?.SubnetNames ?? [];
  return [{
    ...set, ConfigurationSetType: 'NetworkConfiguration', ...(endpoints === undefined || endpoints.length === 0 ? {} : { InputEndpoints: endpoints }),
    SubnetNames: !where.inDeployment && subnets.length === 0 ? undefined : subnets,
  }];
}

function diskOf(subscription: SubscriptionState, name: string | undefined): DiskRecord | undefined {
  return name === undefined ? undefined : subscription.disks.get(keyOf(name));
}

/** The service left out LUN 0 (its default) when it answered a data disk. */
function dataDiskView(subscription: SubscriptionState, entry: DataVirtualHardDisk): DataVirtualHardDisk {
  const disk = diskOf(subscription, entry.DiskName);
  return {
    HostCaching: entry.HostCaching, DiskLabel: disk?.Label ?? entry.DiskLabel, DiskName: entry.DiskName, Lun: entry.Lun === 0 ? undefined : entry.Lun,
    LogicalDiskSizeInGB: disk?.LogicalDiskSizeInGB ?? entry.LogicalDiskSizeInGB, MediaLink: disk?.MediaLink ?? entry.MediaLink, IOType: disk?.IOType ?? 'Standard',
  };
}

function osDiskView(subscription: SubscriptionState, entry: OSVirtualHardDisk): OSVirtualHardDisk {
  const disk = diskOf(subscription, entry.DiskName);
  return {
    HostCaching: entry.HostCaching, DiskLabel: disk?.Label ?? entry.DiskLabel, DiskName: entry.DiskName, MediaLink: disk?.MediaLink ?? entry.MediaLink,
    SourceImageName: entry.SourceImageName, OS: disk?.OS ?? entry.OS, IOType: disk?.IOType ?? 'Standard',
  };
}

/**
 * Extension references as answered: Private parameter values (a Chef validation key, a Docker TLS key) are
 * write-only. The service answered only the Public ones: the xplat-cli recordings cli.vm.extension_set-chef show
 * GetDeployment and GetRole with ChefClientPublicConfigParameter alone, though the CLI sent a private one too.
 */
function extensionReferencesView(references: ResourceExtensionReference[] | undefined): ResourceExtensionReference[] | undefined {
  return references?.map((reference) => ({
    ...reference,
    ResourceExtensionParameterValues: reference.ResourceExtensionParameterValues?.filter((p) => p.Type?.toLowerCase() !== 'private'),
  }));
}

/** A role as answered. */
export function roleView(subscription: SubscriptionState, role: RoleRecord, where: RoleContext = { inDeployment: false }): Role {
  if (role.kind === 'web') return { RoleName: role.RoleName, OsVersion: role.OsVersion ?? '', ConfigurationSets: [] };
  return {
    RoleName: role.RoleName, OsVersion: '', RoleType: 'PersistentVMRole', ConfigurationSets: networkSetView(role, where),
    ResourceExtensionReferences: extensionReferencesView(role.ResourceExtensionReferences), VMImageName: role.VMImageName, AvailabilitySetName: role.AvailabilitySetName,
    DataVirtualHardDisks: role.DataVirtualHardDisks.map((d) => dataDiskView(subscription, d)), Label: role.Label,
    OSVirtualHardDisk: role.OSVirtualHardDisk === undefined ? undefined : osDiskView(subscription, role.OSVirtualHardDisk),
    RoleSize: role.RoleSize, DefaultWinRmCertificateThumbprint: role.winRmThumbprint, ProvisionGuestAgent: role.ProvisionGuestAgent,
    DebugSettings: role.DebugSettings, LicenseType: role.LicenseType,
  };
}

function instanceEndpoints(role: RoleRecord | undefined, vip: string): InstanceEndpoint[] | undefined {
  const endpoints = role === undefined ? undefined : networkSetOf(role.ConfigurationSets)?.InputEndpoints;
  if (endpoints === undefined || endpoints.length === 0) return undefined;
  return endpoints.map((e) => ({
    Name: e.Name, Vip: vip, PublicPort: e.Port, LocalPort: e.LocalPort ?? e.Port, Protocol: e.Protocol ?? 'tcp', IdleTimeoutInMinutes: e.IdleTimeoutInMinutes,
  }));
}

/** What the VM agent reports of the extensions installed on the VM, once it is ready. */
function extensionStatuses(role: RoleRecord) {
  return (role.ResourceExtensionReferences ?? []).map((e) => ({
    HandlerName: `${e.Publisher}.${e.Name}`, Version: e.Version, Status: 'Ready',
    FormattedMessage: { Language: 'en-US', Message: `Plugin enabled (name: ${e.Publisher}.${e.Name}, version: ${e.Version}).` },
  }));
}

/** The VM agent's report: ready once the instance is, not ready while it provisions. */
function guestAgentStatus(role: RoleRecord, status: string) {
  const ready = status === 'ReadyRole';
  return {
    ProtocolVersion: '1.0', Timestamp: new Date(), GuestAgentVersion: ready ? 'WALinuxAgent-2.0.16' : 'Unknown', Status: ready ? 'Ready' : 'NotReady',
    FormattedMessage: { Language: 'en-US', Message: ready ? 'GuestAgent is running and accepting new configurations.' : `Status not available for role ${role.RoleName}.` },
  };
}

/**
 * An instance as answered, following the recorded traffic: a VM created with ProvisionGuestAgent (either value;
 * the member came with the 2014 API) reports its host name and remote-access certificate once ready (the
 * certificate also when deallocated), and the VM agent, when asked for, its own status while the VM runs and the
 * status of the VM's extensions once ready. VMs created without the member, and web and worker role instances,
 * reported none of these.
 */
export function instanceView(deployment: DeploymentRecord, instance: RoleInstanceRecord): RoleInstance {
  const phase = observeInstance(instance);
  const role = deployment.roles.get(keyOf(instance.RoleName));
  if (phase.InstanceStatus === 'StoppedDeallocated') return deallocatedView(instance, role);
  const running = phase.PowerState !== 'Stopped';
  const modern = role?.kind === 'vm' && role.ProvisionGuestAgent !== undefined;
  const agent = modern && role!.ProvisionGuestAgent === true && running;
  const ready = phase.InstanceStatus === 'ReadyRole';
  const extensions = agent && ready ? extensionStatuses(role!) : [];
  return {
    RoleName: instance.RoleName, InstanceName: instance.InstanceName, InstanceStatus: phase.InstanceStatus,
    InstanceUpgradeDomain: instance.InstanceUpgradeDomain, InstanceFaultDomain: instance.InstanceFaultDomain, InstanceSize: instance.InstanceSize,
    InstanceStateDetails: phase.InstanceStateDetails ?? '', IpAddress: instance.IpAddress,
    InstanceEndpoints: running ? instanceEndpoints(role, deployment.vip.Address) : undefined, PowerState: phase.PowerState,
    HostName: modern && ready ? instance.HostName : undefined,
    RemoteAccessCertificateThumbprint: modern && ready ? instance.remoteAccessThumbprint : undefined,
    GuestAgentStatus: agent ? guestAgentStatus(role!, phase.InstanceStatus) : undefined,
    ResourceExtensionStatusList: extensions.length > 0 ? extensions : undefined,
  };
}

/** A deallocated VM had no host: the service answered its name, status and remote-access certificate only. */
function deallocatedView(instance: RoleInstanceRecord, role: RoleRecord | undefined): RoleInstance {
  return {
    RoleName: instance.RoleName, InstanceName: instance.InstanceName, InstanceStatus: 'StoppedDeallocated', PowerState: 'Stopped',
    RemoteAccessCertificateThumbprint: role?.ProvisionGuestAgent === undefined ? undefined : instance.remoteAccessThumbprint,
  };
}

/** When every VM of a deployment is deallocated, the service released its public IP (unless reserved) and showed it Suspended. */
export function vipReleased(deployment: DeploymentRecord): boolean {
  return deployment.kind === 'vm' && deployment.ReservedIPName === undefined && deployment.instances.length > 0
    && deployment.instances.every((i) => i.current.InstanceStatus === 'StoppedDeallocated' && i.progress === undefined);
}

export interface DeploymentViewOptions {
  subscription: SubscriptionState;
  service: HostedServiceRecord;
  /** Whether an operation holds the deployment now. */
  locked: boolean;
}

export function deploymentView(deployment: DeploymentRecord, options: DeploymentViewOptions): Deployment {
  const instances = deployment.instances.map((i) => instanceView(deployment, i));
  const released = vipReleased(deployment);
  const vip = deployment.vip.Address;
  const where: RoleContext = released ? { inDeployment: true } : { inDeployment: true, vip };
  return {
    Name: deployment.Name, DeploymentSlot: deployment.DeploymentSlot, PrivateID: deployment.PrivateID, Status: released ? 'Suspended' : deployment.Status,
    Label: deployment.Label, Url: deploymentUrl(options.service, deployment), Configuration: deployment.Configuration,
    RoleInstanceList: instances, UpgradeStatus: deployment.upgrade,
    UpgradeDomainCount: deployment.UpgradeDomainCount, RoleList: [...deployment.roles.values()].map((r) => roleView(options.subscription, r, where)),
    SdkVersion: deployment.SdkVersion ?? '', Locked: options.locked, RollbackAllowed: deployment.RollbackAllowed,
    VirtualNetworkName: deployment.VirtualNetworkName, CreatedTime: new Date(deployment.CreatedTime), LastModifiedTime: new Date(deployment.LastModifiedTime),
    ExtendedProperties: deployment.ExtendedProperties, Dns: deployment.Dns, PersistentVMDowntime: deployment.maintenanceWindow,
    VirtualIPs: released ? undefined : [{ Address: vip, IsDnsProgrammed: true, Name: deployment.vip.Name }, ...(deployment.extraVips ?? []).map((v) => ({ ...v, IsDnsProgrammed: false }))],
    ReservedIPName: deployment.ReservedIPName,
    // Only VM deployments had an internal DNS suffix for their VMs' names.
    InternalDnsSuffix: deployment.kind === 'vm' ? `${options.service.ServiceName.toLowerCase()}.${deployment.PrivateID.slice(0, 2)}.internal.cloudapp.net` : undefined,
    LoadBalancers: structuredClone(deployment.loadBalancers ?? []), MigrationState: deployment.migrationState, ExtensionConfiguration: deployment.ExtensionConfiguration,
    VirtualNetworkId: deployment.VirtualNetworkName === undefined ? undefined : options.subscription.virtualNetworkSites.get(keyOf(deployment.VirtualNetworkName))?.Id,
  };
}

export function diskView(disk: DiskRecord): Disk {
  return {
    AffinityGroup: disk.AffinityGroup, AttachedTo: disk.attachedTo, OS: disk.OS, Label: disk.Label, Location: disk.Location,
    LogicalDiskSizeInGB: disk.LogicalDiskSizeInGB, MediaLink: disk.MediaLink, Name: disk.Name, SourceImageName: disk.SourceImageName,
    IsPremium: false, CreatedTime: new Date(disk.CreatedTime), IOType: disk.IOType,
  };
}
