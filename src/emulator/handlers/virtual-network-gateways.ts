/**
 * Virtual network gateways (the V2 gateway API): created on a virtual network (POST /{NetworkName}/
 * virtualnetworkgateways) in its GatewaySubnet, one gateway per vnet whichever API made it, with a GatewayId GUID
 * listed at once and State Provisioning → Provisioned (VIP from the emulator's pool) when the operation
 * completes; deleted (refused while gateway connections use it), reset, resized, and diagnostics like the
 * classic gateway's. Shared keys and IPsec parameters of its connections are in network-gateways.ts.
 */
import { randomUUID } from 'node:crypto';
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import { checkStart, checkStop, diagnosticsView } from '../network/gateway-diagnostics.js';
import { gatewayOperation } from '../network/gateway-operations.js';
import { checkGatewayPlacement, checkGatewaySize, findVirtualNetworkGateway, gatewayEvent, requireProvisioned } from '../network/gateways.js';
import { findVirtualNetworkSite } from '../network/sites.js';
import type { VirtualNetworkGatewayRecord } from '../records.js';
import { keyOf } from '../state.js';
import { assertNotBusy, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

export function virtualNetworkGatewayResource(id: string): string {
  return `virtualnetworkgateways/${keyOf(id)}`;
}

function view(record: VirtualNetworkGatewayRecord): Record<string, unknown> {
  const { networkName: _site, diagnostics: _diagnostics, ...visible } = structuredClone(record);
  return visible;
}

function createGateway(ctx: HandlerContext<'CreateVirtualNetworkGateway'>) {
  const site = findVirtualNetworkSite(ctx.subscription, ctx.params.NetworkName);
  const { GatewayName, GatewaySize, GatewayType = 'DynamicRouting', Location, VnetId, BgpSettings } = ctx.body;
  if (VnetId !== undefined && keyOf(VnetId) !== keyOf(site.Id) && keyOf(VnetId) !== keyOf(site.name)) {
    throw errors.badRequest(`The VnetId ${VnetId} is not the virtual network ${site.name} of the request's path.`);
  }
  if (GatewayType !== 'StaticRouting' && GatewayType !== 'DynamicRouting') {
    throw errors.badRequest(`The GatewayType ${GatewayType} is not valid; use StaticRouting or DynamicRouting.`);
  }
  checkGatewayPlacement(ctx.subscription, site);
  const taken = [...ctx.subscription.virtualNetworkGateways.values()].some((g) => keyOf(g.GatewayName) === keyOf(GatewayName));
  if (taken) throw errors.conflict(`A virtual network gateway named ${GatewayName} already exists in the subscription.`);
  checkBound(ctx.state, 'networkGateways', 'virtual network gateways per subscription', ctx.subscription.virtualNetworkGateways.size);
  const location = Location ?? site.Location;
  const record: VirtualNetworkGatewayRecord = {
    GatewayId: randomUUID(), GatewayName, GatewayType, GatewaySize: checkGatewaySize(GatewaySize ?? 'Default'), State: 'Provisioning',
    ...(location === undefined ? {} : { Location: location }), VnetId: site.Id, networkName: site.name, DefaultSites: [],
    ...(BgpSettings === undefined ? {} : { BgpSettings: { ...BgpSettings } }), diagnostics: { State: 'Ready' },
  };
  ctx.subscription.virtualNetworkGateways.set(keyOf(record.GatewayId), record);
  return gatewayOperation(ctx, 'CreateVirtualNetworkGateway', virtualNetworkGatewayResource(record.GatewayId), () => {
    record.State = 'Provisioned';
    record.VIPAddress = ctx.state.publicAddresses.take();
    record.LastEvent = gatewayEvent('23002', `Successfully created a gateway for the following virtual network: ${site.name}`);
  }, 201);
}

/** A gateway not held by another operation (and provisioned, unless it is being deleted). */
function gatewayToChange(ctx: HandlerContext, provisioned = true): VirtualNetworkGatewayRecord {
  const gateway = findVirtualNetworkGateway(ctx.subscription, stringParam(ctx, 'GatewayId'));
  assertNotBusy(ctx, virtualNetworkGatewayResource(gateway.GatewayId), 'gateway');
  if (provisioned) requireProvisioned(gateway);
  return gateway;
}

function deleteGateway(ctx: HandlerContext<'DeleteVirtualNetworkGateway'>) {
  const gateway = gatewayToChange(ctx, false);
  const connection = [...ctx.subscription.gatewayConnections.values()].find((c) => keyOf(c.VirtualNetworkGatewayId) === keyOf(gateway.GatewayId));
  if (connection !== undefined) {
    throw errors.badRequest(`The virtual network gateway ${gateway.GatewayName} is used by gateway connection ${connection.GatewayConnectionName}; delete the connection first.`);
  }
  gateway.State = 'Deprovisioning';
  return gatewayOperation(ctx, 'DeleteVirtualNetworkGateway', virtualNetworkGatewayResource(gateway.GatewayId), () => {
    ctx.subscription.virtualNetworkGateways.delete(keyOf(gateway.GatewayId));
  });
}

function resetGateway(ctx: HandlerContext<'ResetVirtualNetworkGateway'>) {
  const gateway = gatewayToChange(ctx);
  return gatewayOperation(ctx, 'ResetVirtualNetworkGateway', virtualNetworkGatewayResource(gateway.GatewayId), () => {
    gateway.LastEvent = gatewayEvent('23011', `The virtual network gateway ${gateway.GatewayName} was reset.`);
  });
}

function resizeGateway(ctx: HandlerContext<'ResizeVirtualNetworkGateway'>) {
  const gateway = gatewayToChange(ctx);
  const size = checkGatewaySize(ctx.body.GatewaySize);
  return gatewayOperation(ctx, 'ResizeVirtualNetworkGateway', virtualNetworkGatewayResource(gateway.GatewayId), () => {
    gateway.GatewaySize = size;
  });
}

function startDiagnostics(ctx: HandlerContext<'StartVirtualNetworkGatewayDiagnostics'>) {
  const gateway = gatewayToChange(ctx);
  return gatewayOperation(ctx, 'StartDiagnostics', virtualNetworkGatewayResource(gateway.GatewayId), checkStart(gateway.diagnostics, ctx.body));
}

function stopDiagnostics(ctx: HandlerContext<'StopVirtualNetworkGatewayDiagnostics'>) {
  const gateway = gatewayToChange(ctx);
  return gatewayOperation(ctx, 'StopDiagnostics', virtualNetworkGatewayResource(gateway.GatewayId), checkStop(gateway.diagnostics, gateway.GatewayId));
}

export const virtualNetworkGatewayHandlers: HandlerTable = {
  ListVirtualNetworkGateways: (ctx) => done(200, [...ctx.subscription.virtualNetworkGateways.values()].map(view)),
  GetVirtualNetworkGateway: (ctx) => done(200, view(findVirtualNetworkGateway(ctx.subscription, stringParam(ctx, 'GatewayId')))),
  CreateVirtualNetworkGateway: createGateway,
  DeleteVirtualNetworkGateway: deleteGateway,
  ResetVirtualNetworkGateway: resetGateway,
  ResizeVirtualNetworkGateway: resizeGateway,
  GetVirtualNetworkGatewayDiagnostics: (ctx) => done(200, diagnosticsView(findVirtualNetworkGateway(ctx.subscription, stringParam(ctx, 'GatewayId')).diagnostics)),
  StartVirtualNetworkGatewayDiagnostics: startDiagnostics,
  StopVirtualNetworkGatewayDiagnostics: stopDiagnostics,
};
