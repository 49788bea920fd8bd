/**
 * Cloud services (hosted services). Names are DNS prefixes (<name>.cloudapp.net), unique across every
 * subscription and case-insensitive. Creation is synchronous (201 + Location); deletion is synchronous without
 * comp=media and refused while deployments exist, asynchronous with it (deployments and media go too).
 */
import { errors } from '../api-error.js';
import type { StructureShape } from '../../runtime/shapes.js';
import {
  keyOf, nowIso, type ExtendedProperty, type HostedServiceRecord, type LocationRecord, type SubscriptionState,
} from '../state.js';
import { memberIssues } from '../validate.js';
import {
  accepted, assertNotBusy, done, flagParam, stringParam, type HandlerContext, type HandlerTable,
} from './types.js';

/** The service accepted at most this many extended properties per cloud service. */
const MAX_EXTENDED_PROPERTIES = 50;

interface CreateHostedServiceBody {
  ServiceName: string;
  Label: string;
  Description?: string;
  Location?: string;
  AffinityGroup?: string;
  ExtendedProperties?: ExtendedProperty[];
  ReverseDnsFqdn?: string;
}

interface UpdateHostedServiceBody {
  Label?: string;
  Description?: string;
  ExtendedProperties?: ExtendedProperty[];
  ReverseDnsFqdn?: string;
}

function resourceOf(name: string): string {
  return `hostedservices/${keyOf(name)}`;
}

function findService(ctx: HandlerContext): HostedServiceRecord {
  const service = ctx.subscription.hostedServices.get(keyOf(stringParam(ctx, 'ServiceName')));
  if (service === undefined) throw errors.notFound('The hosted service does not exist.');
  return service;
}

/** Where a service runs: its own location, or its affinity group's. */
function locationOf(ctx: HandlerContext, subscription: SubscriptionState, service: HostedServiceRecord): LocationRecord | undefined {
  const name = service.Location ?? (service.AffinityGroup === undefined
    ? undefined : subscription.affinityGroups.get(keyOf(service.AffinityGroup))?.Location);
  return name === undefined ? undefined : ctx.state.location(name);
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
    ComputeCapabilities: detail.capabilities ? locationOf(ctx, ctx.subscription, service)?.ComputeCapabilities : undefined,
    // Present in the spec once the deployments family models it; ignored by the writer until then.
    Deployments: detail.deployments ? [...service.deployments.values()] : undefined,
  };
}

function checkPlacement(ctx: HandlerContext, body: CreateHostedServiceBody): void {
  if ((body.Location === undefined) === (body.AffinityGroup === undefined)) {
    throw errors.badRequest('Either Location or AffinityGroup must be specified, but not both.');
  }
  if (body.Location !== undefined) {
    const location = ctx.state.location(body.Location);
    if (location === undefined) {
      throw errors.badRequest(`The location ${body.Location} is not valid. Valid locations: ${ctx.state.locations.map((l) => l.Name).join(', ')}.`);
    }
    if (!location.AvailableServices.includes('Compute')) throw errors.badRequest(`The location ${body.Location} does not offer cloud services.`);
  } else if (!ctx.subscription.affinityGroups.has(keyOf(body.AffinityGroup!))) {
    throw errors.badRequest(`The affinity group ${body.AffinityGroup} does not exist.`);
  }
}

function checkExtendedProperties(properties: ExtendedProperty[]): void {
  if (properties.length > MAX_EXTENDED_PROPERTIES) {
    throw errors.badRequest(`A cloud service can have at most ${MAX_EXTENDED_PROPERTIES} extended properties; ${properties.length} were given.`);
  }
}

/** Sets, replaces (same name, any case) or, with an empty value, removes extended properties. */
function mergeExtendedProperties(current: ExtendedProperty[], changes: ExtendedProperty[]): ExtendedProperty[] {
  const merged = new Map(current.map((p) => [keyOf(p.Name), p]));
  for (const change of changes) {
    if (change.Value === undefined || change.Value === '') merged.delete(keyOf(change.Name));
    else merged.set(keyOf(change.Name), { Name: change.Name, Value: change.Value });
  }
  return [...merged.values()];
}

function createHostedService(ctx: HandlerContext) {
  const body = ctx.body as CreateHostedServiceBody;
  if (ctx.state.hostedServiceOwner(body.ServiceName) !== undefined) throw errors.conflict('The specified DNS name is already taken.');
  checkPlacement(ctx, body);
  checkExtendedProperties(body.ExtendedProperties ?? []);
  const now = nowIso();
  const service: HostedServiceRecord = {
    ServiceName: body.ServiceName, Label: body.Label, Description: body.Description, Location: body.Location,
    AffinityGroup: body.AffinityGroup, Status: 'Created', DateCreated: now, DateLastModified: now,
    ExtendedProperties: body.ExtendedProperties ?? [], ReverseDnsFqdn: body.ReverseDnsFqdn, deployments: new Map(),
  };
  ctx.subscription.hostedServices.set(keyOf(service.ServiceName), service);
  // The service answers with a Location of this form (a compute resource URI, not an ASM path).
  return done(201, undefined, { Location: `${ctx.baseUrl}/subscriptions/${ctx.subscription.id}/compute/${service.ServiceName}` });
}

function updateHostedService(ctx: HandlerContext) {
  const service = findService(ctx);
  const body = ctx.body as UpdateHostedServiceBody;
  if (body.Label === undefined && body.Description === undefined) {
    throw errors.badRequest('Either Label or Description must be specified.');
  }
  assertNotBusy(ctx, resourceOf(service.ServiceName), 'hosted service');
  const properties = mergeExtendedProperties(service.ExtendedProperties, body.ExtendedProperties ?? []);
  checkExtendedProperties(properties);
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
      // Deployments, their disks and the disks' blobs go with the service; the other families hook in here.
      if (subscription.hostedServices.get(keyOf(service.ServiceName)) !== service) throw errors.notFound('The hosted service does not exist.');
      subscription.hostedServices.delete(keyOf(service.ServiceName));
    },
  });
}

/** A name is available when it fits the spec's rules for ServiceName and no subscription uses it. */
function checkNameAvailability(ctx: HandlerContext) {
  const name = stringParam(ctx, 'ServiceName');
  const rules = (ctx.shapes.model('CreateHostedService') as StructureShape).members.find((m) => m.name === 'ServiceName');
  if (rules !== undefined && memberIssues(rules, name).length > 0) {
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
