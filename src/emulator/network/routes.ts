/**
 * Routes of a route table and the routes in effect for a VM, as the service documented them: a route sends an
 * address prefix (CIDR) to a next hop — VirtualAppliance (which needs the appliance's IpAddress), VPNGateway,
 * Internet, VNETLocal or Null (drop); the others take no address. In effect for a VM are the system routes of
 * its virtual network (each address space prefix VNETLocal, 0.0.0.0/0 Internet) and the user routes of its
 * subnet's route table; a user route for the same prefix as a system route makes that one Invalid.
 */
import type { EffectiveRoute, Route } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import type { RouteTableRecord, VirtualNetworkSiteRecord } from '../records.js';
import { isIpv4, parseCidr } from './rule-addresses.js';

const NEXT_HOPS = ['VirtualAppliance', 'VPNGateway', 'Internet', 'VNETLocal', 'Null'];

/** The route to keep, named, with its next hop type spelled as the service spelled it. */
export function checkRoute(name: string, input: Route): Route {
  const prefix = input.AddressPrefix;
  if (prefix === undefined || parseCidr(prefix) === undefined) {
    throw errors.badRequest(`The AddressPrefix ${String(prefix)} of route ${name} is not valid: it is a CIDR block such as 10.0.0.0/16.`);
  }
  const type = NEXT_HOPS.find((t) => t.toLowerCase() === input.NextHopType?.Type?.toLowerCase());
  if (type === undefined) throw errors.badRequest(`The NextHopType Type ${String(input.NextHopType?.Type)} of route ${name} is not valid: it is one of ${NEXT_HOPS.join(', ')}.`);
  const address = input.NextHopType?.IpAddress;
  if (type === 'VirtualAppliance' && (address === undefined || !isIpv4(address))) {
    throw errors.badRequest(`The route ${name} has next hop VirtualAppliance, which needs the appliance's IPv4 address in NextHopType IpAddress (given: ${String(address)}).`);
  }
  if (type !== 'VirtualAppliance' && address !== undefined) {
    throw errors.badRequest(`The route ${name} has next hop ${type}, which takes no NextHopType IpAddress; only VirtualAppliance does.`);
  }
  return { Name: name, AddressPrefix: prefix, NextHopType: { Type: type, ...(address === undefined ? {} : { IpAddress: address }) } };
}

/** A route as GetRouteTable answers it. */
export function routeView(route: Route): Route {
  return { ...route, RouteState: 'Active' };
}

function systemRoute(prefix: string, type: string, overridden: ReadonlySet<string>): EffectiveRoute {
  return { Source: 'Default', Status: overridden.has(prefix) ? 'Invalid' : 'Active', AddressPrefixes: [prefix], EffectiveNextHop: { Type: type } };
}

/** The routes in effect in a subnet of a site with (or without) a route table. */
export function effectiveRoutes(site: VirtualNetworkSiteRecord, table: RouteTableRecord | undefined): EffectiveRoute[] {
  const user = table?.routes ?? [];
  const overridden = new Set(user.map((r) => r.AddressPrefix!));
  const system = [...(site.AddressSpace ?? []).map((p) => systemRoute(p, 'VNETLocal', overridden)), systemRoute('0.0.0.0/0', 'Internet', overridden)];
  return [
    ...system,
    ...user.map((r): EffectiveRoute => ({
      Name: r.Name, Source: 'User', Status: 'Active', AddressPrefixes: [r.AddressPrefix!],
      EffectiveNextHop: { Type: r.NextHopType!.Type!, ...(r.NextHopType?.IpAddress === undefined ? {} : { IPAddresses: [r.NextHopType.IpAddress] }) },
    })),
  ];
}
