/**
 * Extensions added to a cloud service (AddHostedServiceExtension), which its deployments then run by Id through
 * their ExtensionConfiguration. An extension names an available image (extension-images.ts), the newest version
 * unless one is given, and a service certificate by thumbprint when it has one. Its private configuration is
 * kept but never answered: Get and List show the public members, as the service did. An extension a deployment
 * references cannot be deleted (as a reserved IP or disk in use cannot: 400), and a deployment cannot reference
 * an Id the service does not have.
 */
import type { AddHostedServiceExtension, ExtensionConfiguration, HostedServiceExtension } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { checkBound } from '../quotas.js';
import type { DeploymentRecord, HostedServiceExtensionRecord, HostedServiceRecord } from '../records.js';
import { keyOf } from '../state.js';
import { compareVersions } from './catalog.js';
import { availableImages } from './extension-images.js';
import { findService, serviceResource } from './lookup.js';
import { accepted, assertNotBusy, done, type HandlerContext, type HandlerTable } from './types.js';

function extensionsOf(service: HostedServiceRecord): Map<string, HostedServiceExtensionRecord> {
  service.extensions ??= new Map();
  return service.extensions;
}

/** Ids an ExtensionConfiguration names, for every role or for named ones. */
export function referencedIds(configuration: ExtensionConfiguration | undefined): string[] {
  if (configuration === undefined) return [];
  return [...(configuration.AllRoles ?? []), ...(configuration.NamedRoles ?? []).flatMap((r) => r.Extensions ?? [])].map((e) => e.Id);
}

/** Refuses a deployment change that names an extension the cloud service does not have. */
export function assertExtensionsExist(service: HostedServiceRecord, configuration: ExtensionConfiguration | undefined): void {
  for (const id of referencedIds(configuration)) {
    if (!extensionsOf(service).has(keyOf(id))) throw errors.badRequest(`The extension ${id} does not exist in the hosted service ${service.ServiceName}; add it with Add Extension first.`);
  }
}

function view(record: HostedServiceExtensionRecord): HostedServiceExtension {
  const { ProviderNameSpace, Type, Id, Version, Thumbprint, ThumbprintAlgorithm, PublicConfiguration } = record;
  return { ProviderNameSpace, Type, Id, Version, Thumbprint, ThumbprintAlgorithm, PublicConfiguration };
}

function findExtension(ctx: HandlerContext, service: HostedServiceRecord, id: string): HostedServiceExtensionRecord {
  const extension = extensionsOf(service).get(keyOf(id));
  if (extension === undefined) throw errors.notFound(`The extension ${id} does not exist in the hosted service ${service.ServiceName}.`);
  return extension;
}

/**
 * The version an Add asks for: the newest without one, the newest of a major version for `1.*` (the wildcard form tools/
 * crosscheck's inputs send to azure-asm-compute's addExtension), else that exact version if it exists.
 */
function resolveVersion(versions: string[], asked: string | undefined): string | undefined {
  const sorted = [...versions].sort(compareVersions);
  if (asked === undefined) return sorted.at(-1);
  const major = /^(\d+)\.\*$/.exec(asked.trim());
  if (major !== null) return sorted.filter((v) => v.split('.')[0] === major[1]).at(-1);
  return sorted.find((v) => v === asked);
}

/** The extension as it will be kept: checked against the service and the images available to the subscription. */
function planExtension(ctx: HandlerContext, service: HostedServiceRecord, body: AddHostedServiceExtension): HostedServiceExtensionRecord {
  if (extensionsOf(service).has(keyOf(body.Id))) throw errors.conflict(`The extension ${body.Id} already exists in the hosted service ${service.ServiceName}.`);
  const versions = availableImages(ctx.state, ctx.subscription).filter((i) => i.ProviderNameSpace === body.ProviderNameSpace && i.Type === body.Type);
  if (versions.length === 0) throw errors.badRequest(`The extension ${body.ProviderNameSpace}.${body.Type} is not available to this subscription.`);
  const version = resolveVersion(versions.map((i) => i.Version!), body.Version);
  if (version === undefined) throw errors.badRequest(`Version ${body.Version} of the extension ${body.ProviderNameSpace}.${body.Type} does not exist.`);
  if (body.Thumbprint !== undefined && !service.certificates.has(body.Thumbprint.toUpperCase())) {
    throw errors.badRequest(`The certificate with thumbprint ${body.Thumbprint} was not found in the hosted service ${service.ServiceName}.`);
  }
  return {
    ...body, Version: version,
    ...(body.Thumbprint === undefined ? {} : { Thumbprint: body.Thumbprint.toUpperCase(), ThumbprintAlgorithm: body.ThumbprintAlgorithm ?? 'sha1' }),
  };
}

function addExtension(ctx: HandlerContext<'AddHostedServiceExtension'>) {
  const service = findService(ctx);
  const resource = serviceResource(service.ServiceName);
  assertNotBusy(ctx, resource, 'hosted service');
  planExtension(ctx, service, ctx.body);
  checkBound(ctx.state, 'extensionsPerService', `extensions per cloud service (${service.ServiceName})`, extensionsOf(service).size);
  return accepted({
    resource,
    complete: () => {
      const current = findService(ctx, service.ServiceName);
      const record = planExtension(ctx, current, ctx.body);
      checkBound(ctx.state, 'extensionsPerService', `extensions per cloud service (${service.ServiceName})`, extensionsOf(current).size);
      extensionsOf(current).set(keyOf(record.Id), record);
    },
  });
}

function usersOf(service: HostedServiceRecord, id: string): DeploymentRecord[] {
  return [...service.deployments.values()].filter((d) => referencedIds(d.ExtensionConfiguration).some((ref) => keyOf(ref) === keyOf(id)));
}

function checkDeletable(ctx: HandlerContext, service: HostedServiceRecord, id: string): HostedServiceExtensionRecord {
  const extension = findExtension(ctx, service, id);
  const users = usersOf(service, id);
  if (users.length > 0) {
    throw errors.badRequest(`The extension ${extension.Id} is in use by deployment ${users.map((d) => d.Name).join(', ')} of the hosted service ${service.ServiceName}; remove it from the deployment's extension configuration first.`);
  }
  return extension;
}

function deleteExtension(ctx: HandlerContext<'DeleteHostedServiceExtension'>) {
  const service = findService(ctx);
  const resource = serviceResource(service.ServiceName);
  assertNotBusy(ctx, resource, 'hosted service');
  checkDeletable(ctx, service, ctx.params.ExtensionId);
  return accepted({
    resource,
    complete: () => {
      const current = findService(ctx, service.ServiceName);
      const extension = checkDeletable(ctx, current, ctx.params.ExtensionId);
      extensionsOf(current).delete(keyOf(extension.Id));
    },
  });
}

export const hostedServiceExtensionHandlers: HandlerTable = {
  ListHostedServiceExtensions: (ctx) => done(200, [...extensionsOf(findService(ctx)).values()].map(view)),
  GetHostedServiceExtension: (ctx) => done(200, view(findExtension(ctx, findService(ctx), ctx.params.ExtensionId))),
  AddHostedServiceExtension: addExtension,
  DeleteHostedServiceExtension: deleteExtension,
};
