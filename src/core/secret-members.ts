/**
 * The names of the members a body's spec marks secret (`secret: true`), at any depth and in every variant of a
 * polymorphic model: what the client's logs and errors and the emulator's operation log write as REDACTED.
 */
import { isPolymorphic, type BodyShape, type ModelShape, type TypeShape } from './shapes.js';

function collect(type: TypeShape, names: Set<string>, seen: Set<ModelShape>): void {
  if (type.kind === 'list') return collect(type.item.type, names, seen);
  if (type.kind !== 'model') return;
  const shape = type.model();
  if (seen.has(shape)) return;
  seen.add(shape);
  for (const structure of isPolymorphic(shape) ? shape.variants() : [shape]) {
    for (const member of structure.members) {
      if (member.secret === true) names.add(member.name);
      collect(member.type, names, seen);
    }
  }
}

/** Adds to `names` the secret members of `body`; `seen` lets several bodies share one walk of their models. */
export function addSecretMembers(body: BodyShape | undefined, names: Set<string>, seen = new Set<ModelShape>()): void {
  if (body !== undefined && 'model' in body) collect({ kind: 'model', model: body.model }, names, seen);
  if (body !== undefined && 'list' in body) collect(body.list.type, names, seen);
}
