/**
 * VMRole of the documents onto the service's PersistentVMRole: OSDisk -> OSVirtualHardDisk, DataDisks ->
 * DataVirtualHardDisks, configuration sets translated; RoleType defaults to PersistentVMRole on creation. Wire
 * names given directly (OSVirtualHardDisk, DataVirtualHardDisks, ...) are taken as they are.
 */
import type { ConfigurationSet, DataVirtualHardDisk, Role } from '../../../generated/models/index.js';
import type { DataDisk, OSDisk, VMRole } from '../types.js';
import { configurationSet } from './configuration-sets.js';
import { dataVirtualHardDisk, osVirtualHardDisk } from './disks.js';
import { compact } from './values.js';

export interface RoleMapping {
  /** The operation, for messages. */
  operation: string;
  /** Creation (CreateDeployment, AddRole) fills in RoleType. */
  creating: boolean;
  /** The role named by the call (ModifyRole), used when the object names none. */
  roleName?: string;
}

function mapEach<T>(value: unknown, map: (item: Record<string, unknown>) => T): T[] | unknown {
  return Array.isArray(value) ? value.map((item) => map(item as Record<string, unknown>)) : value;
}

export function persistentVMRole(role: VMRole, mapping: RoleMapping): Role {
  const { OSDisk, OSVirtualHardDisk, DataDisks, DataVirtualHardDisks, ConfigurationSets, RoleType, RoleName, ...wire } = role;
  const osDisk = OSVirtualHardDisk ?? OSDisk;
  return compact({
    ...wire,
    RoleName: RoleName ?? mapping.roleName,
    RoleType: RoleType || (mapping.creating ? 'PersistentVMRole' : undefined),
    ConfigurationSets: mapEach<ConfigurationSet>(ConfigurationSets, configurationSet),
    DataVirtualHardDisks: mapEach<DataVirtualHardDisk>(DataVirtualHardDisks ?? DataDisks, (d) => dataVirtualHardDisk(mapping.operation, d as DataDisk)),
    OSVirtualHardDisk: typeof osDisk === 'object' && osDisk !== null ? osVirtualHardDisk(osDisk as OSDisk) : osDisk,
  }) as unknown as Role;
}

/** An OS disk made from an image with no blob named for it (default-media-link.ts names one). */
export function needsOsMediaLink(role: Role): boolean {
  const disk = role.OSVirtualHardDisk;
  return disk?.SourceImageName !== undefined && disk.MediaLink === undefined && role.MediaLocation === undefined && role.VMImageName === undefined;
}

export function withOsMediaLink(role: Role, mediaLink: string): Role {
  return { ...role, OSVirtualHardDisk: { ...role.OSVirtualHardDisk, MediaLink: mediaLink } };
}
