/**
 * The configuration sets of a VM role: one provisioning set (Windows or Linux: computer name, administrator,
 * password) when the VM is made from a generalized image, and a network set with the endpoints that open ports
 * on the deployment's public IP. The service checked password complexity and refused an endpoint whose public
 * port another endpoint of the deployment already used (unless both were in one load-balanced set).
 */
import type {
  ConfigurationSet, InputEndpoint, LinuxProvisioningConfigurationSet, NetworkConfigurationSet, WindowsProvisioningConfigurationSet,
} from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkDocumentedLimit } from '../quotas.js';
import type { RoleRecord } from '../records.js';

export type ProvisioningSet = WindowsProvisioningConfigurationSet | LinuxProvisioningConfigurationSet;

export function provisioningSetOf(sets: readonly ConfigurationSet[]): ProvisioningSet | undefined {
  return sets.find((s): s is ProvisioningSet => s.ConfigurationSetType !== 'NetworkConfiguration');
}

export function networkSetOf(sets: readonly ConfigurationSet[]): NetworkConfigurationSet | undefined {
  return sets.find((s): s is NetworkConfigurationSet => s.ConfigurationSetType === 'NetworkConfiguration');
}

/** 8 to 123 characters with three of: lower case, upper case, digit, other. */
function checkPassword(password: string | undefined, required: boolean): void {
  if (password === undefined) {
    if (required) throw errors.badRequest('The password must be specified in the provisioning configuration set.');
    return;
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(password)).length;
  if (password.length < 8 || password.length > 123 || classes < 3) {
    throw errors.badRequest('The supplied password must be 8-123 characters long and meet password complexity requirements.');
  }
}

function checkWindows(set: WindowsProvisioningConfigurationSet): void {
  if (set.ComputerName === undefined) throw errors.badRequest('The computer name must be specified in the Windows provisioning configuration set.');
  checkPassword(set.AdminPassword, true);
}

function checkLinux(set: LinuxProvisioningConfigurationSet): void {
  if (set.HostName === undefined || set.UserName === undefined) {
    throw errors.badRequest('The host name and user name must be specified in the Linux provisioning configuration set.');
  }
  // Without a password the user signs in with an SSH key, which needs password sign-in disabled.
  checkPassword(set.UserPassword, set.DisableSshPasswordAuthentication !== true);
}

/** Checks the provisioning set a VM made from a generalized image of `os` needs. */
export function checkProvisioningSet(sets: readonly ConfigurationSet[], os: 'Linux' | 'Windows', roleName: string): void {
  const provisioning = sets.filter((s) => s.ConfigurationSetType !== 'NetworkConfiguration');
  if (provisioning.length > 1) throw errors.badRequest(`Role ${roleName} has more than one provisioning configuration set.`);
  const set = provisioning[0] as ProvisioningSet | undefined;
  const expected = os === 'Windows' ? 'WindowsProvisioningConfiguration' : 'LinuxProvisioningConfiguration';
  if (set === undefined) throw errors.badRequest(`Role ${roleName} is created from a ${os} image and needs a ${expected} configuration set.`);
  if (set.ConfigurationSetType !== expected) {
    throw errors.badRequest(`The ${set.ConfigurationSetType} configuration set does not match the ${os} operating system of the image of role ${roleName}.`);
  }
  if (set.ConfigurationSetType === 'WindowsProvisioningConfiguration') checkWindows(set);
  else checkLinux(set);
}

/** The name the instance reports as its host name. */
export function hostNameOf(role: RoleRecord): string {
  const set = provisioningSetOf(role.ConfigurationSets);
  if (set?.ConfigurationSetType === 'WindowsProvisioningConfiguration') return set.ComputerName ?? role.RoleName;
  if (set?.ConfigurationSetType === 'LinuxProvisioningConfiguration') return set.HostName ?? role.RoleName;
  return role.RoleName;
}

function endpointKey(endpoint: InputEndpoint): string {
  return `${(endpoint.Protocol ?? 'tcp').toLowerCase()}/${endpoint.Port}`;
}

/** Checks a role's endpoints among themselves and against the other roles of the deployment. */
export function checkEndpoints(sets: readonly ConfigurationSet[], otherRoles: readonly RoleRecord[]): void {
  const endpoints = networkSetOf(sets)?.InputEndpoints ?? [];
  const names = new Set<string>();
  const taken = new Map<string, InputEndpoint>();
  let others = 0;
  for (const role of otherRoles) {
    for (const e of networkSetOf(role.ConfigurationSets)?.InputEndpoints ?? []) {
      taken.set(endpointKey(e), e);
      others++;
    }
  }
  checkDocumentedLimit('inputEndpointsPerService', 'InputEndpoints', others, endpoints.length);
  for (const endpoint of endpoints) {
    if (endpoint.Name === undefined || endpoint.Port === undefined) throw errors.badRequest('Every input endpoint needs a Name and a Port.');
    const protocol = (endpoint.Protocol ?? 'tcp').toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp') throw errors.badRequest(`The protocol ${endpoint.Protocol} of endpoint ${endpoint.Name} is not valid: use tcp or udp.`);
    if (names.has(endpoint.Name.toLowerCase())) throw errors.badRequest(`The endpoint name ${endpoint.Name} is used twice in the role.`);
    names.add(endpoint.Name.toLowerCase());
    const other = taken.get(endpointKey(endpoint));
    const shared = other?.LoadBalancedEndpointSetName !== undefined && other.LoadBalancedEndpointSetName === endpoint.LoadBalancedEndpointSetName;
    if (other !== undefined && !shared) throw errors.conflict(`Port ${endpoint.Port} is already in use by one of the endpoints in this deployment.`);
    taken.set(endpointKey(endpoint), endpoint);
  }
}
