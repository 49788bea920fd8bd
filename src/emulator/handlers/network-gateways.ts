/**
 * Local network gateways and gateway connections (the V2 gateway API). A local network gateway stands for an
 * on-premises VPN device: a name unique in the subscription (409 otherwise), the device's public IPv4 address
 * and the on-premises address prefixes; its id is a GUID the service made. A connection joins a virtual network
 * gateway to a local network gateway (the connected entity), one per pair; creating, updating and deleting one is
 * asynchronous, answered with a GatewayOperationAsyncResponse and polled with GetGatewayOperationStatus.
 * Both ends must exist: the virtual network gateway (virtual-network-gateways.ts) and the connected entity. The
 * connection's shared key (write-only here, read with GetVirtualNetworkGatewaySharedKey) and IPsec parameters are
 * read and changed through the virtual network gateway's connectedentity URLs.
 */
import { randomUUID } from 'node:crypto';
import type { BgpSettings, GatewayConnection, LocalNetworkGateway } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import { guidForm } from '../async-operations.js';
import { gatewayOperation } from '../network/gateway-operations.js';
import { checkSharedKey, checkedIPsec, DEFAULT_IPSEC, findVirtualNetworkGateway, newSharedKey } from '../network/gateways.js';
import type { GatewayConnectionRecord, LocalNetworkGatewayRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';
import { accepted, assertNotBusy, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function checkAddressSpace(prefixes: readonly string[]): void {
  for (const prefix of prefixes) {
    const [address, length, extra] = prefix.split('/');
    const bits = Number(length);
    if (extra !== undefined || address === undefined || !IPV4.test(address) || !/^\d{1,2}$/.test(length ?? '') || bits > 32) {
      throw errors.badRequest(`The address prefix ${prefix} of AddressSpace is not a valid CIDR block (e.g. 10.1.0.0/16).`);
    }
  }
}

function findLocalGateway(subscription: SubscriptionState, id: string): LocalNetworkGatewayRecord {
  const record = subscription.localNetworkGateways.get(keyOf(id));
  if (record === undefined) throw errors.notFound(`The local network gateway ${id} does not exist.`);
  return record;
}

function localGatewayView(record: LocalNetworkGatewayRecord): LocalNetworkGateway {
  return { AddressSpace: [...record.AddressSpace], Id: record.Id, GatewayName: record.GatewayName, IpAddress: record.IpAddress, BgpSettings: record.BgpSettings };
}

function createLocalGateway(ctx: HandlerContext<'CreateLocalNetworkGateway'>) {
  const { GatewayName, IpAddress, AddressSpace = [], BgpSettings: bgp } = ctx.body;
  const taken = [...ctx.subscription.localNetworkGateways.values()].some((g) => keyOf(g.GatewayName) === keyOf(GatewayName));
  if (taken) throw errors.conflict(`A local network gateway named ${GatewayName} already exists in the subscription.`);
  checkBound(ctx.state, 'networkGateways', 'local network gateways per subscription', ctx.subscription.localNetworkGateways.size);
  if (!IPV4.test(IpAddress)) throw errors.badRequest(`The IpAddress ${IpAddress} is not a valid IPv4 address.`);
  checkAddressSpace(AddressSpace);
  const record: LocalNetworkGatewayRecord = { Id: randomUUID(), GatewayName, IpAddress, AddressSpace: [...AddressSpace], ...bgpOf(bgp) };
  ctx.subscription.localNetworkGateways.set(keyOf(record.Id), record);
  return done(200, record.Id);
}

function bgpOf(bgp: BgpSettings | undefined): { BgpSettings?: BgpSettings } {
  return bgp === undefined ? {} : { BgpSettings: { ...bgp } };
}

function updateLocalGateway(ctx: HandlerContext<'UpdateLocalNetworkGateway'>) {
  const record = findLocalGateway(ctx.subscription, stringParam(ctx, 'GatewayId'));
  const { AddressSpace, BgpSettings: bgp } = ctx.body;
  if (AddressSpace !== undefined) checkAddressSpace(AddressSpace);
  if (AddressSpace !== undefined) record.AddressSpace = [...AddressSpace];
  if (bgp !== undefined) record.BgpSettings = { ...bgp };
  return done(200);
}

function connectionsOf(subscription: SubscriptionState, localGatewayId: string): GatewayConnectionRecord[] {
  return [...subscription.gatewayConnections.values()].filter((c) => keyOf(c.ConnectedEntityId) === keyOf(localGatewayId));
}

function deleteLocalGateway(ctx: HandlerContext) {
  const record = findLocalGateway(ctx.subscription, stringParam(ctx, 'GatewayId'));
  const [connection] = connectionsOf(ctx.subscription, record.Id);
  if (connection !== undefined) {
    throw errors.badRequest(`The local network gateway ${record.GatewayName} is used by gateway connection ${connection.GatewayConnectionName}; delete the connection first.`);
  }
  ctx.subscription.localNetworkGateways.delete(keyOf(record.Id));
  return done(200);
}

function connectionKey(gatewayId: string, connectedEntityId: string): string {
  return `${keyOf(gatewayId)}/${keyOf(connectedEntityId)}`;
}

function connectionResource(key: string): string {
  return `gatewayconnections/${key}`;
}

function findConnection(ctx: HandlerContext): { key: string; record: GatewayConnectionRecord } {
  const gatewayId = stringParam(ctx, 'GatewayId');
  const entityId = stringParam(ctx, 'ConnectedEntityId');
  const key = connectionKey(gatewayId, entityId);
  const record = ctx.subscription.gatewayConnections.get(key);
  if (record === undefined) throw errors.notFound(`There is no gateway connection between virtual network gateway ${gatewayId} and ${entityId}.`);
  return { key, record };
}

/** A connection as answered: the shared key is write-only (GetVirtualNetworkGatewaySharedKey reads it). */
function connectionView(record: GatewayConnectionRecord): GatewayConnection {
  const { SharedKey: _secret, IPsecParameters: _ipsec, ...visible } = record;
  return visible;
}

/** The id a gateway operation is polled by: this request's id, in the GUID form the service showed. */
export function gatewayAccepted(ctx: HandlerContext, resource: string, complete: () => void) {
  return accepted({ resource, complete }, { ID: guidForm(ctx.requestId) });
}

function checkNewConnection(subscription: SubscriptionState, body: GatewayConnectionRecord): string {
  findVirtualNetworkGateway(subscription, body.VirtualNetworkGatewayId);
  findLocalGateway(subscription, body.ConnectedEntityId);
  const key = connectionKey(body.VirtualNetworkGatewayId, body.ConnectedEntityId);
  if (subscription.gatewayConnections.has(key)) {
    throw errors.conflict(`Virtual network gateway ${body.VirtualNetworkGatewayId} is already connected to ${body.ConnectedEntityId}.`);
  }
  const sameName = [...subscription.gatewayConnections.values()].find((c) => keyOf(c.GatewayConnectionName) === keyOf(body.GatewayConnectionName));
  if (sameName !== undefined) throw errors.conflict(`A gateway connection named ${body.GatewayConnectionName} already exists in the subscription.`);
  return key;
}

function createConnection(ctx: HandlerContext<'CreateGatewayConnection'>) {
  const record: GatewayConnectionRecord = { GatewayConnectionType: 'IPsec', ...ctx.body };
  const key = checkNewConnection(ctx.subscription, record);
  assertNotBusy(ctx, connectionResource(key), 'gateway connection');
  checkBound(ctx.state, 'networkGateways', 'gateway connections per subscription', ctx.subscription.gatewayConnections.size);
  return gatewayAccepted(ctx, connectionResource(key), () => {
    checkNewConnection(ctx.subscription, record);
    checkBound(ctx.state, 'networkGateways', 'gateway connections per subscription', ctx.subscription.gatewayConnections.size);
    ctx.subscription.gatewayConnections.set(key, record);
  });
}

function updateConnection(ctx: HandlerContext<'UpdateGatewayConnection'>) {
  const { key, record } = findConnection(ctx);
  assertNotBusy(ctx, connectionResource(key), 'gateway connection');
  const { RoutingWeight, SharedKey, EnableBgp } = ctx.body;
  return gatewayAccepted(ctx, connectionResource(key), () => {
    if (ctx.subscription.gatewayConnections.get(key) !== record) throw errors.notFound('The gateway connection no longer exists.');
    if (RoutingWeight !== undefined) record.RoutingWeight = RoutingWeight;
    if (SharedKey !== undefined) record.SharedKey = SharedKey;
    if (EnableBgp !== undefined) record.EnableBgp = EnableBgp;
  });
}

function deleteConnection(ctx: HandlerContext) {
  const { key } = findConnection(ctx);
  assertNotBusy(ctx, connectionResource(key), 'gateway connection');
  return gatewayAccepted(ctx, connectionResource(key), () => {
    if (!ctx.subscription.gatewayConnections.delete(key)) throw errors.notFound('The gateway connection no longer exists.');
  });
}

/** A connection's shared key or IPsec parameters change as a gateway operation on the connection. */
function changeConnection(ctx: HandlerContext, name: string, change: (record: GatewayConnectionRecord) => void) {
  const { key, record } = findConnection(ctx);
  assertNotBusy(ctx, connectionResource(key), 'gateway connection');
  return gatewayOperation(ctx, name, connectionResource(key), () => {
    if (ctx.subscription.gatewayConnections.get(key) !== record) throw errors.notFound('The gateway connection no longer exists.');
    change(record);
  });
}

function setSharedKey(ctx: HandlerContext<'SetVirtualNetworkGatewaySharedKey'>) {
  checkSharedKey(ctx.body.Value);
  const value = ctx.body.Value;
  return changeConnection(ctx, 'SetSharedKey', (record) => { record.SharedKey = value; });
}

function resetSharedKey(ctx: HandlerContext<'ResetVirtualNetworkGatewaySharedKey'>) {
  const value = newSharedKey(ctx.body.KeyLength);
  return changeConnection(ctx, 'ResetSharedKey', (record) => { record.SharedKey = value; });
}

function setIPsec(ctx: HandlerContext<'SetVirtualNetworkGatewayIPsecParameters'>) {
  const next = checkedIPsec(findConnection(ctx).record.IPsecParameters ?? DEFAULT_IPSEC, ctx.body);
  return changeConnection(ctx, 'SetIPsecParameters', (record) => { record.IPsecParameters = next; });
}

/** The shared key of a connection made without one: generated on first read, as the service generated it. */
function sharedKeyOf(ctx: HandlerContext): { Value: string } {
  const { record } = findConnection(ctx);
  record.SharedKey ??= newSharedKey();
  return { Value: record.SharedKey };
}

export const networkGatewayHandlers: HandlerTable = {
  ListLocalNetworkGateways: (ctx) => done(200, [...ctx.subscription.localNetworkGateways.values()].map(localGatewayView)),
  GetLocalNetworkGateway: (ctx) => done(200, localGatewayView(findLocalGateway(ctx.subscription, stringParam(ctx, 'GatewayId')))),
  CreateLocalNetworkGateway: createLocalGateway,
  UpdateLocalNetworkGateway: updateLocalGateway,
  DeleteLocalNetworkGateway: deleteLocalGateway,
  ListGatewayConnections: (ctx) => done(200, [...ctx.subscription.gatewayConnections.values()].map(connectionView)),
  GetGatewayConnection: (ctx) => done(200, connectionView(findConnection(ctx).record)),
  CreateGatewayConnection: createConnection,
  UpdateGatewayConnection: updateConnection,
  DeleteGatewayConnection: deleteConnection,
  GetVirtualNetworkGatewaySharedKey: (ctx) => done(200, sharedKeyOf(ctx)),
  SetVirtualNetworkGatewaySharedKey: setSharedKey,
  ResetVirtualNetworkGatewaySharedKey: resetSharedKey,
  GetVirtualNetworkGatewayIPsecParameters: (ctx) => done(200, { ...DEFAULT_IPSEC, ...findConnection(ctx).record.IPsecParameters }),
  SetVirtualNetworkGatewayIPsecParameters: setIPsec,
};
