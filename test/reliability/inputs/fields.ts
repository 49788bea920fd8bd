/**
 * The fields of a concrete input, found by walking it alongside its operation's shapes: parameters, body members
 * at any depth, list items. Each carries its path (as the SDK's ValidationError names it) and its rules, so that
 * a mutation can break exactly one of them.
 */
import {
  isPolymorphic, type MemberShape, type ModelShape, type OperationDescriptor, type ParamShape, type TypeShape,
} from '../../../src/core/shapes.js';

export type PathPart = string | number;

export interface Field {
  path: PathPart[];
  /** A body member, or a path/query parameter. */
  member?: MemberShape;
  param?: ParamShape;
  type: TypeShape | { kind: 'param'; type: ParamShape['type'] };
  required: boolean;
  /** The body itself, sent as written (a text body such as a certificate), not XML. */
  raw?: true;
}

/** `RoleList[0].OSVirtualHardDisk.MediaLink`, as runtime/validation.ts writes issue paths. */
export function formatPath(path: readonly PathPart[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function walkModel(shape: ModelShape, value: unknown, path: PathPart[], out: Field[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const record = value as Record<string, unknown>;
  const structure = isPolymorphic(shape) ? shape.variants().find((v) => v.discriminatorValue === record[shape.discriminator]) : shape;
  if (structure === undefined) return;
  for (const member of structure.members) {
    if (member.const !== undefined) {
      // The discriminator is required; other const members are filled by the writer.
      if (isPolymorphic(shape) && member.name === shape.discriminator) out.push({ path: [...path, member.name], member, type: member.type, required: true });
      continue;
    }
    if (!(member.name in record)) continue;
    walkMember(member, record[member.name], [...path, member.name], out);
  }
}

function walkMember(member: MemberShape, value: unknown, path: PathPart[], out: Field[]): void {
  out.push({ path, member, type: member.type, required: member.required === true });
  walkType(member.type, value, path, out);
}

function walkType(type: TypeShape, value: unknown, path: PathPart[], out: Field[]): void {
  if (type.kind === 'model') return walkModel(type.model(), value, path, out);
  if (type.kind !== 'list' || !Array.isArray(value)) return;
  value.forEach((item, i) => {
    const itemPath = [...path, i];
    out.push({ path: itemPath, type: type.item.type, required: false });
    walkType(type.item.type, item, itemPath, out);
  });
}

/** Every field present in `input` (plus the required ones, which a valid input always has). */
export function fieldsOf(op: OperationDescriptor, input: Record<string, unknown>): Field[] {
  const out: Field[] = [];
  for (const param of op.params) {
    if (param.name in input) out.push({ path: [param.name], param, type: { kind: 'param', type: param.type }, required: param.required === true || param.in === 'path' });
  }
  const body = op.request;
  if (body === undefined) return out;
  if ('model' in body) {
    const root = body.member === undefined ? [] : [body.member];
    if (body.member !== undefined) out.push({ path: root, type: { kind: 'model', model: body.model }, required: true });
    walkModel(body.model(), body.member === undefined ? input : input[body.member], root, out);
  } else if ('list' in body && body.member !== undefined) {
    out.push({ path: [body.member], type: { kind: 'list', wrapped: true, item: body.list }, required: true });
    walkType({ kind: 'list', wrapped: true, item: body.list }, input[body.member], [body.member], out);
  } else if (body.member !== undefined) {
    out.push({ path: [body.member], type: { kind: 'string' }, required: true, raw: true });
  }
  return out;
}

export function getAt(root: unknown, path: readonly PathPart[]): unknown {
  return path.reduce<unknown>((node, part) => (node as Record<PathPart, unknown> | undefined)?.[part], root);
}

/** A deep copy with the value at `path` replaced (or deleted when `value` is the DELETE sentinel). */
export const DELETE = Symbol('delete');

export function withValue<T>(root: T, path: readonly PathPart[], value: unknown): T {
  const copy = structuredClone(root);
  const parent = getAt(copy, path.slice(0, -1)) as Record<PathPart, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE) delete parent[last];
  // An own property even for names like __proto__, whose assignment would otherwise set the prototype.
  else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
