/**
 * Migration to Resource Manager of network security groups and route tables (the state machine of
 * migration.ts, the same steps as handlers/migration.ts). A group associated with a subnet moves with its
 * virtual network, and one associated with a VM or its network interface with that deployment, so validate lists
 * those and prepare is refused; a route table associated with a subnet likewise. Committed, the resource leaves
 * the classic lists.
 */
import type { MigrationSubject } from '../migration.js';
import { subnetsUsing } from '../network/subnet-associations.js';
import { keyOf } from '../state.js';
import { findSecurityGroup, securityGroupUsers } from './network-security-groups.js';
import { findRouteTable } from './route-tables.js';
import { migrationStepHandlers } from './migration-steps.js';
import { stringParam, type HandlerContext, type HandlerTable } from './types.js';

type Subject = MigrationSubject & { resource: string };

function securityGroupSubject(ctx: HandlerContext): Subject {
  const subscription = ctx.subscription;
  const group = findSecurityGroup(subscription, stringParam(ctx, 'NetworkSecurityGroupName'));
  return {
    kind: 'network security group', resourceType: 'NetworkSecurityGroup', name: group.Name, record: group,
    resource: `networksecuritygroups/${keyOf(group.Name)}`,
    blockers: () => securityGroupUsers(subscription, group.Name).map((user) => `it is associated with ${user}; it migrates with it.`),
    remove: () => subscription.networkSecurityGroups.delete(keyOf(group.Name)),
  };
}

function routeTableSubject(ctx: HandlerContext): Subject {
  const subscription = ctx.subscription;
  const table = findRouteTable(subscription, stringParam(ctx, 'RouteTableName'));
  return {
    kind: 'route table', resourceType: 'RouteTable', name: table.Name, record: table, resource: `routetables/${keyOf(table.Name)}`,
    blockers: () => subnetsUsing(subscription.subnetRouteTables, table.Name)
      .map((a) => `it is associated with subnet ${a.SubnetName} of virtual network ${a.VirtualNetworkName}; it migrates with the virtual network.`),
    remove: () => subscription.routeTables.delete(keyOf(table.Name)),
  };
}

export const networkSecurityMigrationHandlers: HandlerTable = {
  ...migrationStepHandlers('NetworkSecurityGroup', securityGroupSubject),
  ...migrationStepHandlers('RouteTable', routeTableSubject),
};
