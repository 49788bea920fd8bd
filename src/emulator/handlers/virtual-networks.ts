/**
 * Virtual networks beyond the configuration document: ListVirtualNetworkSites (derived from it and from the
 * deployments in each site), CheckStaticIPAvailability (an address is available when it is a usable address
 * of a subnet, or of the address space, that no VM or internal load balancer holds; otherwise five free
 * addresses are suggested, as recorded in cli.vm.create_staticvm-tests), and the migration of a virtual network
 * to Resource Manager with the deployments in it (validate, then prepare → commit or abort; migration.ts).
 */
import type { AddressAvailabilityResponse } from '../../../generated/models/index.js';
import { errors } from '../api-error.js';
import { removeDeployment } from '../compute/deployments.js';
import { envOf } from '../compute/env.js';
import { checkPrepare, checkPrepared, validationMessages, type MigrationSubject } from '../migration.js';
import { containsAddress, formatIp, freeAddresses, parseCidr, parseIp, usableIn, type Cidr } from '../network/cidr.js';
import { findVirtualNetworkSite } from '../network/sites.js';
import { addressesInUse, deploymentsIn } from '../network/usage.js';
import { virtualNetworkSiteView } from '../network/views.js';
import type { VirtualNetworkSiteRecord } from '../records.js';
import { keyOf } from '../state.js';
import { NETWORK_RESOURCE } from './network-configuration.js';
import { accepted, assertNotBusy, done, stringParam, type HandlerContext, type HandlerResult, type HandlerTable } from './types.js';

const SUGGESTED_ADDRESSES = 5;

function listVirtualNetworkSites(ctx: HandlerContext<'ListVirtualNetworkSites'>) {
  return done(200, [...ctx.subscription.virtualNetworkSites.values()].map((site) => virtualNetworkSiteView(ctx.subscription, site)));
}

/** The subnet holding the address, else the address-space prefix holding it. */
function prefixHolding(site: VirtualNetworkSiteRecord, address: number): Cidr | undefined {
  const prefixes = [...(site.Subnets ?? []).map((s) => s.AddressPrefix ?? ''), ...(site.AddressSpace ?? [])];
  return prefixes.map(parseCidr).find((cidr): cidr is Cidr => cidr !== undefined && containsAddress(cidr, address));
}

function checkStaticIpAvailability(ctx: HandlerContext<'CheckStaticIPAvailability'>) {
  const site = findVirtualNetworkSite(ctx.subscription, ctx.params.NetworkName);
  const text = ctx.params.Address;
  const address = parseIp(text);
  if (address === undefined) throw errors.badRequest(`The address ${text} is not a valid IPv4 address.`);
  const prefix = prefixHolding(site, address);
  if (prefix === undefined) throw errors.badRequest(`The address ${text} is not in the address space of virtual network ${site.name}.`);
  const taken = addressesInUse(ctx.subscription, site.name);
  if (usableIn(prefix, address) && !taken.has(formatIp(address))) return done(200, { IsAvailable: true } satisfies AddressAvailabilityResponse);
  const after = freeAddresses(prefix, taken, SUGGESTED_ADDRESSES, address);
  const suggested = after.length < SUGGESTED_ADDRESSES ? [...new Set([...after, ...freeAddresses(prefix, taken, SUGGESTED_ADDRESSES)])].slice(0, SUGGESTED_ADDRESSES) : after;
  return done(200, { IsAvailable: false, AvailableAddresses: suggested } satisfies AddressAvailabilityResponse);
}

/**
 * The virtual network as a migration subject; its deployments move with it. Web and worker role deployments
 * do not move, so they block it.
 */
function networkSubject(ctx: HandlerContext): MigrationSubject & { site: VirtualNetworkSiteRecord } {
  const site = findVirtualNetworkSite(ctx.subscription, stringParam(ctx, 'VirtualNetworkName'));
  const subscription = ctx.subscription;
  const env = envOf(ctx);
  const record = { get migrationState() { return site.MigrationState === 'Prepared' ? 'Prepared' as const : undefined; } };
  return {
    kind: 'virtual network', resourceType: 'VirtualNetwork', name: site.name, record, site,
    blockers: () => deploymentsIn(subscription, site.name)
      .filter((d) => d.deployment.kind !== 'vm')
      .map((d) => `deployment ${d.deployment.Name} of cloud service ${d.serviceName} has web or worker roles, which do not migrate.`),
    remove: () => {
      for (const { serviceName, deployment } of deploymentsIn(subscription, site.name)) {
        removeDeployment(env, subscription.hostedServices.get(keyOf(serviceName))!, deployment, true);
      }
      subscription.virtualNetworkSites.delete(keyOf(site.name));
    },
  };
}

/** Prepared (or not) together: the site and every deployment in it. */
function markPrepared(ctx: HandlerContext, site: VirtualNetworkSiteRecord, prepared: boolean): void {
  if (prepared) site.MigrationState = 'Prepared';
  else delete site.MigrationState;
  for (const { deployment } of deploymentsIn(ctx.subscription, site.name)) {
    if (prepared) deployment.migrationState = 'Prepared';
    else delete deployment.migrationState;
  }
}

function migrationStep(name: 'prepare' | 'commit' | 'abort') {
  const check = (subject: MigrationSubject) => (name === 'prepare' ? checkPrepare(subject) : checkPrepared(subject, name));
  return (ctx: HandlerContext): HandlerResult => {
    assertNotBusy(ctx, NETWORK_RESOURCE, 'network configuration');
    check(networkSubject(ctx));
    return accepted({
      resource: NETWORK_RESOURCE,
      complete: () => {
        const subject = networkSubject(ctx);
        check(subject);
        if (name === 'commit') subject.remove();
        else markPrepared(ctx, subject.site, name === 'prepare');
      },
    });
  };
}

export const virtualNetworkHandlers: HandlerTable = {
  ListVirtualNetworkSites: listVirtualNetworkSites,
  CheckStaticIPAvailability: checkStaticIpAvailability,
  ValidateVirtualNetworkMigration: (ctx) => done(200, validationMessages(networkSubject(ctx))),
  PrepareVirtualNetworkMigration: migrationStep('prepare'),
  CommitVirtualNetworkMigration: migrationStep('commit'),
  AbortVirtualNetworkMigration: migrationStep('abort'),
};
