/**
 * Cloud services (hosted services). Names are DNS prefixes (<name>.cloudapp.net), unique across every
 * subscription and case-insensitive. Creation is synchronous (201 + Location); deletion is synchronous without
 * comp=media and refused while deployments exist, asynchronous with it (deployments and media go too).
 */
import { errors } from '../api-error.js';
import type { StructureShape } from '../../core/shapes.js';
import { memberAccepts } from '../../core/validation.js';
import { removeDeployment } from '../compute/deployments.js';
import { envOf } from '../compute/env.js';
import { deploymentView } from '../compute/views.js';
import { checkExtendedProperties, mergeExtendedProperties } from '../extended-properties.js';
import { checkPlacement, regionOf } from '../placement.js';
import { checkQuota } from '../quotas.js';
import type { HostedServiceRecord } from '../records.js';
import { keyOf, nowIso, type LocationRecord } from '../state.js';
import { deploymentResource, findService } from './lookup.js';
import {
  accepted, assertNotBusy, done, flagParam, stringParam, type HandlerContext, type HandlerTable,
} from './types.js';

function resourceOf(name: string): string {
  return `hostedservices/${keyOf(name)}`;
}

/** The deployments of a service, as GetHostedService with embed-detail shows them. */
function deploymentsOf(ctx: HandlerContext, service: HostedServiceRecord) {
  return [...service.deployments.values()].map((d) => deploymentView(d, {
    subscription: ctx.subscription, service, locked: ctx.operations.holder(ctx.subscription.id, deploymentResource(service.ServiceName, d.Name)) !== undefined,
  }));
}

/** Where a service runs: its own location, or its affinity group's. */
function locationOf(ctx: HandlerContext, service: HostedServiceRecord): LocationRecord | undefined {
  const region = regionOf(ctx.subscription, service);
  return region === undefined ? undefined : ctx.state.location(region);
}

function serviceView(ctx: HandlerContext, service: HostedServiceRecord, detail: { capabilities?: boolean; deployments?: boolean }) {
  return {
    Url: `${ctx.baseUrl}/${ctx.subscription.id}/services/hostedservices/${service.ServiceName}`,
    ServiceName: service.ServiceName,
    HostedServiceProperties: {
      Description: service.Description,
      AffinityGroup: service.AffinityGroup,
      Location: service.Location,
      Label: service.Label,
      Status: service.Status,
      DateCreated: service.DateCreated,
      DateLastModified: service.DateLastModified,
      ExtendedProperties: service.ExtendedProperties.length === 0 ? undefined : service.ExtendedProperties,
      ReverseDnsFqdn: service.ReverseDnsFqdn,
    },
    // No <Deployments/> for a service without any, as recorded.
    Deployments: detail.deployments && service.deployments.size > 0 ? deploymentsOf(ctx, service) : undefined,
    ComputeCapabilities: detail.capabilities ? locationOf(ctx, service)?.ComputeCapabilities : undefined,
  };
}

function createHostedService(ctx: HandlerContext<'CreateHostedService'>) {
  const body = ctx.body;
  if (ctx.state.hostedServiceOwner(body.ServiceName) !== undefined) throw errors.conflict('The specified DNS name is already taken.');
  checkPlacement(ctx.state, ctx.subscription, body, 'Compute');
  checkExtendedProperties(body.ExtendedProperties ?? [], 'cloud service');
  checkQuota(ctx.state, ctx.subscription, 'HostedServices', 1);
  const now = nowIso();
  const service: HostedServiceRecord = {
    ServiceName: body.ServiceName, Label: body.Label, Description: body.Description, Location: body.Location,
    AffinityGroup: body.AffinityGroup, Status: 'Created', DateCreated: now, DateLastModified: now,
    ExtendedProperties: body.ExtendedProperties ?? [], ReverseDnsFqdn: body.ReverseDnsFqdn, deployments: new Map(), certificates: new Map(),
  };
  ctx.subscription.hostedServices.set(keyOf(service.ServiceName), service);
  // The service answers with a Location of this form (a compute resource URI, not an ASM path).
  return done(201, undefined, { Location: `${ctx.baseUrl}/subscriptions/${ctx.subscription.id}/compute/${service.ServiceName}` });
}

function updateHostedService(ctx: HandlerContext<'UpdateHostedService'>) {
  const service = findService(ctx);
  const body = ctx.body;
  // "Either Label or Description must be specified." is the spec's atLeastOne rule, checked on receipt.
  assertNotBusy(ctx, resourceOf(service.ServiceName), 'hosted service');
  const properties = mergeExtendedProperties(service.ExtendedProperties, body.ExtendedProperties ?? []);
  checkExtendedProperties(properties, 'cloud service');
  if (body.Label !== undefined) service.Label = body.Label;
  if (body.Description !== undefined) service.Description = body.Description;
  if (body.ReverseDnsFqdn !== undefined) service.ReverseDnsFqdn = body.ReverseDnsFqdn;
  service.ExtendedProperties = properties;
  service.DateLastModified = nowIso();
  return done(200);
}

function deleteHostedService(ctx: HandlerContext) {
  const service = findService(ctx);
  const resource = resourceOf(service.ServiceName);
  assertNotBusy(ctx, resource, 'hosted service');
  const subscription = ctx.subscription;
  const env = envOf(ctx);
  if (!flagParam(ctx, 'DeleteAllMedia')) {
    if (service.deployments.size > 0) {
      throw errors.conflict(`The hosted service ${service.ServiceName} has deployments; delete them first, or delete the service with comp=media.`);
    }
    subscription.hostedServices.delete(keyOf(service.ServiceName));
    return done(200);
  }
  return accepted({
    resource,
    complete: () => {
      // Deployments, their disks and the disks' blobs go with the service.
      if (subscription.hostedServices.get(keyOf(service.ServiceName)) !== service) throw errors.notFound('The hosted service does not exist.');
      for (const deployment of [...service.deployments.values()]) removeDeployment(env, service, deployment, true);
      subscription.hostedServices.delete(keyOf(service.ServiceName));
    },
  });
}

/** A name is available when it fits the spec's rules for ServiceName and no subscription uses it. */
function checkNameAvailability(ctx: HandlerContext) {
  const name = stringParam(ctx, 'ServiceName');
  const rules = (ctx.shapes.model('CreateHostedService') as StructureShape).members.find((m) => m.name === 'ServiceName');
  if (rules !== undefined && !memberAccepts(rules, name)) {
    return done(200, { Result: false, Reason: 'The hosted service name is invalid.' });
  }
  if (ctx.state.hostedServiceOwner(name) !== undefined) {
    return done(200, { Result: false, Reason: 'A hosted service with the specified name already exists.' });
  }
  return done(200, { Result: true });
}

export const hostedServiceHandlers: HandlerTable = {
  ListHostedServices: (ctx) => done(200, [...ctx.subscription.hostedServices.values()].map((s) => serviceView(ctx, s, { capabilities: true }))),
  GetHostedService: (ctx) => done(200, serviceView(ctx, findService(ctx), { deployments: flagParam(ctx, 'EmbedDetail') })),
  CreateHostedService: createHostedService,
  UpdateHostedService: updateHostedService,
  DeleteHostedService: deleteHostedService,
  CheckHostedServiceNameAvailability: checkNameAvailability,
};
