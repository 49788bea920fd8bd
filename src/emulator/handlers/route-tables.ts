/**
 * Route tables: created in a location with a name unique in the subscription, holding user routes
 * (network/routes.ts); associated with subnets, one table per subnet; a table in use cannot be deleted. The
 * routes in effect for a role instance or one of its network interfaces combine the virtual network's system
 * routes with the routes of the subnet's table. Changes are asynchronous (202, polled with GetOperationStatus,
 * as Microsoft's azure-asm-network accepts them).
 */
import type { RouteTable } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { networkSetOf } from '../compute/configuration-sets.js';
import { findNetworkInterface } from '../network/role-network.js';
import { checkRoute, effectiveRoutes, routeView } from '../network/routes.js';
import { findSubnet, findVirtualNetworkSite } from '../network/sites.js';
import { assertNoAssociation, associationOf, subnetOf, subnetsUsing } from '../network/subnet-associations.js';
import type { RouteTableRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';
import { findDeployment, findInstance, findRole } from './lookup.js';
import { accepted, assertNotBusy, done, stringParam, type HandlerContext, type HandlerResult, type HandlerTable } from './types.js';

export function findRouteTable(subscription: SubscriptionState, name: string): RouteTableRecord {
  const table = subscription.routeTables.get(keyOf(name));
  if (table === undefined) throw errors.notFound(`The route table ${name} does not exist.`);
  return table;
}

function tableResource(name: string): string {
  return `routetables/${keyOf(name)}`;
}

function changeTable(ctx: HandlerContext, name: string, apply: () => void): HandlerResult {
  assertNotBusy(ctx, tableResource(name), 'route table');
  return accepted({ resource: tableResource(name), complete: apply });
}

function tableView(table: RouteTableRecord, full: boolean): RouteTable {
  return {
    Name: table.Name, ...(table.Label === undefined ? {} : { Label: table.Label }), Location: table.Location, RouteTableState: 'Created',
    ...(full ? { RouteList: table.routes.map(routeView) } : {}),
  };
}

function checkNewTable(ctx: HandlerContext<'CreateRouteTable'>): RouteTableRecord {
  const { Name, Label, Location } = ctx.body;
  if (Name === undefined || Name === '') throw errors.badRequest('The route table needs a Name.');
  const location = Location === undefined ? undefined : ctx.state.location(Location);
  if (location === undefined) throw errors.badRequest(`The Location ${String(Location)} of route table ${Name} is not a location of the subscription.`);
  if (ctx.subscription.routeTables.has(keyOf(Name))) throw errors.conflict(`A route table named ${Name} already exists in the subscription.`);
  if (ctx.subscription.routeTables.size >= ctx.subscription.properties.MaxRouteTables) {
    throw errors.badRequest(`The subscription already has ${ctx.subscription.properties.MaxRouteTables} route tables, its limit (MaxRouteTables).`);
  }
  return { Name, ...(Label === undefined ? {} : { Label }), Location: location.Name, routes: [] };
}

function createTable(ctx: HandlerContext<'CreateRouteTable'>): HandlerResult {
  const record = checkNewTable(ctx);
  return changeTable(ctx, record.Name, () => {
    checkNewTable(ctx);
    ctx.subscription.routeTables.set(keyOf(record.Name), record);
  });
}

function checkDeletable(subscription: SubscriptionState, name: string): void {
  const table = findRouteTable(subscription, name);
  const [user] = subnetsUsing(subscription.subnetRouteTables, table.Name);
  if (user !== undefined) {
    throw errors.badRequest(`The route table ${table.Name} is in use by subnet ${user.SubnetName} of virtual network ${user.VirtualNetworkName} and cannot be deleted; remove the association first.`);
  }
}

function deleteTable(ctx: HandlerContext): HandlerResult {
  const name = stringParam(ctx, 'RouteTableName');
  checkDeletable(ctx.subscription, name);
  return changeTable(ctx, name, () => {
    checkDeletable(ctx.subscription, name);
    ctx.subscription.routeTables.delete(keyOf(name));
  });
}

function setRoute(ctx: HandlerContext<'SetRoute'>): HandlerResult {
  const table = findRouteTable(ctx.subscription, ctx.params.RouteTableName);
  const name = ctx.params.RouteName;
  const route = checkRoute(name, ctx.body);
  const indexOf = (): number => table.routes.findIndex((r) => keyOf(r.Name!) === keyOf(name));
  const checkLimit = (): void => {
    if (indexOf() === -1 && table.routes.length >= ctx.subscription.properties.MaxRoutesPerRouteTable) {
      throw errors.badRequest(`The route table ${table.Name} already has ${table.routes.length} routes, the limit (MaxRoutesPerRouteTable).`);
    }
  };
  checkLimit();
  return changeTable(ctx, table.Name, () => {
    checkLimit();
    const index = indexOf();
    if (index === -1) table.routes.push(route);
    else table.routes[index] = route;
  });
}

function deleteRoute(ctx: HandlerContext): HandlerResult {
  const table = findRouteTable(ctx.subscription, stringParam(ctx, 'RouteTableName'));
  const name = stringParam(ctx, 'RouteName');
  const indexOf = (): number => {
    const index = table.routes.findIndex((r) => keyOf(r.Name!) === keyOf(name));
    if (index === -1) throw errors.notFound(`The route ${name} does not exist in route table ${table.Name}.`);
    return index;
  };
  indexOf();
  return changeTable(ctx, table.Name, () => void table.routes.splice(indexOf(), 1));
}

function addToSubnet(ctx: HandlerContext<'AddRouteTableToSubnet'>): HandlerResult {
  const table = findRouteTable(ctx.subscription, ctx.body.RouteTableName);
  const subnet = subnetOf(ctx);
  assertNoAssociation(ctx.subscription.subnetRouteTables, subnet, 'route table');
  return changeTable(ctx, table.Name, () => {
    assertNoAssociation(ctx.subscription.subnetRouteTables, subnet, 'route table');
    findRouteTable(ctx.subscription, table.Name);
    ctx.subscription.subnetRouteTables.set(subnet.key, { VirtualNetworkName: subnet.VirtualNetworkName, SubnetName: subnet.SubnetName, Name: table.Name });
  });
}

function removeFromSubnet(ctx: HandlerContext): HandlerResult {
  const subnet = subnetOf(ctx);
  const association = associationOf(ctx.subscription.subnetRouteTables, subnet, 'route table');
  return changeTable(ctx, association.Name, () => {
    associationOf(ctx.subscription.subnetRouteTables, subnet, 'route table');
    ctx.subscription.subnetRouteTables.delete(subnet.key);
  });
}

/**
 * The routes in effect for the instance the path names, or for one of its network interfaces: the subnet is
 * the role's first subnet (SubnetNames) or the interface's IP configuration's.
 */
function effectiveFor(ctx: HandlerContext): HandlerResult {
  const deployment = findDeployment(ctx);
  const instance = findInstance(deployment, stringParam(ctx, 'RoleInstanceName'));
  const role = findRole(deployment, instance.RoleName);
  if (deployment.VirtualNetworkName === undefined) {
    throw errors.badRequest(`The deployment ${deployment.Name} is not in a virtual network; effective routes are those of a virtual network's subnet.`);
  }
  const nicName = ctx.params['NetworkInterfaceName'];
  const subnetName = typeof nicName === 'string'
    ? findNetworkInterface(role, nicName).IPConfigurations?.[0]?.SubnetName
    : networkSetOf(role.ConfigurationSets)?.SubnetNames?.[0];
  if (subnetName === undefined) throw errors.badRequest(`The role instance ${instance.InstanceName} is not in a subnet of virtual network ${deployment.VirtualNetworkName}.`);
  const site = findVirtualNetworkSite(ctx.subscription, deployment.VirtualNetworkName);
  const subnet = findSubnet(site, subnetName);
  const association = ctx.subscription.subnetRouteTables.get(`${keyOf(site.name)}/${keyOf(subnet.name)}`);
  const table = association === undefined ? undefined : ctx.subscription.routeTables.get(keyOf(association.Name));
  return done(200, { EffectiveRouteList: effectiveRoutes(site, table) });
}

export const routeTableHandlers: HandlerTable = {
  ListRouteTables: (ctx) => done(200, [...ctx.subscription.routeTables.values()].map((t) => tableView(t, false))),
  GetRouteTable: (ctx) => done(200, tableView(findRouteTable(ctx.subscription, ctx.params.RouteTableName), ctx.params.DetailLevel?.toLowerCase() === 'full')),
  CreateRouteTable: createTable,
  DeleteRouteTable: deleteTable,
  SetRoute: setRoute,
  DeleteRoute: deleteRoute,
  AddRouteTableToSubnet: addToSubnet,
  GetRouteTableForSubnet: (ctx) => done(200, { RouteTableName: associationOf(ctx.subscription.subnetRouteTables, subnetOf(ctx), 'route table').Name }),
  RemoveRouteTableFromSubnet: removeFromSubnet,
  GetEffectiveRouteTableForRoleInstance: effectiveFor,
  GetEffectiveRouteTableForNetworkInterface: effectiveFor,
};
