/**
 * Reserved IP addresses: a public address of a location kept by the subscription, which a deployment can use as
 * its virtual IP (when created with ReservedIPName, or by AssociateReservedIP). Whether one is in use, and by
 * what, is read from the deployments. Creating, deleting, associating and disassociating are asynchronous.
 */
import { randomUUID } from 'node:crypto';
import type { ReservedIP, ReservedIPAssociation } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkQuota } from '../quotas.js';
import type { DeploymentRecord, HostedServiceRecord, ReservedIpRecord } from '../records.js';
import { keyOf } from '../state.js';
import { deploymentResource } from './lookup.js';
import { accepted, assertNotBusy, done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

function findReservedIp(ctx: HandlerContext): ReservedIpRecord {
  const name = stringParam(ctx, 'ReservedIPName');
  const record = ctx.subscription.reservedIps.get(keyOf(name));
  if (record === undefined) throw errors.notFound(`The reserved IP ${name} does not exist.`);
  return record;
}

function userOf(ctx: HandlerContext, name: string): { service: HostedServiceRecord; deployment: DeploymentRecord } | undefined {
  for (const service of ctx.subscription.hostedServices.values()) {
    for (const deployment of service.deployments.values()) {
      if (deployment.ReservedIPName !== undefined && keyOf(deployment.ReservedIPName) === keyOf(name)) return { service, deployment };
    }
  }
  return undefined;
}

function reservedIpView(ctx: HandlerContext, record: ReservedIpRecord): ReservedIP {
  const user = userOf(ctx, record.Name);
  return {
    Name: record.Name, Address: record.Address, Id: record.Id, Label: record.Label, State: 'Created',
    ...(user === undefined ? {} : { InUse: true, ServiceName: user.service.ServiceName, DeploymentName: user.deployment.Name }),
    Location: record.Location,
  };
}

function checkNew(ctx: HandlerContext, body: ReservedIP): string {
  if (body.Name === undefined || body.Location === undefined) throw errors.badRequest('A reserved IP needs a Name and a Location.');
  if (ctx.subscription.reservedIps.has(keyOf(body.Name))) throw errors.conflict(`A reserved IP named ${body.Name} already exists in the subscription.`);
  const location = ctx.state.location(body.Location);
  if (location === undefined) throw errors.badRequest(`The location ${body.Location} is not valid.`);
  checkQuota(ctx.state, ctx.subscription, 'ReservedIPs', 1);
  return location.Name;
}

function createReservedIp(ctx: HandlerContext<'CreateReservedIP'>) {
  const body = ctx.body;
  checkNew(ctx, body);
  return accepted({
    resource: `reservedips/${keyOf(body.Name!)}`,
    complete: () => {
      const location = checkNew(ctx, body);
      ctx.subscription.reservedIps.set(keyOf(body.Name!), {
        Name: body.Name!, Address: ctx.state.publicAddresses.take(), Id: randomUUID(), Label: body.Label, Location: location,
      });
    },
  });
}

function assertUnused(ctx: HandlerContext, record: ReservedIpRecord): void {
  const user = userOf(ctx, record.Name);
  if (user !== undefined) {
    throw errors.badRequest(`The reserved IP ${record.Name} is in use by deployment ${user.deployment.Name} of hosted service ${user.service.ServiceName}.`);
  }
}

function deleteReservedIp(ctx: HandlerContext) {
  const record = findReservedIp(ctx);
  assertUnused(ctx, record);
  return accepted({
    resource: `reservedips/${keyOf(record.Name)}`,
    complete: () => {
      assertUnused(ctx, record);
      ctx.subscription.reservedIps.delete(keyOf(record.Name));
    },
  });
}

/** The deployment an association names, in the reserved IP's location. */
function associationTarget(ctx: HandlerContext, record: ReservedIpRecord, body: ReservedIPAssociation): DeploymentRecord {
  const service = ctx.subscription.hostedServices.get(keyOf(body.ServiceName));
  const deployment = service?.deployments.get(keyOf(body.DeploymentName));
  if (service === undefined || deployment === undefined) throw errors.notFound(`The deployment name '${body.DeploymentName}' does not exist.`);
  if (service.Location !== undefined && keyOf(service.Location) !== keyOf(record.Location)) {
    throw errors.badRequest(`The reserved IP ${record.Name} is in ${record.Location}, not in ${service.Location} where the cloud service is.`);
  }
  return deployment;
}

function associate(ctx: HandlerContext<'AssociateReservedIP'>) {
  const record = findReservedIp(ctx);
  const body = ctx.body;
  const check = () => {
    assertUnused(ctx, record);
    return associationTarget(ctx, record, body);
  };
  check();
  assertNotBusy(ctx, deploymentResource(body.ServiceName, body.DeploymentName), 'deployment');
  return accepted({
    resource: deploymentResource(body.ServiceName, body.DeploymentName),
    complete: () => {
      const deployment = check();
      deployment.ReservedIPName = record.Name;
      deployment.vip = { ...deployment.vip, Address: record.Address };
    },
  });
}

function disassociate(ctx: HandlerContext<'DisassociateReservedIP'>) {
  const record = findReservedIp(ctx);
  const body = ctx.body;
  const check = () => {
    const deployment = associationTarget(ctx, record, body);
    if (deployment.ReservedIPName === undefined || keyOf(deployment.ReservedIPName) !== keyOf(record.Name)) {
      throw errors.badRequest(`The reserved IP ${record.Name} is not associated with deployment ${deployment.Name}.`);
    }
    return deployment;
  };
  check();
  return accepted({
    resource: deploymentResource(body.ServiceName, body.DeploymentName),
    complete: () => {
      const deployment = check();
      delete deployment.ReservedIPName;
      deployment.vip = { ...deployment.vip, Address: ctx.state.publicAddresses.take() };
    },
  });
}

export const reservedIpHandlers: HandlerTable = {
  ListReservedIPs: (ctx) => done(200, [...ctx.subscription.reservedIps.values()].map((r) => reservedIpView(ctx, r))),
  GetReservedIP: (ctx) => done(200, reservedIpView(ctx, findReservedIp(ctx))),
  CreateReservedIP: createReservedIp,
  DeleteReservedIP: deleteReservedIp,
  AssociateReservedIP: associate,
  DisassociateReservedIP: disassociate,
};
