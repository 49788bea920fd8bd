/**
 * Application gateways (the classic API of 2016-07-01): created Stopped in subnets of an existing virtual network
 * with a name unique in the subscription, resized and moved by Update, started and stopped by
 * ExecuteApplicationGatewayOperation, configured with a configuration document (network/application-gateway-
 * config.ts) and given SSL certificates uploaded as PFX. Only a certificate's public part is kept: its PFX data and
 * password are never stored or answered. Every change is asynchronous, answered with a GatewayOperationAsyncResponse
 * and polled with GetGatewayOperationStatus, as the recordings show
 * (xplat-cli/cli.network.application.gateway-tests.js); an unknown gateway answers the recorded 404
 * "The gateway does not exist.".
 */
import { randomUUID } from 'node:crypto';
import type { ApplicationGateway, ApplicationGatewayCertificate } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import { certificatesInUse, checkGatewayConfiguration } from '../network/application-gateway-config.js';
import { findSubnet, findVirtualNetworkSite } from '../network/sites.js';
import type { ApplicationGatewayRecord } from '../records.js';
import { keyOf, type SubscriptionState } from '../state.js';
import { gatewayAccepted } from './network-gateways.js';
import { certificateDer } from './service-certificates.js';
import { assertNotBusy, done, stringParam, type HandlerContext, type HandlerResult, type HandlerTable } from './types.js';

const SIZES = ['Small', 'Medium', 'Large'];
const MAX_INSTANCES = 10;

function findGateway(subscription: SubscriptionState, name: string): ApplicationGatewayRecord {
  const gateway = subscription.applicationGateways.get(keyOf(name));
  if (gateway === undefined) throw errors.notFound('The gateway does not exist.');
  return gateway;
}

function gatewayResource(name: string): string {
  return `applicationgateways/${keyOf(name)}`;
}

/** An asynchronous change of one gateway, checked now and again when it completes. */
function changeGateway(ctx: HandlerContext, name: string, apply: () => void): HandlerResult {
  assertNotBusy(ctx, gatewayResource(name), 'application gateway');
  return gatewayAccepted(ctx, gatewayResource(name), apply);
}

/** Elements in the recorded order (alphabetical); Description, DnsName and VirtualIPs written even when empty. */
function gatewayView(g: ApplicationGatewayRecord): ApplicationGateway {
  return {
    Description: g.Description ?? '', ...(g.DnsName === undefined ? {} : { DnsName: g.DnsName }), GatewaySize: g.GatewaySize,
    InstanceCount: g.InstanceCount, Name: g.Name, State: g.State, Subnets: [...g.Subnets],
    ...(g.VirtualIPs.length === 0 ? {} : { VirtualIPs: [...g.VirtualIPs] }), VnetName: g.VnetName,
  };
}

interface Placement {
  GatewaySize?: string;
  InstanceCount?: number;
  Subnets?: string[];
  VnetName?: string;
}

/** Size, count and placement as the gateway will have them: the network and its subnets must exist. */
function checkPlacement(subscription: SubscriptionState, name: string, p: Required<Placement>): Required<Placement> {
  const size = SIZES.find((s) => keyOf(s) === keyOf(p.GatewaySize));
  if (size === undefined) throw errors.badRequest(`The GatewaySize ${p.GatewaySize} of application gateway ${name} is not valid: it is ${SIZES.join(', ')}.`);
  if (!Number.isInteger(p.InstanceCount) || p.InstanceCount < 1 || p.InstanceCount > MAX_INSTANCES) {
    throw errors.badRequest(`The InstanceCount ${p.InstanceCount} of application gateway ${name} is not valid: it is from 1 to ${MAX_INSTANCES}.`);
  }
  const site = findVirtualNetworkSite(subscription, p.VnetName);
  if (p.Subnets.length === 0) throw errors.badRequest(`The application gateway ${name} needs a subnet of virtual network ${site.name} in Subnets.`);
  const subnets = p.Subnets.map((s) => findSubnet(site, s).name);
  return { GatewaySize: size, InstanceCount: p.InstanceCount, Subnets: subnets, VnetName: site.name };
}

