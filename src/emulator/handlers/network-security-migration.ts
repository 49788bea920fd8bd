/**
 * Migration to Resource Manager of network security groups and route tables (the state machine of
 * migration.ts, the same steps as handlers/migration.ts). A group associated with a subnet moves with its
 * virtual network, and one associated with a VM or its network interface with that deployment, so validate lists
 * those and prepare is refused; a route table associated with a subnet likewise. Committed, the resource leaves
 * the classic lists.
 */
import { applyStep, checkPrepare, checkPrepared, validationMessages, type MigrationSubject } from '../migration.js';
import { subnetsUsing } from '../network/subnet-associations.js';
import { keyOf } from '../state.js';
import { findSecurityGroup, securityGroupUsers } from './network-security-groups.js';
import { findRouteTable } from './route-tables.js';
import { accepted, assertNotBusy, done, stringParam, type HandlerContext, type HandlerResult, type HandlerTable } from './types.js';

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

type SubjectOf = (ctx: HandlerContext) => Subject;

function validate(subjectOf: SubjectOf) {
  return (ctx: HandlerContext): HandlerResult => done(200, validationMessages(subjectOf(ctx)));
}

function step(subjectOf: SubjectOf, name: 'prepare' | 'commit' | 'abort') {
  return (ctx: HandlerContext): HandlerResult => {
    const subject = subjectOf(ctx);
    assertNotBusy(ctx, subject.resource, subject.kind);
    if (name === 'prepare') checkPrepare(subject);
    else checkPrepared(subject, name);
    return accepted({ resource: subject.resource, complete: () => applyStep(subjectOf(ctx), name) });
  };
}

export const networkSecurityMigrationHandlers: HandlerTable = {
  ValidateNetworkSecurityGroupMigration: validate(securityGroupSubject),
  PrepareNetworkSecurityGroupMigration: step(securityGroupSubject, 'prepare'),
  CommitNetworkSecurityGroupMigration: step(securityGroupSubject, 'commit'),
  AbortNetworkSecurityGroupMigration: step(securityGroupSubject, 'abort'),
  ValidateRouteTableMigration: validate(routeTableSubject),
  PrepareRouteTableMigration: step(routeTableSubject, 'prepare'),
  CommitRouteTableMigration: step(routeTableSubject, 'commit'),
  AbortRouteTableMigration: step(routeTableSubject, 'abort'),
};
