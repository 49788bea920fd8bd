/**
 * Associations of subnets with a network security group or a route table (one of each per subnet), held by
 * lower-case `<virtual network>/<subnet>`. The subnet is looked up through the network configuration
 * (sites.ts), so an association names a subnet that exists when it is made.
 */
import { errors } from '../api-error.js';
import type { HandlerContext } from '../handlers/types.js';
import { stringParam } from '../handlers/types.js';
import type { SubnetAssociationRecord } from '../records.js';
import { keyOf } from '../state.js';
import { findSubnet, findVirtualNetworkSite } from './sites.js';

export interface SubnetRef {
  key: string;
  VirtualNetworkName: string;
  SubnetName: string;
}

/** The subnet the path names (VirtualNetworkName, SubnetName), or the 404 of the site or the subnet. */
export function subnetOf(ctx: HandlerContext): SubnetRef {
  const site = findVirtualNetworkSite(ctx.subscription, stringParam(ctx, 'VirtualNetworkName'));
  const subnet = findSubnet(site, stringParam(ctx, 'SubnetName'));
  return { key: `${keyOf(site.name)}/${keyOf(subnet.name)}`, VirtualNetworkName: site.name, SubnetName: subnet.name };
}

/** The association of that kind, or a 404 saying the subnet has none. */
export function associationOf(map: Map<string, SubnetAssociationRecord>, subnet: SubnetRef, what: string): SubnetAssociationRecord {
  const association = map.get(subnet.key);
  if (association === undefined) throw errors.notFound(`The subnet ${subnet.SubnetName} of virtual network ${subnet.VirtualNetworkName} has no ${what}.`);
  return association;
}

/** Refuses a second association: a subnet has one of each. */
export function assertNoAssociation(map: Map<string, SubnetAssociationRecord>, subnet: SubnetRef, what: string): void {
  const existing = map.get(subnet.key);
  if (existing !== undefined) {
    throw errors.badRequest(`The subnet ${subnet.SubnetName} of virtual network ${subnet.VirtualNetworkName} already has ${what} ${existing.Name}; remove it first.`);
  }
}

/** The subnets associated with the named group or table. */
export function subnetsUsing(map: Map<string, SubnetAssociationRecord>, name: string): SubnetAssociationRecord[] {
  return [...map.values()].filter((a) => keyOf(a.Name) === keyOf(name));
}
