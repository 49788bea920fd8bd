/**
 * Making what a recorded answer shows exist in the emulator, through the typed client, before the same GET is
 * sent to it: the xplat-cli recordings keep answers only, so the answer itself says what to create (a
 * deployment's roles with their disks and endpoints, a service's properties, an image, an account...).
 * Prerequisites come first (the image a VM is made from, the storage account of its blobs, the cloud service),
 * each made once. Values the emulator does not offer (sizes, locations, virtual networks) are replaced by ones
 * it does: only the answers' shapes are compared.
 */
import type {
  AffinityGroup, ConfigurationSet, DataVirtualHardDisk, Deployment, Disk, HostedService, InputEndpoint, LocalNetworkSiteConfiguration, NetworkConfiguration, NetworkConfigurationDnsServer,
  OSImage, ReservedIP, Role, ServiceManagementClient, StorageService, VirtualNetworkSite, VirtualNetworkSiteConfiguration,
} from '../../generated/index.js';
import type { InstancePhase } from '../../src/emulator/records.js';
import { keyOf, type EmulatorState } from '../../src/emulator/state.js';

const PASSWORD = 'Prep-Passw0rd';
const IMAGE_ACCOUNT = 'xplatimages';

function accountOf(link: string | undefined): string | undefined {
  return link === undefined ? undefined : /^https?:\/\/([a-z0-9]{3,24})\.blob\.core\.windows\.net\/[^/]+\/.+/i.exec(link)?.[1]?.toLowerCase();
}

export class Preparer {
  readonly #made = new Map<string, Promise<void>>();
  readonly #serviceLocations = new Map<string, string>();
  readonly #storageLocations = new Map<string, string>();
  readonly #deployments = new Map<string, { fingerprint: string; name: string; made: Promise<void> }>();
  /** The network configuration document prepared so far, by lower-case name; each change sets it whole. */
  readonly #sites = new Map<string, VirtualNetworkSiteConfiguration>();
  readonly #dnsServers = new Map<string, NetworkConfigurationDnsServer>();
  readonly #localSites = new Map<string, LocalNetworkSiteConfiguration>();

  constructor(readonly client: ServiceManagementClient, private readonly state: EmulatorState, private readonly subscriptionId: string) {}

