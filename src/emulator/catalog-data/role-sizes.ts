/**
 * The role sizes of the 2015 era (ListRoleSizes), from the published size tables: cores, memory, data-disk limit
 * and the resource (temporary) disk of web/worker roles and of VMs. Basic sizes were for VMs only; the
 * names match the locations' ComputeCapabilities in locations.ts.
 */
import type { RoleSize } from '../../../generated/models/index.js';

/** Name, cores, memory (MB), max data disks, web/worker resource disk (MB, 0 = VMs only), VM resource disk (MB). */
type SizeRow = [string, number, number, number, number, number];

const SIZES: SizeRow[] = [
  ['A10', 8, 57344, 16, 1861268, 391828],
  ['A11', 16, 114688, 16, 1861268, 391828],
  ['A5', 2, 14336, 4, 501760, 138240],
  ['A6', 4, 28672, 8, 1024000, 291840],
  ['A7', 8, 57344, 16, 2088960, 619520],
  ['A8', 8, 57344, 16, 1861268, 391828],
  ['A9', 16, 114688, 16, 1861268, 391828],
  ['Basic_A0', 1, 768, 1, 0, 20480],
  ['Basic_A1', 1, 1792, 2, 0, 40960],
  ['Basic_A2', 2, 3584, 4, 0, 61440],
  ['Basic_A3', 4, 7168, 8, 0, 122880],
  ['Basic_A4', 8, 14336, 16, 0, 245760],
  ['ExtraLarge', 8, 14336, 16, 2088960, 619520],
  ['ExtraSmall', 1, 768, 1, 19456, 20480],
  ['Large', 4, 7168, 8, 1024000, 291840],
  ['Medium', 2, 3584, 4, 501760, 138240],
  ['Small', 1, 1792, 2, 230400, 71680],
  ['Standard_D1', 1, 3584, 2, 51200, 51200],
  ['Standard_D11', 2, 14336, 4, 102400, 102400],
  ['Standard_D12', 4, 28672, 8, 204800, 204800],
  ['Standard_D13', 8, 57344, 16, 409600, 409600],
  ['Standard_D14', 16, 114688, 32, 819200, 819200],
  ['Standard_D2', 2, 7168, 4, 102400, 102400],
  ['Standard_D3', 4, 14336, 8, 204800, 204800],
  ['Standard_D4', 8, 28672, 16, 409600, 409600],
  ['Standard_DS1', 1, 3584, 2, 0, 7168],
  ['Standard_DS11', 2, 14336, 4, 0, 28672],
  ['Standard_DS12', 4, 28672, 8, 0, 57344],
  ['Standard_DS13', 8, 57344, 16, 0, 114688],
  ['Standard_DS14', 16, 114688, 32, 0, 229376],
  ['Standard_DS2', 2, 7168, 4, 0, 14336],
  ['Standard_DS3', 4, 14336, 8, 0, 28672],
  ['Standard_DS4', 8, 28672, 16, 0, 57344],
  ['Standard_G1', 2, 28672, 4, 393216, 393216],
  ['Standard_G2', 4, 57344, 8, 786432, 786432],
  ['Standard_G3', 8, 114688, 16, 1572864, 1572864],
  ['Standard_G4', 16, 229376, 32, 3145728, 3145728],
  ['Standard_G5', 32, 458752, 64, 6291456, 6291456],
];

function roleSize([name, cores, memory, disks, webDisk, vmDisk]: SizeRow): RoleSize {
  return {
    Name: name,
    Label: `${name} (${cores} cores, ${memory} MB)`,
    Cores: cores,
    MemoryInMb: memory,
    SupportedByWebWorkerRoles: webDisk > 0,
    SupportedByVirtualMachines: true,
    MaxDataDiskCount: disks,
    ...(webDisk > 0 ? { WebWorkerResourceDiskSizeInMb: webDisk } : {}),
    VirtualMachineResourceDiskSizeInMb: vmDisk,
  };
}

export function defaultRoleSizes(): RoleSize[] {
  return SIZES.map(roleSize);
}
