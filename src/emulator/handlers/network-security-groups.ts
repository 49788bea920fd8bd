/**
 * Network security groups (NSGs): created in a location with a name unique in the subscription, each with the
 * service's default rules and the rules the user sets (network/security-rules.ts); associated with subnets, VM
 * roles and their network interfaces, one group each. A group in use cannot be deleted. Every change is
 * asynchronous, answered 202 and polled with GetOperationStatus, as the recordings show
 * (xplat-cli/cli.network.nsg-tests).
 */
import type { NetworkSecurityGroup, NetworkSecurityRule } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { networkSetOf } from '../compute/configuration-sets.js';
import { findNetworkInterface, findVmRole, networkSetFor, vmRoles } from '../network/role-network.js';
import { checkRule, defaultRules, ruleView } from '../network/security-rules.js';
import { assertNoAssociation, associationOf, subnetOf, subnetsUsing } from '../network/subnet-associations.js';
import type { NetworkSecurityGroupRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';
import { accepted, assertNotBusy, done, stringParam, type HandlerContext, type HandlerResult, type HandlerTable } from './types.js';

export function findSecurityGroup(subscription: SubscriptionState, name: string): NetworkSecurityGroupRecord {
  const group = subscription.networkSecurityGroups.get(keyOf(name));
  if (group === undefined) throw errors.notFound(`The network security group ${name} does not exist.`);
  return group;
}

function groupResource(name: string): string {
  return `networksecuritygroups/${keyOf(name)}`;
}

function groupView(group: NetworkSecurityGroupRecord, full: boolean): NetworkSecurityGroup {
  return {
    Name: group.Name, ...(group.Label === undefined ? {} : { Label: group.Label }), Location: group.Location, State: 'Created',
    ...(full ? { Rules: [...group.rules.map(ruleView), ...defaultRules()] } : {}),
  };
}

/** What uses a group: subnets, roles and network interfaces, worded for the refusal to delete it. */
export function securityGroupUsers(subscription: SubscriptionState, name: string): string[] {
  const users = subnetsUsing(subscription.subnetSecurityGroups, name).map((a) => `subnet ${a.SubnetName} of virtual network ${a.VirtualNetworkName}`);
  for (const { serviceName, deployment, role } of vmRoles(subscription)) {
    const set = networkSetOf(role.ConfigurationSets);
    if (set === undefined) continue;
    const where = `role ${role.RoleName} of deployment ${deployment.Name} in cloud service ${serviceName}`;
    if (set.NetworkSecurityGroup !== undefined && keyOf(set.NetworkSecurityGroup) === keyOf(name)) users.push(where);
    for (const nic of set.NetworkInterfaces ?? []) {
      if (nic.NetworkSecurityGroup !== undefined && keyOf(nic.NetworkSecurityGroup) === keyOf(name)) users.push(`network interface ${nic.Name} of ${where}`);
    }
  }
  return users;
}

/** An asynchronous change of one group: checked now, applied (and checked again) when it completes. */
function changeGroup(ctx: HandlerContext, name: string, apply: () => void): HandlerResult {
  assertNotBusy(ctx, groupResource(name), 'network security group');
  return accepted({ resource: groupResource(name), complete: apply });
}

function checkNewGroup(ctx: HandlerContext<'CreateNetworkSecurityGroup'>): NetworkSecurityGroupRecord {
  const { Name, Label, Location } = ctx.body;
  if (Name === undefined || Name === '') throw errors.badRequest('The network security group needs a Name.');
  if (Location === undefined || ctx.state.location(Location) === undefined) throw errors.badRequest(`The Location ${String(Location)} of network security group ${Name} is not a location of the subscription.`);
  if (ctx.subscription.networkSecurityGroups.has(keyOf(Name))) throw errors.conflict(`A network security group named ${Name} already exists in the subscription.`);
  if (ctx.subscription.networkSecurityGroups.size >= ctx.subscription.properties.MaxNetworkSecurityGroups) {
    throw errors.badRequest(`The subscription already has ${ctx.subscription.properties.MaxNetworkSecurityGroups} network security groups, its limit (MaxNetworkSecurityGroups).`);
  }
  return { Name, ...(Label === undefined ? {} : { Label }), Location: ctx.state.location(Location)!.Name, rules: [] };
}

function createGroup(ctx: HandlerContext<'CreateNetworkSecurityGroup'>): HandlerResult {
  const record = checkNewGroup(ctx);
  return changeGroup(ctx, record.Name, () => {
    checkNewGroup(ctx);
    ctx.subscription.networkSecurityGroups.set(keyOf(record.Name), record);
  });
}

function checkDeletable(subscription: SubscriptionState, name: string): void {
  const group = findSecurityGroup(subscription, name);
  const [user] = securityGroupUsers(subscription, group.Name);
  if (user !== undefined) throw errors.badRequest(`The network security group ${group.Name} is in use by ${user} and cannot be deleted; remove the association first.`);
}

function deleteGroup(ctx: HandlerContext): HandlerResult {
  const name = stringParam(ctx, 'NetworkSecurityGroupName');
  checkDeletable(ctx.subscription, name);
  return changeGroup(ctx, name, () => {
    checkDeletable(ctx.subscription, name);
    ctx.subscription.networkSecurityGroups.delete(keyOf(name));
  });
}

function setRule(ctx: HandlerContext<'SetNetworkSecurityRule'>): HandlerResult {
  const group = findSecurityGroup(ctx.subscription, ctx.params.NetworkSecurityGroupName);
  const name = ctx.params.RuleName;
  const input: NetworkSecurityRule = ctx.body;
  const check = (): NetworkSecurityRule => {
    const rule = checkRule(name, input, group.rules);
    const isNew = !group.rules.some((r) => keyOf(r.Name!) === keyOf(name));
    if (isNew && group.rules.length >= ctx.subscription.properties.MaxNetworkSecurityRulesPerGroup) {
      throw errors.badRequest(`The network security group ${group.Name} already has ${group.rules.length} rules, the limit (MaxNetworkSecurityRulesPerGroup).`);
    }
    return rule;
  };
  check();
  return changeGroup(ctx, group.Name, () => {
    const rule = check();
    const index = group.rules.findIndex((r) => keyOf(r.Name!) === keyOf(name));
    if (index === -1) group.rules.push(rule);
    else group.rules[index] = rule;
  });
}

function deleteRule(ctx: HandlerContext): HandlerResult {
  const group = findSecurityGroup(ctx.subscription, stringParam(ctx, 'NetworkSecurityGroupName'));
  const name = stringParam(ctx, 'RuleName');
  const indexOf = (): number => {
    const index = group.rules.findIndex((r) => keyOf(r.Name!) === keyOf(name));
    if (index !== -1) return index;
    if (defaultRules().some((r) => keyOf(r.Name!) === keyOf(name))) throw errors.badRequest(`The rule ${name} is a default rule of network security group ${group.Name}; default rules cannot be deleted.`);
    throw errors.notFound(`The network security rule ${name} does not exist in network security group ${group.Name}.`);
  };
  indexOf();
  return changeGroup(ctx, group.Name, () => void group.rules.splice(indexOf(), 1));
}

/** The body's group, which must exist. */
function groupNamed(ctx: HandlerContext): NetworkSecurityGroupRecord {
  return findSecurityGroup(ctx.subscription, (ctx.body as { Name: string }).Name);
}

function addToSubnet(ctx: HandlerContext<'AddNetworkSecurityGroupToSubnet'>): HandlerResult {
  const group = groupNamed(ctx);
  const subnet = subnetOf(ctx);
  assertNoAssociation(ctx.subscription.subnetSecurityGroups, subnet, 'network security group');
  return changeGroup(ctx, group.Name, () => {
    assertNoAssociation(ctx.subscription.subnetSecurityGroups, subnet, 'network security group');
    findSecurityGroup(ctx.subscription, group.Name);
    ctx.subscription.subnetSecurityGroups.set(subnet.key, { VirtualNetworkName: subnet.VirtualNetworkName, SubnetName: subnet.SubnetName, Name: group.Name });
  });
}

function removeFromSubnet(ctx: HandlerContext): HandlerResult {
  const subnet = subnetOf(ctx);
  const name = stringParam(ctx, 'NetworkSecurityGroupName');
  const check = (): void => {
    const association = associationOf(ctx.subscription.subnetSecurityGroups, subnet, 'network security group');
    if (keyOf(association.Name) !== keyOf(name)) throw errors.notFound(`The network security group ${name} is not associated with subnet ${subnet.SubnetName}; ${association.Name} is.`);
  };
  check();
  return changeGroup(ctx, name, () => {
    check();
    ctx.subscription.subnetSecurityGroups.delete(subnet.key);
  });
}

/** Where a role-level or interface-level association is held: the role's network set or one of its interfaces. */
interface Holder {
  NetworkSecurityGroup?: string;
}

/** The role's set is added only by a change, so that reading leaves GetRole's answer as it was. */
function holderOf(ctx: HandlerContext, forChange: boolean): { holder: Holder; what: string } {
  const { role } = findVmRole(ctx);
  const nicName = ctx.params['NetworkInterfaceName'];
  if (typeof nicName === 'string') return { holder: findNetworkInterface(role, nicName), what: `network interface ${nicName} of role ${role.RoleName}` };
  return { holder: forChange ? networkSetFor(role) : networkSetOf(role.ConfigurationSets) ?? {}, what: `role ${role.RoleName}` };
}

function getFor(ctx: HandlerContext): HandlerResult {
  const { holder, what } = holderOf(ctx, false);
  if (holder.NetworkSecurityGroup === undefined) throw errors.notFound(`No network security group is associated with ${what}.`);
  return done(200, { Name: holder.NetworkSecurityGroup, State: 'Created' });
}

function addTo(ctx: HandlerContext): HandlerResult {
  const group = groupNamed(ctx);
  const { holder, what } = holderOf(ctx, true);
  const check = (): void => {
    if (holder.NetworkSecurityGroup !== undefined) throw errors.badRequest(`The ${what} already has network security group ${holder.NetworkSecurityGroup}; remove it first.`);
    findSecurityGroup(ctx.subscription, group.Name);
  };
  check();
  return changeGroup(ctx, group.Name, () => {
    check();
    holder.NetworkSecurityGroup = group.Name;
  });
}

function removeFrom(ctx: HandlerContext): HandlerResult {
  const { holder, what } = holderOf(ctx, false);
  const name = stringParam(ctx, 'NetworkSecurityGroupName');
  const check = (): void => {
    if (holder.NetworkSecurityGroup === undefined || keyOf(holder.NetworkSecurityGroup) !== keyOf(name)) {
      throw errors.notFound(`The network security group ${name} is not associated with ${what}.`);
    }
  };
  check();
  return changeGroup(ctx, name, () => {
    check();
    delete holder.NetworkSecurityGroup;
  });
}

export const networkSecurityGroupHandlers: HandlerTable = {
  ListNetworkSecurityGroups: (ctx) => done(200, [...ctx.subscription.networkSecurityGroups.values()].map((g) => groupView(g, false))),
  GetNetworkSecurityGroup: (ctx) => done(200, groupView(findSecurityGroup(ctx.subscription, ctx.params.NetworkSecurityGroupName), ctx.params.DetailLevel?.toLowerCase() === 'full')),
  CreateNetworkSecurityGroup: createGroup,
  DeleteNetworkSecurityGroup: deleteGroup,
  SetNetworkSecurityRule: setRule,
  DeleteNetworkSecurityRule: deleteRule,
  AddNetworkSecurityGroupToSubnet: addToSubnet,
  GetNetworkSecurityGroupForSubnet: (ctx) => {
    const association = associationOf(ctx.subscription.subnetSecurityGroups, subnetOf(ctx), 'network security group');
    return done(200, { Name: association.Name, State: 'Created' });
  },
  RemoveNetworkSecurityGroupFromSubnet: removeFromSubnet,
  AddNetworkSecurityGroupToRole: addTo,
  GetNetworkSecurityGroupForRole: getFor,
  RemoveNetworkSecurityGroupFromRole: removeFrom,
  AddNetworkSecurityGroupToNetworkInterface: addTo,
  GetNetworkSecurityGroupForNetworkInterface: getFor,
  RemoveNetworkSecurityGroupFromNetworkInterface: removeFrom,
};
