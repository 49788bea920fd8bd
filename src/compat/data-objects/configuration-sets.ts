/**
 * Configuration sets. The documents' ProvisioningConfiguration predates the split of the service's provisioning
 * set into Windows and Linux kinds: it maps to WindowsProvisioningConfiguration (MachineName -> ComputerName)
 * unless it carries Linux members (HostName, UserName, UserPassword, SSH, DisableSshPasswordAuthentication), in
 * which case it maps to LinuxProvisioningConfiguration (MachineName -> HostName, AdminPassword -> UserPassword).
 * NetworkConfiguration keeps its name; its ExternalEndpoints become InputEndpoints.
 */
import type {
  ConfigurationSet, InputEndpoint, LinuxProvisioningConfigurationSet, NetworkConfigurationSet,
  WindowsProvisioningConfigurationSet,
} from '../../../generated/models/index.js';
import type { ExternalEndpoint } from '../types.js';
import { compact, integer } from './values.js';

type Members = Record<string, unknown>;

const LINUX_MEMBERS = ['HostName', 'UserName', 'UserPassword', 'SSH', 'DisableSshPasswordAuthentication'];

export function inputEndpoint(endpoint: ExternalEndpoint): InputEndpoint {
  return compact({ ...endpoint, LocalPort: integer(endpoint.LocalPort), Port: integer(endpoint.Port) }) as InputEndpoint;
}

function windowsSet(set: Members): WindowsProvisioningConfigurationSet {
  // EnableAutomaticUpdate (no s) is how azure@0.7.x spelled the member.
  const { ConfigurationSetType: _type, MachineName, ComputerName, EnableAutomaticUpdate, EnableAutomaticUpdates, ...wire } = set;
  return compact({
    ...wire,
    ConfigurationSetType: 'WindowsProvisioningConfiguration',
    ComputerName: ComputerName ?? MachineName,
    EnableAutomaticUpdates: EnableAutomaticUpdates ?? EnableAutomaticUpdate,
  }) as WindowsProvisioningConfigurationSet;
}

function linuxSet(set: Members): LinuxProvisioningConfigurationSet {
  const { ConfigurationSetType: _type, MachineName, HostName, AdminPassword, UserPassword, ResetPasswordOnFirstLogon: _reset, ...wire } = set;
  return compact({
    ...wire,
    ConfigurationSetType: 'LinuxProvisioningConfiguration',
    HostName: HostName ?? MachineName,
    UserPassword: UserPassword ?? AdminPassword,
  }) as LinuxProvisioningConfigurationSet;
}

function networkSet(set: Members): NetworkConfigurationSet {
  const endpoints = set['InputEndpoints'];
  return compact({
    ...set,
    InputEndpoints: Array.isArray(endpoints) ? endpoints.map((e) => inputEndpoint(e as ExternalEndpoint)) : endpoints,
  }) as unknown as NetworkConfigurationSet;
}

function isLinux(set: Members): boolean {
  return LINUX_MEMBERS.some((name) => set[name] !== undefined);
}

/** One configuration set of the documents (or already in the wire form) as the service takes it. */
export function configurationSet(set: Members): ConfigurationSet {
  switch (set['ConfigurationSetType']) {
    case 'ProvisioningConfiguration':
      return isLinux(set) ? linuxSet(set) : windowsSet(set);
    case 'WindowsProvisioningConfiguration':
      return windowsSet(set);
    case 'LinuxProvisioningConfiguration':
      return linuxSet(set);
    case 'NetworkConfiguration':
      return networkSet(set);
    default:
      // An unknown kind goes as given: the spec's validation names it.
      return { ...set } as unknown as ConfigurationSet;
  }
}
