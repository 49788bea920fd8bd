/**
 * Configuration scripts for on-premises VPN devices (GetGatewayDeviceConfigurationScript): the device's own
 * command syntax, filled with the gateway's public address and the address spaces on both sides. The pre-shared
 * key stays a placeholder, as in the service's templates, so that a script never carries a secret.
 */
import type { ScriptFamily } from '../catalog-data/vpn-devices.js';

export interface ScriptInputs {
  vendor: string;
  platform: string;
  osFamily: string;
  gatewayAddress: string;
  vnetPrefixes: readonly string[];
  onPremisesPrefixes: readonly string[];
}

export const SHARED_KEY_PLACEHOLDER = '<SP_PresharedKey>';

function maskOf(prefix: string): { network: string; mask: string } {
  const [network = '0.0.0.0', length = '32'] = prefix.split('/');
  const bits = Number(length);
  const value = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { network, mask: [24, 16, 8, 0].map((s) => (value >>> s) & 255).join('.') };
}

function header(i: ScriptInputs, comment: string): string[] {
  return [
    `${comment} Microsoft Azure virtual network gateway: configuration for ${i.vendor} ${i.platform} (${i.osFamily})`,
    `${comment} Azure gateway public address: ${i.gatewayAddress}`,
    `${comment} Replace ${SHARED_KEY_PLACEHOLDER} with the shared key of the connection (GetGatewaySharedKey).`,
  ];
}

function ciscoAsa(i: ScriptInputs): string[] {
  return [
    ...header(i, '!'),
    ...i.onPremisesPrefixes.map((p) => `object-group network onprem-networks\n network-object ${maskOf(p).network} ${maskOf(p).mask}`),
    ...i.vnetPrefixes.map((p) => `object-group network azure-networks\n network-object ${maskOf(p).network} ${maskOf(p).mask}`),
    'access-list azure-vpn-acl extended permit ip object-group onprem-networks object-group azure-networks',
    'crypto ipsec ikev1 transform-set azure-ipsec-proposal-set esp-aes-256 esp-sha-hmac',
    'crypto map azure-crypto-map 1 match address azure-vpn-acl',
    `crypto map azure-crypto-map 1 set peer ${i.gatewayAddress}`,
    'crypto map azure-crypto-map 1 set ikev1 transform-set azure-ipsec-proposal-set',
    'crypto map azure-crypto-map interface outside',
    `tunnel-group ${i.gatewayAddress} type ipsec-l2l`,
    `tunnel-group ${i.gatewayAddress} ipsec-attributes`,
    ` ikev1 pre-shared-key ${SHARED_KEY_PLACEHOLDER}`,
  ];
}

function ciscoIos(i: ScriptInputs): string[] {
  return [
    ...header(i, '!'),
    'crypto ikev2 proposal azure-proposal',
    '  encryption aes-cbc-256 aes-cbc-128 3des',
    '  integrity sha1',
    '  group 2',
    'crypto ikev2 keyring azure-keyring',
    `  peer ${i.gatewayAddress}`,
    `    address ${i.gatewayAddress}`,
    `    pre-shared-key ${SHARED_KEY_PLACEHOLDER}`,
    'crypto ipsec transform-set azure-ipsec-proposal-set esp-aes 256 esp-sha-hmac',
    'interface Tunnel1',
    `  tunnel destination ${i.gatewayAddress}`,
    '  tunnel mode ipsec ipv4',
    ...i.vnetPrefixes.map((p) => `ip route ${maskOf(p).network} ${maskOf(p).mask} Tunnel1`),
  ];
}

function junos(i: ScriptInputs): string[] {
  return [
    ...header(i, '#'),
    `set security ike policy azure-ike-policy pre-shared-key ascii-text "${SHARED_KEY_PLACEHOLDER}"`,
    `set security ike gateway azure-gateway address ${i.gatewayAddress}`,
    'set security ike gateway azure-gateway ike-policy azure-ike-policy',
    'set security ipsec vpn azure-vpn ike gateway azure-gateway',
    ...i.vnetPrefixes.map((p) => `set security zones security-zone untrust address-book address azure-net-${p.replace(/[./]/g, '-')} ${p}`),
    ...i.onPremisesPrefixes.map((p) => `set security zones security-zone trust address-book address onprem-net-${p.replace(/[./]/g, '-')} ${p}`),
  ];
}

function screenos(i: ScriptInputs): string[] {
  return [
    ...header(i, '#'),
    `set ike gateway "azure-gateway" address ${i.gatewayAddress} main outgoing-interface "ethernet0/0" preshare "${SHARED_KEY_PLACEHOLDER}" sec-level standard`,
    'set vpn "azure-vpn" gateway "azure-gateway" sec-level standard',
    ...i.vnetPrefixes.map((p) => `set route ${p} interface tunnel.1`),
  ];
}

function rras(i: ScriptInputs): string[] {
  return [
    ...header(i, '#'),
    'Install-WindowsFeature -Name RemoteAccess, Routing -IncludeManagementTools',
    'Install-RemoteAccess -VpnType VpnS2S',
    `Add-VpnS2SInterface -Protocol IKEv2 -AuthenticationMethod PSKOnly -NumberOfTries 3 -ResponderAuthenticationMethod PSKOnly -Name ${i.gatewayAddress} -Destination ${i.gatewayAddress} -IPv4Subnet @(${i.vnetPrefixes.map((p) => `"${p}:100"`).join(', ')}) -SharedSecret "${SHARED_KEY_PLACEHOLDER}"`,
    `Connect-VpnS2SInterface -Name ${i.gatewayAddress}`,
  ];
}

const TEMPLATES: Record<ScriptFamily, (i: ScriptInputs) => string[]> = { 'cisco-asa': ciscoAsa, 'cisco-ios': ciscoIos, junos, screenos, rras };

export function deviceScript(family: ScriptFamily, inputs: ScriptInputs): string {
  return `${TEMPLATES[family](inputs).join('\n')}\n`;
}
