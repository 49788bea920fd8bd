/** TypeScript type expressions and shape literals for spec members: the one place that maps spec types to code. */
import type { ListItemsSpec, ParamSpec, PropertySpec } from '../core/spec-load.js';
import { memberKey, quote, shapeName } from './names.js';

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

function literal(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return String(value);
}

function fields(entries: Array<[string, unknown]>): string {
  return entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${memberKey(k)}: ${typeof v === 'object' && v !== null && 'raw' in v ? (v as { raw: string }).raw : literal(v)}`).join(', ');
}

const raw = (text: string) => ({ raw: text });

export function itemShape(items: ListItemsSpec, refs: ModelRefs): string {
  const type = items.type === 'model'
    ? `{ kind: 'model', model: () => ${shapeName(refs.add(items.model!))} }`
    : `{ ${fields([['kind', items.type], ['enum', items.enum]])} }`;
  return `{ element: ${quote(items.element)}, type: ${type} }`;
}

/** The TypeShape literal of a property. */
export function typeShape(p: PropertySpec, refs: ModelRefs): string {
  if (p.type === 'model') return `{ kind: 'model', model: () => ${shapeName(refs.add(p.model!))} }`;
  if (p.type === 'list') return `{ kind: 'list', wrapped: ${p.wrapped !== false}, item: ${itemShape(p.items!, refs)} }`;
  return `{ ${fields([['kind', p.type], ['enum', p.enum]])} }`;
}

/** The MemberShape literal of a property. */
export function memberShape(p: PropertySpec, refs: ModelRefs): string {
  return `{ ${fields([
    ['name', p.name], ['type', raw(typeShape(p, refs))], ['xml', p.xml], ['required', p.required], ['secret', p.secret],
    ['const', p.const], ['minimum', p.minimum], ['maximum', p.maximum], ['minLength', p.minLength],
    ['maxLength', p.maxLength], ['pattern', p.pattern],
  ])} }`;
}

export function paramShape(p: ParamSpec): string {
  return `{ ${fields([
    ['name', p.name], ['in', p.in], ['wireName', p.wireName], ['type', p.type], ['value', p.value],
    ['required', p.required], ['enum', p.enum], ['minimum', p.minimum], ['maximum', p.maximum],
  ])} }`;
}
