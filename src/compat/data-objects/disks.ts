/**
 * OSDisk and DataDisk of the documents onto OSVirtualHardDisk and DataVirtualHardDisk. The documents describe
 * caching with booleans; the service takes one HostCaching value (None, ReadOnly or ReadWrite), so the booleans
 * are translated and an explicit HostCaching wins.
 */
import type { DataVirtualHardDisk, OSVirtualHardDisk } from '../../../generated/models/index.js';
import { ValidationError } from '../../core/errors.js';
import type { DataDisk, OSDisk } from '../types.js';
import { compact, integer } from './values.js';

type HostCaching = NonNullable<OSVirtualHardDisk['HostCaching']>;

/** The OS disk caches reads always; DisableWriteCache chooses between ReadOnly and ReadWrite. */
function osHostCaching(disableWriteCache: unknown): HostCaching | undefined {
  if (disableWriteCache === undefined) return undefined;
  return disableWriteCache === true ? 'ReadOnly' : 'ReadWrite';
}

/** Data disks: reads and writes cached (ReadWrite), reads only (ReadOnly), or nothing (None). */
function dataHostCaching(operation: string, disableReadCache: unknown, enableWriteCache: unknown): HostCaching | undefined {
  if (disableReadCache === undefined && enableWriteCache === undefined) return undefined;
  if (disableReadCache === true) {
    if (enableWriteCache === true) {
      throw new ValidationError(operation, [{ path: 'DataDisk', rule: 'EnableWriteCache needs the read cache: a disk caches writes only with reads (HostCaching ReadWrite)' }]);
    }
    return 'None';
  }
  return enableWriteCache === true ? 'ReadWrite' : 'ReadOnly';
}

export function osVirtualHardDisk(disk: OSDisk): OSVirtualHardDisk {
  const { DisableWriteCache, HostCaching, ...wire } = disk;
  return compact({ ...wire, HostCaching: HostCaching ?? osHostCaching(DisableWriteCache) }) as OSVirtualHardDisk;
}

/** `lun`, when given, is the LUN named by the call (ModifyDataDisk), used when the object names none. */
export function dataVirtualHardDisk(operation: string, disk: DataDisk, lun?: number): DataVirtualHardDisk {
  const { DisableReadCache, EnableWriteCache, HostCaching, LUN, Lun, LogicalDiskSizeInGB, ...wire } = disk;
  return compact({
    ...wire,
    HostCaching: HostCaching ?? dataHostCaching(operation, DisableReadCache, EnableWriteCache),
    Lun: integer(LUN ?? Lun ?? lun),
    LogicalDiskSizeInGB: integer(LogicalDiskSizeInGB),
  }) as DataVirtualHardDisk;
}
