/**
 * The short example on each operation's docs page: the client method called with its required inputs, each given
 * a plausible value of its type (the first enum value, the smallest allowed number, a name-like string).
 */
import type { LocatedModel, LocatedOperation, ParamSpec, PropertySpec, Spec } from '../core/spec-load.js';
import type { ValueConstraints } from '../core/shapes.js';
import type { OperationSignature } from './emit-operations.js';
import { memberKey, quote } from './names.js';

/** A value to print: source text, an object literal or an array literal. */
type Value = { text: string } | { entries: Array<[string, Value]> } | { items: Value[] };

const lineWidth = 100;
/** How deep nested required models are filled in before an empty object stands for the rest. */
const maxDepth = 4;

/** ServiceName → service-name; OSVirtualHardDisk → os-virtual-hard-disk. */
function kebab(name: string): string {
  return name.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).join('-').toLowerCase();
}

interface ScalarRules extends ValueConstraints {
  enum?: string[];
}

/** A name-like string that passes the member's rules when one of a few simple candidates can. */
function stringExample(name: string, rules: ScalarRules): string {
  const fit = (text: string) => text.padEnd(rules.minLength ?? 0, 'x').slice(0, rules.maxLength);
  const candidates = [kebab(name), kebab(name).replace(/-/g, ''), name, 'example'].map(fit);
  const pattern = rules.pattern === undefined ? undefined : safeRegExp(rules.pattern);
  return candidates.find((c) => pattern === undefined || pattern.test(c)) ?? candidates[0]!;
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

function scalarValue(name: string, type: string, rules: ScalarRules): Value {
  if (rules.enum) return { text: quote(rules.enum[0]!) };
  switch (type) {
    case 'int': case 'long': case 'double':
      return { text: String(rules.minimum ?? Math.min(1, rules.maximum ?? 1)) };
    case 'boolean': return { text: 'true' };
    case 'dateTime': return { text: "new Date('2025-01-01T00:00:00Z')" };
    default: return { text: quote(stringExample(name, rules)) };
  }
}

function modelValue(spec: Spec, name: string, depth: number): Value {
  const model = spec.models.get(name)!;
  if (depth >= maxDepth) return { entries: [] };
  // A polymorphic model is shown through its first variant, which its discriminator selects.
  if (model.variants) return modelValue(spec, model.variants[0]!, depth);
  return { entries: requiredProperties(model).map((p) => [memberKey(p.name), propertyValue(spec, p, depth + 1)]) };
}

/** The properties a caller must give: required ones, and the discriminator that selects a variant. */
function requiredProperties(model: LocatedModel): PropertySpec[] {
  return (model.properties ?? []).filter((p) => (p.const !== undefined ? p.const === model.discriminatorValue : p.required));
}

function propertyValue(spec: Spec, p: PropertySpec, depth: number): Value {
  if (p.const !== undefined) return { text: quote(p.const) };
  if (p.type === 'model') return modelValue(spec, p.model!, depth);
  if (p.type === 'list') {
    const items = p.items!;
    return { items: [items.type === 'model' ? modelValue(spec, items.model!, depth) : scalarValue(items.element, items.type, items)] };
  }
  return scalarValue(p.name, p.type, p);
}

function paramValue(p: ParamSpec): Value {
  return scalarValue(p.name, p.type, p);
}

/** The members a call must give: required parameters and the required part of its body. */
function requiredInput(spec: Spec, op: LocatedOperation): Value {
  const entries: Array<[string, Value]> = (op.params ?? [])
    .filter((p) => p.in === 'path' || p.required)
    .map((p) => [memberKey(p.name), paramValue(p)]);
  const body = op.request;
  if (body?.member !== undefined) {
    const list = body.list;
    const value: Value = body.model !== undefined ? modelValue(spec, body.model, 0)
      : list !== undefined ? { items: [list.type === 'model' ? modelValue(spec, list.model!, 0) : scalarValue(list.element, list.type, list)] }
        : { text: quote(`${kebab(body.element)} text`) };
    entries.push([memberKey(body.member), value]);
  } else if (body?.model !== undefined) {
    const value = modelValue(spec, body.model, 0) as { entries: Array<[string, Value]> };
    entries.push(...value.entries);
  }
  return { entries };
}

/** Prints a value on one line when it fits after `column` characters, else one member per line. */
function print(value: Value, indent: string, column: number): string {
  const flat = printFlat(value);
  if (column + flat.length <= lineWidth || 'text' in value) return flat;
  const inner = `${indent}  `;
  if ('items' in value) return `[\n${value.items.map((v) => `${inner}${print(v, inner, inner.length)},`).join('\n')}\n${indent}]`;
  return `{\n${value.entries.map(([k, v]) => `${inner}${k}: ${print(v, inner, inner.length + k.length + 2)},`).join('\n')}\n${indent}}`;
}

function printFlat(value: Value): string {
  if ('text' in value) return value.text;
  if ('items' in value) return `[${value.items.map(printFlat).join(', ')}]`;
  return value.entries.length === 0 ? '{}' : `{ ${value.entries.map(([k, v]) => `${k}: ${printFlat(v)}`).join(', ')} }`;
}

const reserved = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'await']);

/** A variable name for what a call returns: its response root element in camelCase. */
function resultName(op: LocatedOperation): string {
  const elements = [...new Set(op.responses.filter((r) => r.body).map((r) => r.body!.element))];
  if (elements.length !== 1) return 'result';
  const name = elements[0]!.charAt(0).toLowerCase() + elements[0]!.slice(1);
  return reserved.has(name) ? `${name}Result` : name;
}

/** TypeScript statements calling the operation through the client, as a docs page shows them. */
export function exampleCall(spec: Spec, signature: OperationSignature): string {
  const { op, method } = signature;
  const input = requiredInput(spec, op);
  const empty = 'entries' in input && input.entries.length === 0;
  /** `before` + the call + `after`, the input laid out to fit the line. */
  const call = (before: string, name: string, after: string, extra = '') => {
    const head = `${before}client.${name}(`;
    const args = empty && extra === '' && signature.inputOptional ? '' : `${print(input, '', head.length + extra.length + after.length + 1)}${extra}`;
    return `${head}${args})${after}`;
  };
  if (signature.paginator) {
    const type = signature.paginator.itemType;
    const item = /^[A-Za-z]\w*$/.test(type) ? type.charAt(0).toLowerCase() + type.slice(1) : 'item';
    const variable = reserved.has(item) ? `${item}Item` : item;
    return `${call(`for await (const ${variable} of `, signature.paginator.name, ') {')}\n  console.log(${variable});\n}`;
  }
  if (op.async) {
    return [
      '// Resolves when the request has finished; without { wait: true } it resolves when accepted, with wait().',
      call('const completed = await ', method, ';', ', { wait: true }'),
    ].join('\n');
  }
  const hasBody = op.responses.some((r) => r.body);
  return hasBody ? call(`const ${resultName(op)} = await `, method, ';') : call('await ', method, ';');
}
