/**
 * The rules of a network security group as the service checked them: a priority from 100 to 4096, unique among
 * the group's rules of the same direction (Inbound or Outbound); protocol TCP, UDP or *; port ranges *, n or
 * n-m within 0-65535; address prefixes a CIDR block, * or one of the default tags. The default rules every group
 * has (priorities 65000-65500, IsDefault true) are the service's, listed in the order the recorded answer
 * (xplat-cli/cli.network.nsg-tests/cli_network_nsg_create_should_pass.json) listed them.
 */
import type { NetworkSecurityRule } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { keyOf } from '../state.js';
import { parseCidr } from './rule-addresses.js';

export const MIN_PRIORITY = 100;
export const MAX_PRIORITY = 4096;
const TAGS = ['VIRTUAL_NETWORK', 'AZURE_LOADBALANCER', 'INTERNET'];
const PROTOCOLS = ['TCP', 'UDP', '*'];

type DefaultRule = Pick<NetworkSecurityRule, 'Name' | 'Type' | 'Priority' | 'Action' | 'SourceAddressPrefix' | 'DestinationAddressPrefix'>;

const DEFAULT_RULES: DefaultRule[] = [
  { Name: 'ALLOW VNET OUTBOUND', Type: 'Outbound', Priority: 65000, Action: 'Allow', SourceAddressPrefix: 'VIRTUAL_NETWORK', DestinationAddressPrefix: 'VIRTUAL_NETWORK' },
  { Name: 'ALLOW VNET INBOUND', Type: 'Inbound', Priority: 65000, Action: 'Allow', SourceAddressPrefix: 'VIRTUAL_NETWORK', DestinationAddressPrefix: 'VIRTUAL_NETWORK' },
  { Name: 'ALLOW AZURE LOAD BALANCER INBOUND', Type: 'Inbound', Priority: 65001, Action: 'Allow', SourceAddressPrefix: 'AZURE_LOADBALANCER', DestinationAddressPrefix: '*' },
  { Name: 'ALLOW INTERNET OUTBOUND', Type: 'Outbound', Priority: 65001, Action: 'Allow', SourceAddressPrefix: '*', DestinationAddressPrefix: 'INTERNET' },
  { Name: 'DENY ALL OUTBOUND', Type: 'Outbound', Priority: 65500, Action: 'Deny', SourceAddressPrefix: '*', DestinationAddressPrefix: '*' },
  { Name: 'DENY ALL INBOUND', Type: 'Inbound', Priority: 65500, Action: 'Deny', SourceAddressPrefix: '*', DestinationAddressPrefix: '*' },
];

/** The default rules, with every element the recorded answer wrote for them. */
export function defaultRules(): NetworkSecurityRule[] {
  return DEFAULT_RULES.map((r) => ({
    Name: r.Name, Type: r.Type, Priority: r.Priority, Action: r.Action, SourceAddressPrefix: r.SourceAddressPrefix, SourcePortRange: '*',
    DestinationAddressPrefix: r.DestinationAddressPrefix, DestinationPortRange: '*', Protocol: '*', State: 'Active', IsDefault: true,
  }));
}

function invalid(rule: string, field: string, value: unknown, why: string): Error {
  return errors.badRequest(`The ${field} ${String(value)} of network security rule ${rule} is not valid: ${why}.`);
}

function required<T>(rule: string, field: string, value: T | undefined): T {
  if (value === undefined || value === '') throw errors.badRequest(`The network security rule ${rule} needs its ${field}.`);
  return value;
}

function checkPortRange(rule: string, field: string, range: string): void {
  if (range === '*') return;
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(range);
  const low = Number(match?.[1]);
  const high = match?.[2] === undefined ? low : Number(match[2]);
  if (match === null || high > 65535 || low > high) throw invalid(rule, field, range, 'a port range is *, a port n or a range n-m with 0 <= n <= m <= 65535');
}

function checkPrefix(rule: string, field: string, prefix: string): void {
  if (prefix === '*' || TAGS.includes(prefix.toUpperCase()) || parseCidr(prefix) !== undefined) return;
  throw invalid(rule, field, prefix, `an address prefix is a CIDR block (e.g. 10.0.0.0/24), * or one of the tags ${TAGS.join(', ')}`);
}

/**
 * The rule to keep, named, checked field by field and against the group's other rules: every element is
 * required, and a priority is used once per direction (the rule being replaced aside).
 */
export function checkRule(name: string, input: NetworkSecurityRule, others: readonly NetworkSecurityRule[]): NetworkSecurityRule {
  // Every element is required, asked for in element order.
  const rule: NetworkSecurityRule = {
    Name: name, Type: required(name, 'Type', input.Type), Priority: required(name, 'Priority', input.Priority), Action: required(name, 'Action', input.Action),
    SourceAddressPrefix: required(name, 'SourceAddressPrefix', input.SourceAddressPrefix), SourcePortRange: required(name, 'SourcePortRange', input.SourcePortRange),
    DestinationAddressPrefix: required(name, 'DestinationAddressPrefix', input.DestinationAddressPrefix),
    DestinationPortRange: required(name, 'DestinationPortRange', input.DestinationPortRange), Protocol: required(name, 'Protocol', input.Protocol),
  };
  const { Type: type, Priority: priority } = rule as Required<NetworkSecurityRule>;
  if (!Number.isInteger(priority) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
    throw invalid(name, 'Priority', priority, `a priority is an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}`);
  }
  if (!PROTOCOLS.includes(rule.Protocol!.toUpperCase())) throw invalid(name, 'Protocol', rule.Protocol, 'the protocol is TCP, UDP or *');
  checkPortRange(name, 'SourcePortRange', rule.SourcePortRange!);
  checkPortRange(name, 'DestinationPortRange', rule.DestinationPortRange!);
  checkPrefix(name, 'SourceAddressPrefix', rule.SourceAddressPrefix!);
  checkPrefix(name, 'DestinationAddressPrefix', rule.DestinationAddressPrefix!);
  const clash = others.find((o) => keyOf(o.Name!) !== keyOf(name) && o.Type === type && o.Priority === priority);
  if (clash !== undefined) {
    throw errors.badRequest(`The Priority ${priority} of network security rule ${name} is already used by ${type} rule ${clash.Name}: priorities are unique per direction.`);
  }
  return rule;
}

/** A user rule as answered: the service's State and IsDefault added. */
export function ruleView(rule: NetworkSecurityRule): NetworkSecurityRule {
  return { ...rule, State: 'Active', IsDefault: false };
}