  /** Runs `make` once per key (later calls wait for the first). */
  #once(key: string, make: () => Promise<void>): Promise<void> {
    let made = this.#made.get(key.toLowerCase());
    if (made === undefined) {
      made = make();
      this.#made.set(key.toLowerCase(), made);
    }
    return made;
  }

  /** Runs `make` with the client once per key, for preparations kept in files of their own (gateway-preparer.ts). */
  once(key: string, make: (client: ServiceManagementClient) => Promise<void>): Promise<void> {
    return this.#once(key, () => make(this.client));
  }

  location(name: string | undefined): string {
    const known = name === undefined ? undefined : this.state.location(name.split(';')[0]!);
    return known?.Name ?? 'West US';
  }

  storage(name: string, recorded: StorageService['StorageServiceProperties'] = {}, extra: Partial<StorageService> = {}): Promise<void> {
    return this.#once(`storage/${name}`, async () => {
      const placement = recorded.AffinityGroup !== undefined ? await this.#group(recorded.AffinityGroup) : { Location: this.location(recorded.Location) };
      if ('Location' in placement) this.#storageLocations.set(name.toLowerCase(), placement.Location);
      const type = recorded.AccountType as 'Standard_LRS' | undefined;
      await this.client.createStorageAccount({
        ServiceName: name, Label: recorded.Label ?? name, Description: recorded.Description, ...placement, ExtendedProperties: extra.ExtendedProperties,
        ...(type === undefined ? {} : { AccountType: type }),
      }, { wait: true });
    });
  }

  async #group(name: string): Promise<{ AffinityGroup: string }> {
    await this.affinityGroup({ Name: name });
    return { AffinityGroup: name };
  }

  affinityGroup(recorded: AffinityGroup): Promise<void> {
    return this.#once(`group/${recorded.Name}`, async () => {
      await this.client.createAffinityGroup({ Name: recorded.Name!, Label: recorded.Label ?? recorded.Name!, Description: recorded.Description, Location: this.location(recorded.Location) });
    });
  }

  service(name: string, recorded: HostedService['HostedServiceProperties'] = {}): Promise<void> {
    return this.#once(`service/${name}`, async () => {
      const placement = recorded.AffinityGroup !== undefined ? await this.#group(recorded.AffinityGroup) : { Location: this.location(recorded.Location) };
      this.#serviceLocations.set(name.toLowerCase(), 'Location' in placement ? placement.Location : 'West US');
      await this.client.createHostedService({
        ServiceName: name, Label: recorded.Label ?? name, Description: recorded.Description, ...placement, ExtendedProperties: recorded.ExtendedProperties,
      });
    });
  }

  /** A blob link the emulator accepts for the service: the recorded one, its account made in the service's location. */
  async #blob(service: string, link: string | undefined, fallback: string): Promise<string> {
    const account = accountOf(link) ?? 'xplatvhds';
    await this.storage(account, { Location: this.#serviceLocations.get(service.toLowerCase()) ?? 'West US' });
    return accountOf(link) === undefined ? `https://${account}.blob.core.windows.net/vhds/${fallback}` : link!;
  }

  /**
   * An image the recording shows: a user image is added through the API from a blob; a platform image (or one a
   * recorded VM was made from) joins the emulator's platform catalog, where the service had it.
   */
  osImage(recorded: OSImage): Promise<void> {
    const name = recorded.Name!;
    if (this.state.osImages.some((i) => i.Name.toLowerCase() === name.toLowerCase())) return Promise.resolve();
    if (recorded.Category !== 'User') {
      this.state.osImages.push({ ...recorded, Name: name, Label: recorded.Label ?? name, OS: recorded.OS ?? 'Linux', Category: 'Public' });
      return Promise.resolve();
    }
    return this.#once(`image/${name}`, async () => {
      const { Category: _c, Location: _l, LogicalSizeInGB: _s, AffinityGroup: _a, OSState: _o, IOType: _i, MediaLink: link, ...fields } = recorded;
      const media = accountOf(link) === undefined ? `https://${IMAGE_ACCOUNT}.blob.core.windows.net/images/${name}.vhd` : link!;
      await this.storage(accountOf(media)!);
      await this.client.addOSImage({ ...fields, Label: recorded.Label ?? name, OS: recorded.OS ?? 'Linux', MediaLink: media });
    });
  }

  #provisioning(role: string, os: 'Linux' | 'Windows'): ConfigurationSet {
    if (os === 'Windows') return { ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: role.slice(0, 15), AdminUsername: 'azureuser', AdminPassword: PASSWORD };
    return { ConfigurationSetType: 'LinuxProvisioningConfiguration', HostName: role, UserName: 'azureuser', UserPassword: PASSWORD, DisableSshPasswordAuthentication: false };
  }

  #network(recorded: Role): ConfigurationSet {
    const set = recorded.ConfigurationSets?.find((s) => s.ConfigurationSetType === 'NetworkConfiguration');
    const endpoints = set?.ConfigurationSetType === 'NetworkConfiguration' ? set.InputEndpoints : undefined;
    const subnets = set?.ConfigurationSetType === 'NetworkConfiguration' ? set : undefined;
    return {
      ConfigurationSetType: 'NetworkConfiguration', ...(endpoints === undefined ? {} : { InputEndpoints: endpoints.map(({ Vip: _vip, ...e }): InputEndpoint => e) }),
      ...((subnets?.SubnetNames ?? []).length === 0 ? {} : { SubnetNames: subnets!.SubnetNames }),
      ...(subnets?.StaticVirtualNetworkIPAddress === undefined ? {} : { StaticVirtualNetworkIPAddress: subnets.StaticVirtualNetworkIPAddress }),
    };
  }

  async #dataDisks(service: string, recorded: Role): Promise<DataVirtualHardDisk[]> {
    const disks: DataVirtualHardDisk[] = [];
    for (const d of recorded.DataVirtualHardDisks ?? []) {
      const link = await this.#blob(service, d.MediaLink, `${recorded.RoleName}-${d.Lun ?? 0}.vhd`);
      disks.push({ HostCaching: d.HostCaching, DiskLabel: d.DiskLabel, DiskName: d.DiskName, Lun: d.Lun ?? 0, LogicalDiskSizeInGB: d.LogicalDiskSizeInGB ?? 10, MediaLink: link });
    }
    return disks;
  }

  /** A role the emulator can create, made after the recorded one. */
  async #role(service: string, recorded: Role): Promise<Role> {
    const os = recorded.OSVirtualHardDisk?.OS ?? 'Linux';
    const image = recorded.OSVirtualHardDisk?.SourceImageName ?? recorded.VMImageName ?? `xplat-${os.toLowerCase()}-image`;
    await this.osImage({ Name: image, OS: os });
    const size = recorded.RoleSize !== undefined && this.state.roleSize(recorded.RoleSize) !== undefined ? recorded.RoleSize : 'Small';
    return {
      RoleName: recorded.RoleName, RoleType: 'PersistentVMRole', ConfigurationSets: [this.#provisioning(recorded.RoleName, os), this.#network(recorded)],
      ResourceExtensionReferences: recorded.ResourceExtensionReferences, AvailabilitySetName: recorded.AvailabilitySetName,
      DataVirtualHardDisks: await this.#dataDisks(service, recorded),
      OSVirtualHardDisk: {
        HostCaching: recorded.OSVirtualHardDisk?.HostCaching, DiskName: recorded.OSVirtualHardDisk?.DiskName, SourceImageName: image,
        MediaLink: await this.#blob(service, recorded.OSVirtualHardDisk?.MediaLink, `${recorded.RoleName}-os.vhd`),
      },
      RoleSize: size, ProvisionGuestAgent: recorded.ProvisionGuestAgent, DebugSettings: recorded.DebugSettings,
    };
  }

  /**
   * The deployment a recorded answer shows. The recording changed it between answers (roles, endpoints, disks),
   * so when an answer shows it otherwise than the last one, it is made again.
   */
  async deployment(service: string, recorded: Deployment, slot: 'Production' | 'Staging' = 'Production'): Promise<void> {
    const key = `deployment/${service}/${recorded.DeploymentSlot ?? slot}`.toLowerCase();
    const fingerprint = JSON.stringify((recorded.RoleList ?? []).map((r) => [r.RoleName, this.#network(r), r.DataVirtualHardDisks?.map((d) => [d.Lun, d.MediaLink]), r.ProvisionGuestAgent, r.ResourceExtensionReferences?.length]));
    const previous = this.#deployments.get(key);
    if (previous?.fingerprint === fingerprint) return previous.made;
    const made = (async () => {
      await previous?.made.catch(() => undefined);
      if (previous !== undefined) await this.client.deleteDeployment({ ServiceName: service, DeploymentName: previous.name, DeleteMedia: true }, { wait: true }).catch(() => undefined);
      await this.#createDeployment(service, recorded, slot);
    })();
    this.#deployments.set(key, { fingerprint, name: recorded.Name ?? service, made });
    return made;
  }

  /**
   * A deployment with an SDK version was a package deployment of web and worker roles: it is made from a
   * configuration with the recorded roles and instance counts (the package itself is not needed).
   */
  async #createPackageDeployment(service: string, recorded: Deployment, slot: 'Production' | 'Staging'): Promise<void> {
    await this.service(service);
    const counts = new Map<string, number>();
    for (const instance of recorded.RoleInstanceList ?? []) counts.set(instance.RoleName!, (counts.get(instance.RoleName!) ?? 0) + 1);
    const roles = [...counts].map(([role, n]) => `<Role name="${role}"><Instances count="${n}" /></Role>`).join('');
    const account = 'xplatpackages';
    await this.storage(account, { Location: this.#serviceLocations.get(service.toLowerCase()) ?? 'West US' });
    await this.client.createDeployment({
      ServiceName: service, DeploymentSlot: recorded.DeploymentSlot ?? slot, Name: recorded.Name ?? service, Label: recorded.Label ?? service,
      PackageUrl: `https://${account}.blob.core.windows.net/packages/${service}.cspkg`, StartDeployment: recorded.Status !== 'Suspended',
      Configuration: `<ServiceConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration">${roles}</ServiceConfiguration>`,
    }, { wait: true });
  }

  /** A new service goes where the storage account of its first VM's disk is, as the service required. */
  async #createDeployment(service: string, recorded: Deployment, slot: 'Production' | 'Staging'): Promise<void> {
    if ((recorded.SdkVersion ?? '') !== '') return this.#createPackageDeployment(service, recorded, slot);
    const account = accountOf(recorded.RoleList?.[0]?.OSVirtualHardDisk?.MediaLink);
    await this.service(service, { Location: account === undefined ? undefined : this.#storageLocations.get(account) });
    const roles: Role[] = [];
    for (const role of recorded.RoleList ?? []) roles.push(await this.#role(service, role));
    if (recorded.VirtualNetworkName !== undefined) await this.#networkFor(recorded.VirtualNetworkName, roles);
    await this.client.createVirtualMachineDeployment({
      ServiceName: service, Name: recorded.Name ?? service, DeploymentSlot: recorded.DeploymentSlot ?? slot, Label: recorded.Label ?? service, RoleList: roles,
      ...(recorded.VirtualNetworkName === undefined ? {} : { VirtualNetworkName: recorded.VirtualNetworkName }),
    }, { wait: true });
  }

  /** A disk: attached ones come with a VM that uses them (as its OS disk or as a data disk), free ones are registered. */
  disk(recorded: Disk): Promise<void> {
    const at = recorded.AttachedTo;
    if (at?.HostedServiceName === undefined || at.DeploymentName === undefined || at.RoleName === undefined) {
      return this.#once(`disk/${recorded.Name}`, async () => {
        const link = await this.#blob('', recorded.MediaLink, `${recorded.Name}.vhd`);
        await this.client.addDisk({ Name: recorded.Name, Label: recorded.Label, MediaLink: link, ...(recorded.OS === undefined ? {} : { OS: recorded.OS }) });
      });
    }
    const disk = { DiskName: recorded.Name, MediaLink: recorded.MediaLink, OS: recorded.OS };
    const role: Role = recorded.OS !== undefined
      ? { RoleName: at.RoleName, OSVirtualHardDisk: { ...disk, SourceImageName: recorded.SourceImageName } }
      : { RoleName: at.RoleName, DataVirtualHardDisks: [{ DiskName: recorded.Name, MediaLink: recorded.MediaLink, Lun: 0, LogicalDiskSizeInGB: recorded.LogicalDiskSizeInGB }] };
    return this.deployment(at.HostedServiceName, { Name: at.DeploymentName, RoleList: [role] });
  }

  reservedIp(recorded: ReservedIP): Promise<void> {
    return this.#once(`reservedip/${recorded.Name}`, async () => {
      await this.client.createReservedIP({ Name: recorded.Name, Label: recorded.Label, Location: this.location(recorded.Location) }, { wait: true });
    });
  }

  /** The prepared deployment's instances show the statuses of the recorded ones (transient ones included). */
  showInstancesAs(service: string, recorded: Deployment): void {
    const deployment = this.state.subscription(this.subscriptionId)?.hostedServices.get(keyOf(service))?.deployments.get(keyOf(recorded.Name ?? service));
    for (const shown of recorded.RoleInstanceList ?? []) {
      const instance = deployment?.instances.find((i) => keyOf(i.InstanceName) === keyOf(shown.InstanceName ?? ''));
      if (instance === undefined || shown.InstanceStatus === undefined) continue;
      instance.current = { InstanceStatus: shown.InstanceStatus, PowerState: (shown.PowerState ?? 'Started') as InstancePhase['PowerState'], InstanceStateDetails: shown.InstanceStateDetails };
      delete instance.progress;
    }
  }

  async #setNetworks(): Promise<void> {
    await this.client.setNetworkConfiguration({
      VirtualNetworkConfiguration: {
        ...(this.#dnsServers.size === 0 ? {} : { Dns: { DnsServers: [...this.#dnsServers.values()] } }),
        ...(this.#localSites.size === 0 ? {} : { LocalNetworkSites: [...this.#localSites.values()] }),
        VirtualNetworkSites: [...this.#sites.values()],
      },
    }, { wait: true });
  }

  /**
   * The virtual networks a ListVirtualNetworkSites answer shows, as configuration: DNS servers and gateway
   * sites become the document's DnsServers and LocalNetworkSites, referenced by name; an affinity group is made.
   */
  async networks(recorded: VirtualNetworkSite[]): Promise<void> {
    for (const site of recorded) {
      if (site.AffinityGroup !== undefined) await this.affinityGroup({ Name: site.AffinityGroup });
      for (const dns of site.Dns?.DnsServers ?? []) this.#dnsServers.set(keyOf(dns.Name!), { name: dns.Name!, IPAddress: dns.Address });
      for (const local of site.Gateway?.Sites ?? []) {
        this.#localSites.set(keyOf(local.Name!), { name: local.Name!, AddressSpace: local.AddressSpace?.AddressPrefixes ?? [], VPNGatewayAddress: local.VpnGatewayAddress });
      }
      this.#sites.set(keyOf(site.Name!), {
        name: site.Name!, ...(site.AffinityGroup === undefined ? { Location: this.location(site.Location) } : { AffinityGroup: site.AffinityGroup }),
        AddressSpace: site.AddressSpace?.AddressPrefixes ?? [], Subnets: (site.Subnets ?? []).map((n) => ({ name: n.Name!, AddressPrefix: n.AddressPrefix })),
        ...(site.Dns === undefined ? {} : { DnsServersRef: (site.Dns.DnsServers ?? []).map((d) => ({ name: d.Name! })) }),
        ...(site.Gateway === undefined ? {} : {
          Gateway: { profile: site.Gateway.Profile, ConnectionsToLocalNetwork: (site.Gateway.Sites ?? []).map((l) => ({ name: l.Name!, Connection: { type: l.Connections?.[0]?.Type ?? 'IPsec' } })) },
        }),
      });
    }
    await this.#setNetworks();
  }

  /** A recorded network configuration document, set as it is (locations the emulator lacks become West US). */
  async networkDocument(recorded: NetworkConfiguration): Promise<void> {
    const configuration = recorded.VirtualNetworkConfiguration ?? {};
    for (const dns of configuration.Dns?.DnsServers ?? []) this.#dnsServers.set(keyOf(dns.name), dns);
    for (const local of configuration.LocalNetworkSites ?? []) this.#localSites.set(keyOf(local.name), local);
    for (const site of configuration.VirtualNetworkSites ?? []) {
      if (site.AffinityGroup !== undefined) await this.affinityGroup({ Name: site.AffinityGroup });
      this.#sites.set(keyOf(site.name), site.AffinityGroup === undefined ? { ...site, Location: this.location(site.Location) } : site);
    }
    await this.#setNetworks();
  }

  /** A virtual network holding `address` (CheckStaticIPAvailability): its /16 as space, its /24 as a subnet. */
  async networkWithAddress(name: string, address: string): Promise<void> {
    if (this.#sites.has(keyOf(name))) return;
    const [a, b, c] = address.split('.');
    this.#sites.set(keyOf(name), { name, Location: 'West US', AddressSpace: [`${a}.${b}.0.0/16`], Subnets: [{ name: 'Subnet-1', AddressPrefix: `${a}.${b}.${c}.0/24` }] });
    await this.#setNetworks();
  }

  /**
   * The virtual network a recorded deployment is in, with the subnets its VMs name: a subnet holding a VM's
   * static address is that address's /24; others get a /16 of their own under 10.128.0.0/9.
   */
  async #networkFor(name: string, roles: readonly Role[]): Promise<void> {
    const site = this.#sites.get(keyOf(name)) ?? { name, Location: 'West US', AddressSpace: [], Subnets: [] };
    let spare = (site.Subnets ?? []).length;
    for (const role of roles) {
      const set = role.ConfigurationSets?.find((s) => s.ConfigurationSetType === 'NetworkConfiguration');
      if (set?.ConfigurationSetType !== 'NetworkConfiguration') continue;
      for (const subnet of set.SubnetNames ?? []) {
        if (site.Subnets!.some((s) => keyOf(s.name) === keyOf(subnet))) continue;
        const [a, b, c] = (set.StaticVirtualNetworkIPAddress ?? '').split('.');
        const prefix = set.StaticVirtualNetworkIPAddress !== undefined ? `${a}.${b}.${c}.0/24` : `10.${128 + spare++}.0.0/16`;
        site.Subnets!.push({ name: subnet, AddressPrefix: prefix });
        site.AddressSpace!.push(prefix);
      }
    }
    if (this.#sites.get(keyOf(name)) === site && roles.length > 0) return this.#setNetworks();
    this.#sites.set(keyOf(name), site);
    await this.#setNetworks();
  }

  /** Takes away the deployments prepared for a service that the recording shows without any. */
  async removeDeployments(service: string): Promise<void> {
    for (const [key, prepared] of this.#deployments) {
      if (!key.startsWith(`deployment/${service.toLowerCase()}/`)) continue;
      await prepared.made.catch(() => undefined);
      await this.client.deleteDeployment({ ServiceName: service, DeploymentName: prepared.name, DeleteMedia: true }, { wait: true }).catch(() => undefined);
      this.#deployments.delete(key);
    }
  }
}
