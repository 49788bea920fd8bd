/**
 * Prints the runtime's shape objects — what src/core/shapes-from-spec.ts builds from the spec, the same objects
 * the emulator reads — as TypeScript literals for generated/. The generator does not re-encode spec fields: a
 * shape changes in one place. A lazy reference (a thunk) is printed as a thunk naming the generated const it
 * resolves to (`() => HostedServiceShape`, `() => GetOperationStatusOperation`), and recorded so that the file can
 * import it.
 */
import type { SpecShapes } from '../core/shapes-from-spec.js';
import type { ModelShape, OperationDescriptor, ServiceShape, StructureShape } from '../core/shapes.js';
import { memberKey, operationConst, quote, shapeName } from './names.js';

/** The generated consts a printed literal refers to. */
export class ShapeRefs {
  readonly models = new Set<string>();
  readonly operations = new Set<string>();
  /** `self` is the model or operation being printed: a reference to it needs no import. */
  constructor(private readonly self: { model?: string; operation?: string } = {}) {}
  model(name: string): string {
    if (name !== this.self.model) this.models.add(name);
    return shapeName(name);
  }
  operation(name: string): string {
    if (name !== this.self.operation) this.operations.add(name);
    return operationConst(name);
  }
}

export class ShapePrinter {
  readonly #operations: ReadonlySet<object>;

  constructor(private readonly shapes: SpecShapes) {
    this.#operations = new Set(shapes.operations);
  }

  /**
   * A model's shape. With `base`, the members the model inherits are printed as a spread of the base's, so
   * that the file says only what the model adds.
   */
  model(name: string, refs: ShapeRefs, base?: string): string {
    const shape = this.shapes.model(name);
    if (base === undefined || !('members' in shape)) return this.#top(shape, refs);
    const inherited = this.shapes.model(base) as StructureShape;
    const count = inherited.members.length;
    const unused = new ShapeRefs();
    for (let i = 0; i < count; i++) {
      if (this.#value(shape.members[i], unused) !== this.#value(inherited.members[i], unused)) {
        throw new Error(`model ${name} extends ${base}, but its member ${i} differs from the base's`);
      }
    }
    const members = [`...${refs.model(base)}.members`, ...shape.members.slice(count).map((m) => this.#value(m, refs))];
    return this.#top(shape, refs, { members: `[\n${members.join(',\n')},\n]` });
  }

  operation(name: string, refs: ShapeRefs): string {
    return this.#top(this.shapes.operation(name), refs);
  }

  service(refs: ShapeRefs): string {
    return this.#top(this.shapes.service, refs);
  }

  /** An object spread over lines (the formatter keeps a literal broken that starts with a line break); `printed` overrides keys. */
  #top(value: ModelShape | OperationDescriptor | ServiceShape, refs: ShapeRefs, printed: Record<string, string> = {}): string {
    const entries = Object.entries(value).map(([k, v]) => `${memberKey(k)}: ${printed[k] ?? this.#value(v, refs)}`);
    return `{\n${entries.join(',\n')},\n}`;
  }

  #value(value: unknown, refs: ShapeRefs): string {
    if (typeof value === 'string') return quote(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'function') return `() => ${this.#thunk((value as () => unknown)(), refs)}`;
    if (Array.isArray(value)) return `[${value.map((v) => this.#value(v, refs)).join(', ')}]`;
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value).map(([k, v]) => `${memberKey(k)}: ${this.#value(v, refs)}`);
      return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
    }
    throw new Error(`a shape holds ${String(value)}, which has no literal`);
  }

  /** What a thunk resolves to, named: the generated const of a model or an operation, or a list of them. */
  #thunk(target: unknown, refs: ShapeRefs): string {
    if (Array.isArray(target)) return `[${target.map((t) => this.#thunk(t, refs)).join(', ')}]`;
    const named = target as { name: string };
    if (this.#operations.has(named)) return refs.operation(named.name);
    if (this.shapes.model(named.name) === target) return refs.model(named.name);
    throw new Error(`a lazy reference resolves to ${named.name}, which is neither a model nor an operation of the spec`);
  }
}
