/**
 * Affinity groups: a named place in a location that cloud services and storage accounts can be created in, to
 * keep them close. Getting one lists what is in it; deleting one is refused while anything is. As recorded
 * (x-ms-version 2014-10-01), the list shows each group's ComputeCapabilities and getting one does not.
 */
import type { AffinityGroup } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkDocumentedLimit } from '../quotas.js';
import type { AffinityGroupRecord } from '../records.js';
import { keyOf, nowIso } from '../state.js';
import { done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

function findGroup(ctx: HandlerContext): AffinityGroupRecord {
  const group = ctx.subscription.affinityGroups.get(keyOf(stringParam(ctx, 'AffinityGroupName')));
  if (group === undefined) throw errors.notFound('The affinity group does not exist.');
  return group;
}

/** What is in the group: its cloud services and storage accounts. */
function members(ctx: HandlerContext, group: AffinityGroupRecord) {
  const inGroup = (placement: { AffinityGroup?: string }) => placement.AffinityGroup !== undefined && keyOf(placement.AffinityGroup) === keyOf(group.Name);
  const base = `${ctx.baseUrl}/${ctx.subscription.id}/services`;
  return {
    HostedServices: [...ctx.subscription.hostedServices.values()].filter(inGroup).map((s) => ({
      Url: `${base}/hostedservices/${s.ServiceName}`, ServiceName: s.ServiceName,
      HostedServiceProperties: {
        Description: s.Description, AffinityGroup: s.AffinityGroup, Label: s.Label, Status: s.Status, DateCreated: new Date(s.DateCreated),
        DateLastModified: new Date(s.DateLastModified), ExtendedProperties: s.ExtendedProperties,
      },
    })),
    StorageServices: [...ctx.subscription.storageAccounts.values()].filter(inGroup).map((a) => ({ Url: `${base}/storageservices/${a.ServiceName}`, ServiceName: a.ServiceName })),
  };
}

function groupView(ctx: HandlerContext, group: AffinityGroupRecord, detail: boolean): AffinityGroup {
  const location = ctx.state.location(group.Location);
  return {
    Name: group.Name, Label: group.Label, Description: group.Description, Location: group.Location,
    ...(detail ? members(ctx, group) : {}),
    Capabilities: location?.AvailableServices.filter((s) => s === 'PersistentVMRole' || s === 'HighMemory'),
    CreatedTime: group.CreatedTime === undefined ? undefined : new Date(group.CreatedTime),
    ...(detail ? {} : { ComputeCapabilities: location?.ComputeCapabilities }),
  };
}

function createGroup(ctx: HandlerContext<'CreateAffinityGroup'>) {
  const body = ctx.body;
  if (!NAME.test(body.Name)) throw errors.badRequest('The affinity group name is invalid.');
  if (ctx.subscription.affinityGroups.has(keyOf(body.Name))) throw errors.conflict(`An affinity group named ${body.Name} already exists in the subscription.`);
  checkDocumentedLimit('affinityGroups', 'AffinityGroups', ctx.subscription.affinityGroups.size);
  const location = ctx.state.location(body.Location);
  if (location === undefined) throw errors.badRequest(`The location ${body.Location} is not valid. Valid locations: ${ctx.state.locations.map((l) => l.Name).join(', ')}.`);
  ctx.subscription.affinityGroups.set(keyOf(body.Name), {
    Name: body.Name, Label: body.Label, Description: body.Description, Location: location.Name, CreatedTime: nowIso(),
  });
  return done(201, undefined, { Location: `${ctx.baseUrl}/subscriptions/${ctx.subscription.id}/affinitygroup/${body.Name}` });
}

function updateGroup(ctx: HandlerContext<'UpdateAffinityGroup'>) {
  const group = findGroup(ctx);
  const body = ctx.body;
  group.Label = body.Label;
  if (body.Description !== undefined) group.Description = body.Description;
  return done(200);
}

function deleteGroup(ctx: HandlerContext) {
  const name = stringParam(ctx, 'AffinityGroupName');
  if (!NAME.test(name)) throw errors.badRequest('The affinity group name is invalid.');
  const group = findGroup(ctx);
  const { HostedServices, StorageServices } = members(ctx, group);
  const user = HostedServices[0]?.ServiceName ?? StorageServices[0]?.ServiceName;
  if (user !== undefined) throw errors.badRequest(`The affinity group ${group.Name} is in use by ${user} and cannot be deleted; move or delete the cloud services and storage accounts in it first.`);
  ctx.subscription.affinityGroups.delete(keyOf(group.Name));
  return done(200);
}

export const affinityGroupHandlers: HandlerTable = {
  ListAffinityGroups: (ctx) => done(200, [...ctx.subscription.affinityGroups.values()].map((g) => groupView(ctx, g, false))),
  GetAffinityGroup: (ctx) => done(200, groupView(ctx, findGroup(ctx), true)),
  CreateAffinityGroup: createGroup,
  UpdateAffinityGroup: updateGroup,
  DeleteAffinityGroup: deleteGroup,
};
