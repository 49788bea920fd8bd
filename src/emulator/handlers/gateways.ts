/**
 * The classic VPN gateway of a virtual network (one per site, in its GatewaySubnet): created (201, as recorded)
 * Provisioning → Provisioned when the operation completes, with a public VIP from the emulator's pool; deleted,
 * failed over, reset and resized asynchronously; its site-to-site connections are the local network sites the
 * vnet's Gateway/ConnectionsToLocalNetwork names, each with a generated IPsec shared key (answered only by
 * GetGatewaySharedKey), IPsec parameters, and a ConnectivityState that connect/disconnect change. A vnet without
 * a gateway shows State NotProvisioned; the other verbs then answer the service's 404.
 */
import { randomUUID } from 'node:crypto';
import type { LocalNetworkSiteReference } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { gatewayOperation } from '../network/gateway-operations.js';
import {
  checkGatewayPlacement, checkGatewaySize, checkSharedKey, checkedIPsec, DEFAULT_IPSEC, findGateway, gatewayEvent, newSharedKey, requireProvisioned,
} from '../network/gateways.js';
import { checkStart, checkStop, diagnosticsView } from '../network/gateway-diagnostics.js';
import { findVirtualNetworkSite } from '../network/sites.js';
import type { GatewayRecord, GatewaySiteConnectionRecord } from '../records.js';
import { keyOf, nowIso, type SubscriptionState } from '../state.js';
import { assertNotBusy, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** The service's value for a connection never established (recorded). */
const NEVER = '1601-01-01T00:00:00Z';

export function gatewayResource(networkName: string): string {
  return `networking/${keyOf(networkName)}/gateway`;
}

/** Records keep times as ISO strings, which the writer takes for dateTime members; views are answered as such. */
function gatewayView(record: GatewayRecord): Record<string, unknown> {
  return {
    GatewayType: record.GatewayType, ...(record.LastEvent === undefined ? {} : { LastEvent: { ...record.LastEvent } }), State: record.State,
    ...(record.VIPAddress === undefined ? {} : { VIPAddress: record.VIPAddress }), DefaultSites: [...record.DefaultSites],
    GatewaySize: record.GatewaySize, GatewayId: record.GatewayId,
  };
}

/** Local network sites the vnet's configuration connects its gateway to. */
function siteReferences(subscription: SubscriptionState, networkName: string): LocalNetworkSiteReference[] {
  return findVirtualNetworkSite(subscription, networkName).Gateway?.ConnectionsToLocalNetwork ?? [];
}

/** The connection to a local network site, made (NotConnected, with a new shared key) when first asked for. */
function connectionOf(subscription: SubscriptionState, gateway: GatewayRecord, siteName: string): GatewaySiteConnectionRecord {
  const reference = siteReferences(subscription, gateway.networkName).find((r) => keyOf(r.name) === keyOf(siteName));
  if (reference === undefined) {
    throw errors.notFound(`The virtual network ${gateway.networkName} is not connected to local network site ${siteName}.`);
  }
  const existing = gateway.connections[keyOf(reference.name)];
  if (existing !== undefined) return existing;
  const made: GatewaySiteConnectionRecord = {
    LocalNetworkSiteName: reference.name, ConnectivityState: 'NotConnected', sharedKey: newSharedKey(), IngressBytesTransferred: 0, EgressBytesTransferred: 0,
  };
  gateway.connections[keyOf(reference.name)] = made;
  return made;
}

function connectionView(record: GatewaySiteConnectionRecord): Record<string, unknown> {
  return {
    AllocatedIPAddresses: [], ConnectivityState: record.ConnectivityState,
    EgressBytesTransferred: record.EgressBytesTransferred, EgressPacketsTransferred: 0,
    IngressBytesTransferred: record.IngressBytesTransferred, IngressPacketsTransferred: 0,
    LastConnectionEstablished: record.LastConnectionEstablished ?? NEVER,
    ...(record.LastEvent === undefined ? {} : { LastEvent: { ...record.LastEvent } }),
    LocalNetworkSiteName: record.LocalNetworkSiteName,
  };
}

/** A provisioned gateway not held by another operation, for the verbs that change it. */
function gatewayToChange(ctx: HandlerContext): GatewayRecord {
  const gateway = findGateway(ctx.subscription, stringParam(ctx, 'NetworkName'));
  assertNotBusy(ctx, gatewayResource(gateway.networkName), 'gateway');
  requireProvisioned(gateway);
  return gateway;
}

function createGateway(ctx: HandlerContext<'CreateGateway'>) {
  const site = findVirtualNetworkSite(ctx.subscription, ctx.params.NetworkName);
  checkGatewayPlacement(ctx.subscription, site);
  const size = checkGatewaySize(ctx.body.GatewaySize ?? 'Default');
  const record: GatewayRecord = {
    networkName: site.name, GatewayId: randomUUID(), GatewayType: ctx.body.gatewayType ?? 'StaticRouting', GatewaySize: size, State: 'Provisioning',
    DefaultSites: [], connections: {}, diagnostics: { State: 'Ready' }, clientRootCertificates: {},
  };
  ctx.subscription.gateways.set(keyOf(site.name), record);
  return gatewayOperation(ctx, 'CreateGateway', gatewayResource(site.name), () => {
    record.State = 'Provisioned';
    record.VIPAddress = ctx.state.publicAddresses.take();
    record.LastEvent = gatewayEvent('23002', `Successfully created a gateway for the following virtual network: ${site.name}`);
    // Nothing answers on the other side yet: the service logged a failed first attempt per site (recorded).
    for (const reference of siteReferences(ctx.subscription, site.name)) {
      connectionOf(ctx.subscription, record, reference.name).LastEvent = gatewayEvent('21601',
        `Unable to establish the cross-premise tunnel for site '${reference.name}'. Previous state: Initializing.  Current state: Not Connected.`);
    }
  }, 201);
}

function deleteGateway(ctx: HandlerContext<'DeleteGateway'>) {
  const gateway = findGateway(ctx.subscription, ctx.params.NetworkName);
  assertNotBusy(ctx, gatewayResource(gateway.networkName), 'gateway');
  gateway.State = 'Deprovisioning';
  return gatewayOperation(ctx, 'DeleteGateway', gatewayResource(gateway.networkName), () => {
    ctx.subscription.gateways.delete(keyOf(gateway.networkName));
  });
}

function failoverGateway(ctx: HandlerContext<'FailoverGateway'>) {
  const gateway = gatewayToChange(ctx);
  return gatewayOperation(ctx, 'FailoverGateway', gatewayResource(gateway.networkName), () => {
    gateway.LastEvent = gatewayEvent('23010', `The gateway of virtual network ${gateway.networkName} failed over to its standby instance.`);
  });
}

function resetGateway(ctx: HandlerContext<'ResetGateway'>) {
  const gateway = gatewayToChange(ctx);
  return gatewayOperation(ctx, 'ResetGateway', gatewayResource(gateway.networkName), () => {
    gateway.LastEvent = gatewayEvent('23011', `The gateway of virtual network ${gateway.networkName} was reset.`);
  });
}

function resizeGateway(ctx: HandlerContext<'ResizeGateway'>) {
  const gateway = gatewayToChange(ctx);
  const size = checkGatewaySize(ctx.body.GatewaySize);
  return gatewayOperation(ctx, 'ResizeGateway', gatewayResource(gateway.networkName), () => {
    gateway.GatewaySize = size;
  });
}

function connectDisconnectOrTest(ctx: HandlerContext<'ConnectDisconnectOrTestGateway'>) {
  const gateway = gatewayToChange(ctx);
  const connection = connectionOf(ctx.subscription, gateway, ctx.params.LocalNetworkName);
  const { Operation, IPAddress } = ctx.body;
  if (Operation === 'Test' && (IPAddress === undefined || !IPV4.test(IPAddress))) {
    throw errors.badRequest(`The IPAddress ${IPAddress ?? '(none)'} to test is not a valid IPv4 address.`);
  }
  return gatewayOperation(ctx, `${Operation}Gateway`, gatewayResource(gateway.networkName), () => {
    if (Operation === 'Connect') {
      connection.ConnectivityState = 'Connected';
      connection.LastConnectionEstablished = nowIso();
      connection.LastEvent = gatewayEvent('24401', `Connected to the cross-premise site '${connection.LocalNetworkSiteName}'.`);
    } else if (Operation === 'Disconnect') {
      connection.ConnectivityState = 'NotConnected';
      connection.LastEvent = gatewayEvent('24402', `Disconnected from the cross-premise site '${connection.LocalNetworkSiteName}'.`);
    }
    return Operation === 'Test' ? `${IPAddress} is ${connection.ConnectivityState === 'Connected' ? 'reachable' : 'not reachable'}` : undefined;
  });
}

function listConnections(ctx: HandlerContext<'ListGatewayConnectionsForNetwork'>) {
  const gateway = findGateway(ctx.subscription, ctx.params.NetworkName);
  return done(200, siteReferences(ctx.subscription, gateway.networkName).map((r) => connectionView(connectionOf(ctx.subscription, gateway, r.name))));
}

function sharedKeyConnection(ctx: HandlerContext): { gateway: GatewayRecord; connection: GatewaySiteConnectionRecord } {
  const gateway = findGateway(ctx.subscription, stringParam(ctx, 'NetworkName'));
  return { gateway, connection: connectionOf(ctx.subscription, gateway, stringParam(ctx, 'LocalNetworkName')) };
}

function setSharedKey(ctx: HandlerContext<'SetGatewaySharedKey'>) {
  const { gateway, connection } = sharedKeyConnection(ctx);
  assertNotBusy(ctx, gatewayResource(gateway.networkName), 'gateway');
  checkSharedKey(ctx.body.Value);
  const value = ctx.body.Value;
  // The service named this operation ResetSharedKey too (recorded).
  return gatewayOperation(ctx, 'ResetSharedKey', gatewayResource(gateway.networkName), () => {
    connection.sharedKey = value;
  });
}

function resetSharedKey(ctx: HandlerContext<'ResetGatewaySharedKey'>) {
  const { gateway, connection } = sharedKeyConnection(ctx);
  assertNotBusy(ctx, gatewayResource(gateway.networkName), 'gateway');
  const value = newSharedKey(ctx.body.KeyLength);
  return gatewayOperation(ctx, 'ResetSharedKey', gatewayResource(gateway.networkName), () => {
    connection.sharedKey = value;
  });
}

function setIPsec(ctx: HandlerContext<'SetGatewayIPsecParameters'>) {
  const { gateway, connection } = sharedKeyConnection(ctx);
  assertNotBusy(ctx, gatewayResource(gateway.networkName), 'gateway');
  const next = checkedIPsec(connection.ipsec ?? DEFAULT_IPSEC, ctx.body);
  return gatewayOperation(ctx, 'SetIPsecParameters', gatewayResource(gateway.networkName), () => {
    connection.ipsec = next;
  });
}

function setDefaultSites(ctx: HandlerContext<'SetGatewayDefaultSites'>) {
  const gateway = gatewayToChange(ctx);
  const references = siteReferences(ctx.subscription, gateway.networkName);
  const sites = ctx.body ?? [];
  if (sites.length !== 1) throw errors.badRequest(`A gateway has one default site; the request names ${sites.length}.`);
  const names = sites.map((name) => {
    const reference = references.find((r) => keyOf(r.name) === keyOf(name));
    if (reference === undefined) throw errors.badRequest(`The default site ${name} is not a local network site the virtual network ${gateway.networkName} connects to.`);
    return reference.name;
  });
  return gatewayOperation(ctx, 'SetDefaultSites', gatewayResource(gateway.networkName), () => {
    gateway.DefaultSites = names;
  });
}

function removeDefaultSites(ctx: HandlerContext<'RemoveGatewayDefaultSites'>) {
  const gateway = gatewayToChange(ctx);
  return gatewayOperation(ctx, 'RemoveDefaultSites', gatewayResource(gateway.networkName), () => {
    gateway.DefaultSites = [];
  });
}

function startDiagnostics(ctx: HandlerContext<'StartGatewayDiagnostics'>) {
  const gateway = gatewayToChange(ctx);
  const begin = checkStart(gateway.diagnostics, ctx.body);
  return gatewayOperation(ctx, 'StartDiagnostics', gatewayResource(gateway.networkName), begin);
}

function stopDiagnostics(ctx: HandlerContext<'StopGatewayDiagnostics'>) {
  const gateway = gatewayToChange(ctx);
  const finish = checkStop(gateway.diagnostics, gateway.GatewayId);
  return gatewayOperation(ctx, 'StopDiagnostics', gatewayResource(gateway.networkName), finish);
}

export const gatewayHandlers: HandlerTable = {
  GetGateway: (ctx) => {
    const site = findVirtualNetworkSite(ctx.subscription, stringParam(ctx, 'NetworkName'));
    const gateway = ctx.subscription.gateways.get(keyOf(site.name));
    return done(200, gateway === undefined ? { State: 'NotProvisioned', DefaultSites: [] } : gatewayView(gateway));
  },
  CreateGateway: createGateway,
  DeleteGateway: deleteGateway,
  FailoverGateway: failoverGateway,
  ResetGateway: resetGateway,
  ResizeGateway: resizeGateway,
  ConnectDisconnectOrTestGateway: connectDisconnectOrTest,
  ListGatewayConnectionsForNetwork: listConnections,
  GetGatewaySharedKey: (ctx) => done(200, { Value: sharedKeyConnection(ctx).connection.sharedKey }),
  SetGatewaySharedKey: setSharedKey,
  ResetGatewaySharedKey: resetSharedKey,
  GetGatewayIPsecParameters: (ctx) => done(200, { ...DEFAULT_IPSEC, ...sharedKeyConnection(ctx).connection.ipsec }),
  SetGatewayIPsecParameters: setIPsec,
  SetGatewayDefaultSites: setDefaultSites,
  RemoveGatewayDefaultSites: removeDefaultSites,
  GetGatewayDiagnostics: (ctx) => done(200, diagnosticsView(findGateway(ctx.subscription, stringParam(ctx, 'NetworkName')).diagnostics)),
  StartGatewayDiagnostics: startDiagnostics,
  StopGatewayDiagnostics: stopDiagnostics,
};
