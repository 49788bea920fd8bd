/** Small value helpers shared by the data-object mappings. */

/** A copy without the members whose value is undefined, so that "not given" never reaches the wire as a member. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Numbers given as strings in the documents' samples (Port: '59919', LUN: '0') become numbers; anything else is
 * left as given, for the spec's validation to name.
 */
export function integer(value: unknown): unknown {
  return typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
}

/** The object form of an optional argument: a copy, or an empty object when none was given. */
export function options<T extends object>(value: T | null | undefined): Partial<T> {
  return value === null || value === undefined ? {} : { ...value };
}
