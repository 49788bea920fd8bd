/**
 * The resources a run builds and the names later calls use, and the arguments of a method filled in by
 * parameter name (serviceName, deploymentName, diskName, …): the generated clients name their parameters
 * consistently, so one table covers almost every method and the per-family inputs only give request bodies.
 */
import type { DocParam, MethodInfo } from './clients.js';

export interface RunContext {
  readonly location: string;
  readonly affinityGroup: string;
  readonly storageAccount: string;
  readonly service: string;
  /** A second cloud service, for the package deployment (a VM deployment and a package one cannot share a slot). */
  readonly packageService: string;
  readonly deployment: string;
  readonly role: string;
  readonly osImage: string;
  readonly vmImage: string;
  readonly platformImage: string;
  readonly disk: string;
  readonly vnet: string;
  readonly reservedIp: string;
  /** Virtual networks for the gateways (one gateway per vnet): the classic one's is vnet, V2 ones in vnet2/vnet3, a second classic one in vnet4. */
  readonly vnet2: string;
  readonly vnet3: string;
  readonly vnet4: string;
  /** The local network site of the network configuration that vnet's gateway connects to. */
  readonly localSite: string;
  /** Learnt as the run goes: the V2 gateways' ids (by list), the local network gateway's id (by its create). */
  gatewayId: string;
  gatewayId2: string;
  localGatewayId: string;
  /** The application gateway's configuration as getConfig answered it, for setConfig to send back. */
  appGatewayConfig: Record<string, unknown>;
  /** Set as the run goes: the thumbprint of the service certificate it uploaded, the last async request id. */
  serviceCertThumbprint: string;
  lastRequestId: string;
  /**
   * What the run leaves in its storage account, to delete before the account and its affinity group: the images
   * it captured (by the names it gave), the disks its VMs left (detached, or of a deployment deleted by slot).
   */
  capturedOsImages: string[];
  capturedVmImages: string[];
  leftDisks: string[];
  /** A counter for fresh names (a create repeated by its begin/plain twin must not collide). */
  serial: number;
}

export function newContext(seed: number): RunContext {
  const tag = String(seed).padStart(5, '0').slice(-5);
  return {
    location: 'West US',
    affinityGroup: `xcaffinity${tag}`,
    storageAccount: `xcstore${tag}`,
    service: `xcsvc${tag}`,
    packageService: `xcpkg${tag}`,
    deployment: `xcdep${tag}`,
    role: 'xcvm1',
    osImage: `xc-osimage-${tag}`,
    vmImage: `xc-vmimage-${tag}`,
    platformImage: 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd',
    disk: `xc-disk-${tag}`,
    vnet: `xcvnet${tag}`,
    reservedIp: `xcrip${tag}`,
    vnet2: `xcvnet${tag}b`,
    vnet3: `xcvnet${tag}c`,
    vnet4: `xcvnet${tag}d`,
    localSite: `xclocal${tag}`,
    gatewayId: 'xc-gatewayid',
    gatewayId2: 'xc-gatewayid2',
    localGatewayId: 'xc-localgatewayid',
    appGatewayConfig: {},
    serviceCertThumbprint: '0000000000000000000000000000000000000000',
    lastRequestId: '00000000-0000-0000-0000-000000000000',
    capturedOsImages: [],
    capturedVmImages: [],
    leftDisks: [],
    serial: 0,
  };
}

export function fresh(ctx: RunContext, prefix: string): string {
  ctx.serial += 1;
  return `${prefix}${ctx.serial}`;
}

export function vhd(ctx: RunContext, blob: string): string {
  return `https://${ctx.storageAccount}.blob.core.windows.net/vhds/${blob}`;
}

/** A positional argument from its name; `parameters` is the caller's business (see inputs-*.ts). */
export function argumentFor(ctx: RunContext, name: string): unknown {
  switch (name) {
    case 'serviceName': return ctx.service;
    case 'deploymentName': return ctx.deployment;
    case 'deploymentSlot': return 'Production';
    case 'roleName': case 'virtualMachineName': case 'roleInstanceName': case 'roleinstanceName': return ctx.role;
    case 'deleteFromStorage': return false;
    case 'startTime': return new Date(Date.now() - 3600_000);
    case 'endTime': return new Date();
    case 'logicalUnitNumber': return 0;
    case 'diskName': return ctx.disk;
    case 'imageName': return ctx.osImage;
    case 'vmImageName': return ctx.vmImage;
    case 'storageAccountName': case 'accountName': return ctx.storageAccount;
    case 'affinityGroupName': return ctx.affinityGroup;
    case 'networkName': case 'virtualNetworkName': case 'vnetName': return ctx.vnet;
    case 'reservedIpName': case 'ipName': return ctx.reservedIp;
    case 'requestId': case 'operationId': return ctx.lastRequestId;
    case 'thumbprint': case 'certificateThumbprint': return ctx.serviceCertThumbprint;
    case 'ipAddress': return '10.0.0.4';
    case 'detailLevel': return 'Full';
    case 'resources': return 'All';
    case 'permission': return 'Private';
    case 'providerNamespace': return 'Microsoft.Compute';
    case 'publisherName': return 'Microsoft.Compute';
    case 'extensionName': case 'type': return 'BGInfo';
    case 'version': return '1.*';
    default: return `xc-${name.toLowerCase()}`;
  }
}

/** Body parameters from the JSDoc's required members only, when no input was written for the method. */
export function requiredParameters(ctx: RunContext, docs: readonly DocParam[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const doc of docs.filter((d) => d.required)) {
    const path = doc.path.split('.');
    let target = out;
    for (const step of path.slice(0, -1)) target = (target[step] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = sampleValue(ctx, path.at(-1)!, doc.type);
  }
  return out;
}

function sampleValue(ctx: RunContext, leaf: string, type: string): unknown {
  switch (type) {
    case 'boolean': return false;
    case 'number': return 1;
    case 'date': return new Date();
    case 'buffer': return Buffer.from('crosscheck');
    case 'array': case 'IEnumerable': return [];
    case 'object': return {};
  }
  const name = leaf.toLowerCase();
  if (name === 'label') return 'crosscheck';
  if (name === 'location') return ctx.location;
  if (name.includes('medialink') || name.endsWith('uri')) return vhd(ctx, `${leaf}.vhd`);
  if (name === 'name') return fresh(ctx, 'xcname');
  return `xc-${leaf}`;
}

/** Methods whose names say they remove something run after everything else, in reverse order of creation. */
export function isRemoval(m: MethodInfo): boolean {
  return /^(begin)?(delet|remov|unregister|unreplicat)/i.test(m.method) || /^deleteMethod$|^deleteAll$/.test(m.method);
}
