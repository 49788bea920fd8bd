/**
 * Extended properties of cloud services, storage accounts and deployments: name/value pairs, at most 50 per
 * resource. An update sets or replaces pairs by name (any case) and removes those sent with an empty value.
 */
import type { ExtendedProperty } from '../../generated/models/index.js';
import { errors } from './api-error.js';
import { keyOf } from './state.js';

/** The service accepted at most this many extended properties per resource. */
export const MAX_EXTENDED_PROPERTIES = 50;

export function checkExtendedProperties(properties: readonly ExtendedProperty[], what: string): void {
  if (properties.length > MAX_EXTENDED_PROPERTIES) {
    throw errors.badRequest(`A ${what} can have at most ${MAX_EXTENDED_PROPERTIES} extended properties; ${properties.length} were given.`);
  }
}

export function mergeExtendedProperties(current: readonly ExtendedProperty[], changes: readonly ExtendedProperty[]): ExtendedProperty[] {
  const merged = new Map(current.map((p) => [keyOf(p.Name), p]));
  for (const change of changes) {
    if (change.Value === undefined || change.Value === '') merged.delete(keyOf(change.Name));
    else merged.set(keyOf(change.Name), { Name: change.Name, Value: change.Value });
  }
  return [...merged.values()];
}
