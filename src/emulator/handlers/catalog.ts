/**
 * What the platform offers every subscription, from the state's catalog (catalog-data/, or a state file): role
 * sizes, guest OS versions (flat, or grouped by family) and VM extensions (the newest version of each, or every
 * version of one).
 */
import type { ResourceExtension } from '../../../generated/models/index.js';
import { keyOf } from '../state.js';
import { done, stringParam, type HandlerContext, type HandlerTable } from './types.js';

function versionParts(version: string | undefined): number[] {
  return (version ?? '').split('.').map((part) => Number.parseInt(part, 10) || 0);
}

/** Orders dotted versions numerically (1.10 after 1.9): negative when a is older than b. */
export function compareVersions(a: string | undefined, b: string | undefined): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}

function newer(a: ResourceExtension, b: ResourceExtension): boolean {
  return compareVersions(a.Version, b.Version) > 0;
}

function extensionKey(e: ResourceExtension): string {
  return `${keyOf(e.Publisher ?? '')}/${keyOf(e.Name ?? '')}`;
}

function latestExtensions(ctx: HandlerContext) {
  const latest = new Map<string, ResourceExtension>();
  for (const extension of ctx.state.resourceExtensions) {
    const current = latest.get(extensionKey(extension));
    if (current === undefined || newer(extension, current)) latest.set(extensionKey(extension), extension);
  }
  return done(200, [...latest.values()]);
}

function extensionVersions(ctx: HandlerContext) {
  const key = `${keyOf(stringParam(ctx, 'PublisherName'))}/${keyOf(stringParam(ctx, 'ExtensionName'))}`;
  return done(200, ctx.state.resourceExtensions.filter((e) => extensionKey(e) === key));
}

export const catalogHandlers: HandlerTable = {
  ListRoleSizes: (ctx) => done(200, ctx.state.roleSizes),
  ListOperatingSystems: (ctx) => done(200, ctx.state.operatingSystemFamilies.flatMap((f) => f.OperatingSystems ?? [])),
  // Within a family the versions do not repeat the family.
  ListOperatingSystemFamilies: (ctx) => done(200, ctx.state.operatingSystemFamilies.map((f) => ({
    ...f, OperatingSystems: f.OperatingSystems?.map(({ Family: _family, FamilyLabel: _label, ...os }) => os),
  }))),
  ListResourceExtensions: latestExtensions,
  ListResourceExtensionVersions: extensionVersions,
};
