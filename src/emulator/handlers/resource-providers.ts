/**
 * Registration of the subscription with resource providers (the classic API's `services?service=<name>`): a
 * known provider can be registered once and unregistered once registered; ListResourceTypes shows the state of
 * the providers asked for. The recording (cli.affinitygroup-tests ...create_should_succeed) decided the errors:
 * registering `sqlserver` answered 404 "The service name is unknown." and registering the already registered
 * `website` 409 ConflictError "The resource type website is already registered for this subscription.".
 * Registration is done at once (200, its request id polls Succeeded): the generated client accepts 200 or 202.
 */
import type { ServiceResource } from '../../../generated/models/index.js';
import { ApiError, errors } from '../api-error.js';
import type { ResourceProviderRecord } from '../records.js';
import { keyOf } from '../state.js';
import { done, type HandlerContext, type HandlerTable } from './types.js';

/** Providers the emulator knows: `website` (recorded as registrable) and `mobileservice` (xplat-cli registers it). */
export const KNOWN_RESOURCE_PROVIDERS = ['website', 'mobileservice'];

function knownName(name: string): string {
  const known = KNOWN_RESOURCE_PROVIDERS.find((p) => p === keyOf(name.trim()));
  if (known === undefined) throw new ApiError(404, 'ResourceNotFound', 'The service name is unknown.');
  return known;
}

function providerState(ctx: HandlerContext, name: string): ResourceProviderRecord {
  return ctx.subscription.resourceProviders.get(name) ?? { Type: name, State: 'Unregistered' };
}

function register(ctx: HandlerContext<'RegisterResourceProvider'>) {
  const name = knownName(ctx.params.ResourceName);
  if (providerState(ctx, name).State === 'Registered') throw errors.conflict(`The resource type ${name} is already registered for this subscription.`);
  ctx.subscription.resourceProviders.set(name, { Type: name, State: 'Registered' });
  return done(200);
}

function unregister(ctx: HandlerContext<'UnregisterResourceProvider'>) {
  const name = knownName(ctx.params.ResourceName);
  if (providerState(ctx, name).State !== 'Registered') throw errors.conflict(`The resource type ${name} is not registered for this subscription.`);
  ctx.subscription.resourceProviders.set(name, { Type: name, State: 'Unregistered' });
  return done(200);
}

function listTypes(ctx: HandlerContext<'ListResourceTypes'>) {
  const names = ctx.params.ResourceNames.split(',').filter((n) => n.trim() !== '');
  if (names.length === 0) throw errors.badRequest('The servicelist parameter must name at least one resource type.');
  const services: ServiceResource[] = names.map((n) => ({ ...providerState(ctx, knownName(n)), IsComplete: true }));
  return done(200, services);
}

export const resourceProviderHandlers: HandlerTable = {
  RegisterResourceProvider: register,
  UnregisterResourceProvider: unregister,
  ListResourceTypes: listTypes,
};