function required<T>(name: string, field: string, value: T | undefined): T {
  if (value === undefined) throw errors.badRequest(`The application gateway ${name} needs a ${field}.`);
  return value;
}

function checkNewGateway(ctx: HandlerContext<'CreateApplicationGateway'>): ApplicationGatewayRecord {
  const { Name, Description } = ctx.body;
  if (ctx.subscription.applicationGateways.has(keyOf(Name))) throw errors.conflict(`An application gateway named ${Name} already exists in the subscription.`);
  const placement = checkPlacement(ctx.subscription, Name, {
    GatewaySize: required(Name, 'GatewaySize', ctx.body.GatewaySize), InstanceCount: required(Name, 'InstanceCount', ctx.body.InstanceCount),
    Subnets: ctx.body.Subnets ?? [], VnetName: ctx.body.VnetName,
  });
  return { Name, ...(Description === undefined ? {} : { Description }), ...placement, State: 'Stopped', VirtualIPs: [], certificates: {} };
}

function createGateway(ctx: HandlerContext<'CreateApplicationGateway'>): HandlerResult {
  const record = checkNewGateway(ctx);
  checkBound(ctx.state, 'networkGateways', 'application gateways per subscription', ctx.subscription.applicationGateways.size);
  return changeGateway(ctx, record.Name, () => {
    checkNewGateway(ctx);
    checkBound(ctx.state, 'networkGateways', 'application gateways per subscription', ctx.subscription.applicationGateways.size);
    ctx.subscription.applicationGateways.set(keyOf(record.Name), record);
  });
}

function updateGateway(ctx: HandlerContext<'UpdateApplicationGateway'>): HandlerResult {
  const gateway = findGateway(ctx.subscription, ctx.params.GatewayName);
  const next = (): Required<Placement> => checkPlacement(ctx.subscription, gateway.Name, {
    GatewaySize: ctx.body.GatewaySize ?? gateway.GatewaySize, InstanceCount: ctx.body.InstanceCount ?? gateway.InstanceCount,
    Subnets: ctx.body.Subnets ?? gateway.Subnets, VnetName: ctx.body.VnetName ?? gateway.VnetName,
  });
  const moving = ctx.body.VnetName !== undefined && keyOf(ctx.body.VnetName) !== keyOf(gateway.VnetName);
  if (moving && gateway.State === 'Running') throw errors.badRequest(`The application gateway ${gateway.Name} is running; stop it before moving it to another virtual network.`);
  next();
  const description = ctx.body.Description;
  return changeGateway(ctx, gateway.Name, () => {
    Object.assign(gateway, next(), description === undefined ? {} : { Description: description });
  });
}

function deleteGateway(ctx: HandlerContext): HandlerResult {
  const gateway = findGateway(ctx.subscription, stringParam(ctx, 'GatewayName'));
  return changeGateway(ctx, gateway.Name, () => void ctx.subscription.applicationGateways.delete(keyOf(gateway.Name)));
}

/** Start needs a configuration; a running gateway has the addresses of its front-end IP configurations. */
function startOrStop(ctx: HandlerContext<'ExecuteApplicationGatewayOperation'>): HandlerResult {
  const gateway = findGateway(ctx.subscription, ctx.params.GatewayName);
  const start = ctx.body.OperationType === 'Start';
  const check = (): void => {
    if (start && gateway.State === 'Running') throw errors.badRequest(`The application gateway ${gateway.Name} is already running.`);
    if (!start && gateway.State === 'Stopped') throw errors.badRequest(`The application gateway ${gateway.Name} is already stopped.`);
    if (start && gateway.configuration === undefined) throw errors.badRequest(`The application gateway ${gateway.Name} has no configuration; set one before starting it.`);
  };
  check();
  return changeGateway(ctx, gateway.Name, () => {
    check();
    if (!start) {
      Object.assign(gateway, { State: 'Stopped', VirtualIPs: [] });
      delete gateway.DnsName;
      return;
    }
    const addresses = (gateway.configuration?.FrontendIPConfigurations ?? [])
      .map((ip) => (ip.Type?.toLowerCase() === 'private' ? ip.StaticIPAddress! : ctx.state.publicAddresses.take()));
    Object.assign(gateway, { State: 'Running', VirtualIPs: addresses, DnsName: `${randomUUID()}.cloudapp.net` });
  });
}

