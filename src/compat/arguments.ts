/**
 * The calling convention of the old documents: positional arguments, an optional object that may be left out of
 * the middle (CreateOSImage(name, mediaLink, callback)), and the callback last. A missing or mistyped argument is
 * a programming error and throws at once, as the old package did; everything after that is reported through the
 * response object.
 */
import type { Callback } from './types.js';

export type ArgKind = 'string' | 'object' | 'lun';

export interface ArgSpec {
  name: string;
  kind: ArgKind;
  /** May be left out, or passed as null or undefined. */
  optional?: boolean;
}

export interface CallArguments {
  /** One value per spec, in spec order (undefined for an omitted optional one). */
  values: unknown[];
  callback?: Callback;
}

export const str = (name: string): ArgSpec => ({ name, kind: 'string' });
export const obj = (name: string): ArgSpec => ({ name, kind: 'object' });
export const optionalObj = (name: string): ArgSpec => ({ name, kind: 'object', optional: true });
export const lun = (name: string): ArgSpec => ({ name, kind: 'lun' });

/** A LUN as the documents show it: a number, or a string of digits (the Korean sample passes '0'). */
export function lunValue(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

function check(method: string, spec: ArgSpec, value: unknown): unknown {
  if (spec.optional && (value === undefined || value === null)) return undefined;
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string' || value === '') throw new TypeError(`${method}: ${spec.name} is required (a non-empty string)`);
      return value;
    case 'object':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new TypeError(`${method}: ${spec.name} ${spec.optional ? 'must be an object, or left out' : 'is required (an object)'}`);
      }
      return value;
    case 'lun': {
      const number = lunValue(value);
      if (number === undefined) throw new TypeError(`${method}: ${spec.name} is required (a number from 0 to 15)`);
      return number;
    }
  }
}

/** Lines the arguments up with the specs: takes the callback off the end, and skips omitted optional ones. */
export function callArguments(method: string, specs: readonly ArgSpec[], args: readonly unknown[]): CallArguments {
  const list = [...args];
  // A trailing undefined (an absent callback passed on by a wrapper) is no argument.
  while (list.length > 0 && list.length > specs.length && list.at(-1) === undefined) list.pop();
  const callback = typeof list.at(-1) === 'function' ? (list.pop() as Callback) : undefined;
  if (list.length > specs.length) {
    throw new TypeError(`${method}: expected ${specs.map((s) => s.name).join(', ')}${specs.length > 0 ? ', ' : ''}then a callback; got ${args.length} arguments`);
  }
  const required = specs.filter((s) => !s.optional).length;
  let optionalGiven = Math.max(0, list.length - required);
  let next = 0;
  const values = specs.map((spec) => {
    if (spec.optional) {
      if (optionalGiven === 0) return undefined;
      optionalGiven--;
    }
    return check(method, spec, list[next++]);
  });
  return callback ? { values, callback } : { values };
}
