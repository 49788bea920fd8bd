/**
 * The virtual machine of the seed's sample code (the 2012 Node.js guide): role "sampleRole", size Small, an OS
 * disk from the guide's Windows image, a 10 GB data disk at LUN 0, a provisioning configuration set for machine
 * "sampleMach1" and a network configuration set with endpoint "endpname1" (public 59919 to local 3395). What
 * the guide left to the service then, the API later required: the OS disk's blob (MediaLink, here in the demo's
 * storage account), an administrator name, and the VM agent (ProvisionGuestAgent).
 */
import type { ConfigurationSet, Role } from '../../generated/index.js';

export const SEED_IMAGE = 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd';

export function vhdUrl(account: string, blob: string): string {
  return `https://${account}.blob.core.windows.net/vhds/${blob}`;
}

export function provisioningSet(machineName: string): ConfigurationSet {
  return {
    ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: machineName, AdminPassword: 'myAdminPwd1',
    ResetPasswordOnFirstLogon: false, AdminUsername: 'sampleadmin',
  };
}

export function seedRole(account: string): Role {
  return {
    RoleName: 'sampleRole',
    RoleSize: 'Small',
    ProvisionGuestAgent: true,
    OSVirtualHardDisk: { SourceImageName: SEED_IMAGE, MediaLink: vhdUrl(account, 'sampleRole-os.vhd') },
    DataVirtualHardDisks: [{ LogicalDiskSizeInGB: 10, Lun: 0 }],
    ConfigurationSets: [
      provisioningSet('sampleMach1'),
      { ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ Name: 'endpname1', Protocol: 'tcp', Port: 59919, LocalPort: 3395 }] },
    ],
  };
}