function setConfig(ctx: HandlerContext<'SetApplicationGatewayConfig'>): HandlerResult {
  const gateway = findGateway(ctx.subscription, ctx.params.GatewayName);
  const config = structuredClone(ctx.body);
  const check = (): void => {
    if (gateway.State === 'Running') throw errors.badRequest(`The application gateway ${gateway.Name} is running; stop it before changing its configuration.`);
    checkGatewayConfiguration(config, gateway, findVirtualNetworkSite(ctx.subscription, gateway.VnetName));
  };
  check();
  return changeGateway(ctx, gateway.Name, () => {
    check();
    gateway.configuration = config;
  });
}

function certificateView(gateway: ApplicationGatewayRecord, name: string): ApplicationGatewayCertificate {
  const certificate = gateway.certificates[keyOf(name)];
  if (certificate === undefined) throw errors.notFound(`The certificate ${name} does not exist on application gateway ${gateway.Name}.`);
  return { ...certificate };
}

function addCertificate(ctx: HandlerContext<'AddApplicationGatewayCertificate'>): HandlerResult {
  const gateway = findGateway(ctx.subscription, ctx.params.GatewayName);
  const name = ctx.params.CertificateName;
  if (keyOf(ctx.body.CertificateFormat) !== 'pfx') {
    throw errors.badRequest(`The CertificateFormat of certificate ${name} is not valid: an application gateway takes pfx.`);
  }
  // Only the public certificate is kept: the PFX and its password go no further than this line.
  const der = certificateDer(ctx.body);
  const check = (): void => {
    if (gateway.certificates[keyOf(name)] !== undefined) throw errors.conflict(`A certificate named ${name} already exists on application gateway ${gateway.Name}.`);
  };
  check();
  return changeGateway(ctx, gateway.Name, () => {
    check();
    gateway.certificates[keyOf(name)] = { Name: name, Data: der.toString('base64'), State: 'Provisioned' };
  });
}

function deleteCertificate(ctx: HandlerContext): HandlerResult {
  const gateway = findGateway(ctx.subscription, stringParam(ctx, 'GatewayName'));
  const name = stringParam(ctx, 'CertificateName');
  const check = (): void => {
    certificateView(gateway, name);
    if (certificatesInUse(gateway.configuration).has(keyOf(name))) {
      throw errors.badRequest(`The certificate ${name} is used by a listener of application gateway ${gateway.Name}; change the configuration first.`);
    }
  };
  check();
  return changeGateway(ctx, gateway.Name, () => {
    check();
    delete gateway.certificates[keyOf(name)];
  });
}

export const applicationGatewayHandlers: HandlerTable = {
  ListApplicationGateways: (ctx) => done(200, [...ctx.subscription.applicationGateways.values()].map(gatewayView)),
  GetApplicationGateway: (ctx) => done(200, gatewayView(findGateway(ctx.subscription, ctx.params.GatewayName))),
  CreateApplicationGateway: createGateway,
  UpdateApplicationGateway: updateGateway,
  DeleteApplicationGateway: deleteGateway,
  ExecuteApplicationGatewayOperation: startOrStop,
  GetApplicationGatewayConfig: (ctx) => done(200, structuredClone(findGateway(ctx.subscription, ctx.params.GatewayName).configuration ?? {})),
  SetApplicationGatewayConfig: setConfig,
  ListApplicationGatewayCertificates: (ctx) => {
    const gateway = findGateway(ctx.subscription, ctx.params.GatewayName);
    return done(200, Object.values(gateway.certificates).map((c) => ({ ...c })));
  },
  GetApplicationGatewayCertificate: (ctx) => done(200, certificateView(findGateway(ctx.subscription, ctx.params.GatewayName), ctx.params.CertificateName)),
  AddApplicationGatewayCertificate: addCertificate,
  DeleteApplicationGatewayCertificate: deleteCertificate,
};
