/**
 * The ordered commands, following the recorded CLI tests (wire-corpus/xplat-cli; command lines from
 * Azure/azure-xplat-cli test/commands/*.js). Names are fixed: each run starts a fresh emulator.
 */
import type { Step } from './outcome.js';

const L = 'West US';
const UBUNTU = 'b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_2-LTS-amd64-server-20150506-en-us-30GB';
const WINDOWS = 'a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-R2-201505.01-en.us-127GB.vhd';
/** Not a secret: a password of the emulator's throwaway VMs, as in the recorded tests. */
const PASSWORD = 'Collabera@01';
const step = (family: string, ...args: string[]): Step => ({ family, args });

export function scenario(customDataFile: string): Step[] {
  return [
    step('affinitygroup', 'account', 'affinity-group', 'create', 'clixag1', '--location', L, '--label', 'clixag1 label', '--description', 'cli crosscheck'),
    step('affinitygroup', 'account', 'affinity-group', 'list', '--json'),
    step('affinitygroup', 'account', 'affinity-group', 'show', 'clixag1', '--json'),
    step('service', 'service', 'create', 'clixsvc1', '--location', L),
    step('service', 'service', 'list', '--json'),
    step('service', 'service', 'show', 'clixsvc1', '--json'),
    step('storage', 'storage', 'account', 'create', 'clixstore1', '--affinity-group', 'clixag1', '--type', 'LRS'),
    step('storage', 'storage', 'account', 'list', '--json'),
    step('storage', 'storage', 'account', 'show', 'clixstore1', '--json'),
    step('storage', 'storage', 'account', 'keys', 'list', 'clixstore1', '--json'),
    step('network-vnet', 'network', 'vnet', 'create', 'clixvnet1', '--location', L, '--address-space', '10.0.0.0', '--cidr', '16', '--subnet-name', 'clixsub1', '--subnet-start-ip', '10.0.0.0', '--subnet-cidr', '24'),
    step('network-vnet', 'network', 'vnet', 'list', '--json'),
    step('network-vnet', 'network', 'vnet', 'show', 'clixvnet1', '--json'),
    step('vm-create', 'vm', 'create', 'clixvm1', UBUNTU, 'azureuser', PASSWORD, '--location', L, '--ssh', '22', '--vm-size', 'Small', '--custom-data', customDataFile),
    step('vm-create', 'vm', 'create', 'clixvm2', WINDOWS, 'azureuser', PASSWORD, '--location', L, '--rdp', '3389', '--vm-size', 'Medium'),
    step('vm-create', 'vm', 'create', 'clixvm3', UBUNTU, 'azureuser', PASSWORD, '--ssh', '--virtual-network-name', 'clixvnet1', '--subnet-names', 'clixsub1', '--static-ip', '10.0.0.10'),
    step('vm-create', 'vm', 'list', '--json'),
    step('vm-create', 'vm', 'show', 'clixvm1', '--json'),
    step('vm-endpoint', 'vm', 'endpoint', 'create', 'clixvm1', '8080', '8081', '--name', 'clixep1'),
    step('vm-endpoint', 'vm', 'endpoint', 'list', 'clixvm1', '--json'),
    step('vm-acl', 'vm', 'endpoint', 'acl-rule', 'create', 'clixvm1', 'clixep1', '10', 'permit', '10.0.0.0/8', '--description', 'cli acl'),
    step('vm-acl', 'vm', 'endpoint', 'acl-rule', 'list', 'clixvm1', 'clixep1', '--json'),
    step('vm-acl', 'vm', 'endpoint', 'acl-rule', 'delete', 'clixvm1', 'clixep1', '10', '--quiet'),
    step('vm-endpoint', 'vm', 'endpoint', 'delete', 'clixvm1', 'clixep1'),
    step('vm-pip', 'vm', 'public-ip', 'set', 'clixvm1', 'clixpip1'),
    step('vm-pip', 'vm', 'public-ip', 'delete', 'clixvm1', 'clixpip1', '--quiet'),
    step('vm-static-ip', 'vm', 'static-ip', 'set', 'clixvm3', '10.0.0.11'),
    step('vm-static-ip', 'vm', 'static-ip', 'show', 'clixvm3', '--json'),
    step('vm-static-ip', 'vm', 'static-ip', 'remove', 'clixvm3'),
    step('vm-disk', 'vm', 'disk', 'attach-new', 'clixvm1', '10'),
    step('vm-disk', 'vm', 'disk', 'list', 'clixvm1', '--json'),
    step('vm-disk', 'vm', 'disk', 'detach', 'clixvm1', '0'),
    step('vm-extension', 'vm', 'extension', 'set', 'clixvm1', 'CustomScriptForLinux', 'Microsoft.OSTCExtensions', '1.*', '--public-config', '{"commandToExecute":"ls"}', '--private-config', '{"storageAccountKey":"c2VjcmV0"}'),
    step('vm-extension', 'vm', 'extension', 'list', '--json'),
    step('vm-extension', 'vm', 'extension', 'get', 'clixvm1', '--json'),
    step('vm-lifecycle', 'vm', 'shutdown', 'clixvm2'),
    step('vm-lifecycle', 'vm', 'start', 'clixvm2'),
    step('vm-lifecycle', 'vm', 'restart', 'clixvm2'),
    step('network-nsg', 'network', 'nsg', 'create', 'clixnsg1', '--location', L),
    step('network-nsg', 'network', 'nsg', 'rule', 'create', 'clixnsg1', 'clixrule1', '--action', 'Allow', '--priority', '200', '--protocol', 'Tcp', '--destination-port-range', '80'),
    step('network-nsg', 'network', 'nsg', 'show', 'clixnsg1', '--json'),
    step('network-nsg', 'network', 'nsg', 'rule', 'delete', 'clixnsg1', 'clixrule1', '--quiet'),
    step('network-nsg', 'network', 'nsg', 'delete', 'clixnsg1', '--quiet'),
    step('network-reservedip', 'network', 'reserved-ip', 'create', 'clixrip1', L),
    step('network-reservedip', 'network', 'reserved-ip', 'list', '--json'),
    step('network-reservedip', 'network', 'reserved-ip', 'delete', 'clixrip1', '--quiet'),
    step('network-local', 'network', 'local-network', 'create', 'clixlocal1', '10.1.0.0/16', '--vpn-gateway-address', '131.1.1.1'),
    step('network-local', 'network', 'local-network', 'list', '--json'),
    step('network-local', 'network', 'local-network', 'delete', 'clixlocal1', '--quiet'),
    step('vm-export', 'vm', 'shutdown', 'clixvm1'),
    step('vm-export', 'vm', 'export', 'clixvm1', 'EXPORT_FILE'),
    step('vm-export', 'vm', 'delete', 'clixvm1', '--quiet'),
    step('vm-export', 'vm', 'create-from', 'clixvm1', 'EXPORT_FILE', '--location', L),
    step('vm-capture', 'vm', 'shutdown', 'clixvm2'),
    step('vm-capture', 'vm', 'capture', 'clixvm2', 'clixcaptured1', '--delete'),
    step('cleanup', 'vm', 'delete', 'clixvm1', '--blob-delete', '--quiet'),
    step('cleanup', 'vm', 'delete', 'clixvm3', '--blob-delete', '--quiet'),
    step('cleanup', 'network', 'vnet', 'delete', 'clixvnet1', '--quiet'),
    step('cleanup', 'service', 'delete', 'clixsvc1', '--quiet'),
    step('cleanup', 'storage', 'account', 'delete', 'clixstore1', '--quiet'),
    step('cleanup', 'account', 'affinity-group', 'delete', 'clixag1', '--quiet'),
  ];
}
