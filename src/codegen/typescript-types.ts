/**
 * TypeScript type expressions for spec members: the one place that maps spec types to TypeScript types. (Shape
 * literals are the runtime's own shape objects, printed: see print-shapes.ts.)
 */
import type { ListItemsSpec, ParamSpec, PropertySpec } from '../core/spec-load.js';
import { quote } from './names.js';

/** Collects the models a file refers to, for its imports. */
export class ModelRefs {
  readonly names = new Set<string>();
  constructor(private readonly self?: string) {}
  add(name: string): string {
    if (name !== this.self) this.names.add(name);
    return name;
  }
}

function scalarType(type: string, enumValues: readonly string[] | undefined): string {
  if (enumValues) return enumValues.map(quote).join(' | ');
  switch (type) {
    case 'int': case 'long': case 'double': return 'number';
    case 'boolean': return 'boolean';
    case 'dateTime': return 'Date';
    default: return 'string';
  }
}

export function itemType(items: ListItemsSpec, refs: ModelRefs): string {
  return items.type === 'model' ? refs.add(items.model!) : scalarType(items.type, items.enum);
}

export function propertyType(p: PropertySpec, refs: ModelRefs): string {
  if (p.const !== undefined) return quote(p.const);
  if (p.type === 'model') return refs.add(p.model!);
  if (p.type === 'list') {
    const item = itemType(p.items!, refs);
    return item.includes('|') ? `Array<${item}>` : `${item}[]`;
  }
  return scalarType(p.type, p.enum);
}

export function paramType(p: ParamSpec): string {
  if (p.type === 'dateTime') return 'Date | string';
  return scalarType(p.type === 'int' ? 'int' : p.type, p.enum);
}
