/**
 * Compares two API surfaces and classifies every difference as breaking or not for code that calls the client.
 *
 * Breaking: anything that can stop existing calling code from compiling or from doing what it did — a removed
 * operation, model, parameter or property; a new required input; a changed type, verb, path or fixed query; an
 * operation turning asynchronous or back; tighter rules on an input; fewer enum values.
 * Not breaking: additions callers may ignore (operations, models, optional inputs, output properties, enum values,
 * variants, paginators), documentation, and wire-only details the client handles for its caller (element and
 * wire names, attribute placement, element order, x-ms-version).
 */
import type {
  ApiSurface, BodySurface, Constraints, ModelSurface, OperationSurface, ParamSurface, PropertySurface, ResponseSurface, Usage,
} from './surface.js';
import { compareNames } from './names.js';

export interface ApiChange {
  subject: 'client' | 'operation' | 'model';
  name: string;
  change: 'added' | 'removed' | 'changed';
  breaking: boolean;
  /** What changed, in a few words (empty for a bare addition or removal). */
  detail: string;
}

type Note = (breaking: boolean, detail: string) => void;

/** Inline code; text holding a backtick gets a double fence, as markdown wants. */
export const code = (text: string): string => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);
const typeOf = (t: { type: string; enum?: string[]; const?: string }): string =>
  t.const !== undefined ? `'${t.const}'` : t.enum ? `${t.type} (${t.enum.join(' | ')})` : t.type;

/** Every change from `before` to `after`: the client's own, then operations, then models, each sorted by name. */
export function diffSurfaces(before: ApiSurface, after: ApiSurface): ApiChange[] {
  const changes: ApiChange[] = [];
  if (before.client !== after.client) {
    changes.push({ subject: 'client', name: after.client, change: 'changed', breaking: true, detail: `class renamed from ${code(before.client)}` });
  }
  if (before.apiVersion !== after.apiVersion) {
    changes.push({ subject: 'client', name: after.client, change: 'changed', breaking: false, detail: `default x-ms-version ${before.apiVersion} → ${after.apiVersion}` });
  }
  diffRecords('operation', before.operations, after.operations, changes, (a, b, note) => diffOperation(a, b, note), (op) => code(`${op.method} ${op.path}`));
  diffRecords('model', before.models, after.models, changes, (a, b, note) => diffModel(a, b, note), (m) => m.doc);
  return changes;
}

function diffRecords<T>(
  subject: ApiChange['subject'], before: Record<string, T>, after: Record<string, T>, changes: ApiChange[],
  diff: (a: T, b: T, note: Note) => void, summary: (item: T) => string,
): void {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareNames);
  for (const name of names) {
    const a = before[name];
    const b = after[name];
    if (a === undefined) changes.push({ subject, name, change: 'added', breaking: false, detail: summary(b!) });
    else if (b === undefined) changes.push({ subject, name, change: 'removed', breaking: true, detail: summary(a) });
    else diff(a, b, (breaking, detail) => changes.push({ subject, name, change: 'changed', breaking, detail }));
  }
}

function diffOperation(a: OperationSurface, b: OperationSurface, note: Note): void {
  if (a.method !== b.method) note(true, `verb ${a.method} → ${b.method}`);
  if (a.path !== b.path) note(true, `path ${code(a.path)} → ${code(b.path)}`);
  if (a.fixedQuery !== b.fixedQuery) note(true, `fixed query ${code(a.fixedQuery ?? '(none)')} → ${code(b.fixedQuery ?? '(none)')}`);
  if (a.apiVersion !== b.apiVersion) note(false, `x-ms-version ${a.apiVersion ?? 'default'} → ${b.apiVersion ?? 'default'}`);
  diffParams(a.params, b.params, note);
  diffRequest(a.request, b.request, note);
  diffResponses(a.responses, b.responses, note);
  if (!a.async && b.async) note(true, 'now asynchronous: resolves with an AcceptedOperation');
  else if (a.async && !b.async) note(true, 'no longer asynchronous');
  else if (a.async && b.async && a.async.poll !== b.async.poll) note(false, `polls ${b.async.poll} instead of ${a.async.poll}`);
  diffPagination(a.pagination, b.pagination, note);
  if (a.deprecated !== b.deprecated) note(false, b.deprecated !== undefined ? `deprecated: ${b.deprecated}` : 'no longer deprecated');
  if (a.group !== b.group) note(false, `moved from group ${a.group} to ${b.group}`);
  if (a.doc !== b.doc) note(false, 'doc changed');
}

function diffParams(before: ParamSurface[], after: ParamSurface[], note: Note): void {
  for (const p of after) {
    const old = before.find((q) => q.name === p.name);
    if (!old) {
      note(p.required, `new ${p.required ? 'required' : 'optional'} ${p.in} parameter ${code(p.name)} (${typeOf(p)})`);
      continue;
    }
    const what = `${p.in} parameter ${code(p.name)}`;
    if (old.type !== p.type) note(true, `${what}: type ${old.type} → ${p.type}`);
    if (old.in !== p.in) note(false, `parameter ${code(p.name)} moved from ${old.in} to ${p.in}`);
    if (old.wireName !== p.wireName || old.value !== p.value) note(false, `${what}: sent as ${wireOf(old)} → ${wireOf(p)}`);
    diffRequired(what, old.required, p.required, ['input'], note);
    diffEnum(what, old.enum, p.enum, ['input'], note);
    diffConstraints(what, old.constraints, p.constraints, ['input'], note);
    if (old.doc !== p.doc) note(false, `${what}: doc changed`);
  }
  for (const old of before) if (!after.some((p) => p.name === old.name)) note(true, `${old.in} parameter ${code(old.name)} removed`);
}

const wireOf = (p: ParamSurface): string => code(`${p.wireName ?? p.name}${p.value !== undefined ? `=${p.value}` : ''}`);

function bodyRef(body: BodySurface | undefined): string {
  if (!body) return 'none';
  return body.member !== undefined ? `${body.type} in member ${body.member}` : body.type;
}

function diffRequest(a: BodySurface | undefined, b: BodySurface | undefined, note: Note): void {
  // The body's fields are part of the input: a different model or member changes what callers pass.
  if (bodyRef(a) !== bodyRef(b)) note(true, `request body ${code(bodyRef(a))} → ${code(bodyRef(b))}`);
  else if (a && b && a.element !== b.element) note(false, `request root element ${a.element} → ${b.element}`);
  if (a && b && a.contentType !== b.contentType) note(false, `request content type ${a.contentType ?? 'application/xml'} → ${b.contentType ?? 'application/xml'}`);
}

/** The type a call resolves to, as the client declares it: the distinct body types of its responses. */
function outputOf(responses: ResponseSurface[]): string {
  return [...new Set(responses.map((r) => r.body?.type ?? 'ResponseMetadata'))].join(' | ');
}

function diffResponses(a: ResponseSurface[], b: ResponseSurface[], note: Note): void {
  if (outputOf(a) !== outputOf(b)) note(true, `output ${code(outputOf(a))} → ${code(outputOf(b))}`);
  const statuses = (rs: ResponseSurface[]) => rs.map((r) => r.status).join(', ');
  if (statuses(a) !== statuses(b)) note(false, `success statuses ${statuses(a)} → ${statuses(b)}`);
  for (const r of b) {
    const old = a.find((q) => q.status === r.status);
    if (old?.body && r.body && old.body.type === r.body.type && old.body.element !== r.body.element) {
      note(false, `${r.status} root element ${old.body.element} → ${r.body.element}`);
    }
  }
}

function diffPagination(a: OperationSurface['pagination'], b: OperationSurface['pagination'], note: Note): void {
  if (!a && b) note(false, `now paged: new paginator over ${b.items}`);
  else if (a && !b) note(true, 'no longer paged: its paginator is gone');
  else if (a && b && (a.items !== b.items || a.inputToken !== b.inputToken || a.outputToken !== b.outputToken)) {
    note(true, `paging ${a.inputToken}/${a.outputToken}/${a.items} → ${b.inputToken}/${b.outputToken}/${b.items}`);
  }
}

function diffModel(a: ModelSurface, b: ModelSurface, note: Note): void {
  // A change that breaks senders may not break receivers, and the other way round: judge by both uses.
  const usage = [...new Set([...a.usage, ...b.usage])];
  if (Boolean(a.variants) !== Boolean(b.variants)) note(true, b.variants ? 'now polymorphic' : 'no longer polymorphic');
  if (a.discriminator !== b.discriminator && a.discriminator && b.discriminator) note(true, `discriminator ${a.discriminator} → ${b.discriminator}`);
  if (a.discriminatorValue !== b.discriminatorValue) note(true, `discriminator value ${a.discriminatorValue ?? '(none)'} → ${b.discriminatorValue ?? '(none)'}`);
  for (const v of b.variants ?? []) if (a.variants && !a.variants.includes(v)) note(false, `new variant ${code(v)}`);
  for (const v of a.variants ?? []) if (b.variants && !b.variants.includes(v)) note(true, `variant ${code(v)} removed`);
  if (a.properties && b.properties) diffProperties(a.properties, b.properties, usage, note);
  // Wire only: the client writes each variant in this order and reads any of these elements in any variant.
  if (String(a.wireOrder) !== String(b.wireOrder)) {
    note(false, !b.wireOrder ? 'no longer one flat wire contract' : !a.wireOrder ? 'now one flat wire contract (wireOrder)' : 'flat wire contract order changed');
  }
  if (a.group !== b.group) note(false, `moved from group ${a.group} to ${b.group}`);
  if (a.doc !== b.doc) note(false, 'doc changed');
}

function diffProperties(before: PropertySurface[], after: PropertySurface[], usage: Usage[], note: Note): void {
  for (const p of after) {
    const old = before.find((q) => q.name === p.name);
    if (!old) {
      // Callers that build this model must now give a required property; readers just get one more.
      const breaking = p.required && p.const === undefined && usage.includes('input');
      note(breaking, `new ${p.required ? 'required' : 'optional'} property ${code(p.name)} (${typeOf(p)})`);
      continue;
    }
    const what = `property ${code(p.name)}`;
    if (old.type !== p.type || old.const !== p.const) note(true, `${what}: type ${typeOf(old)} → ${typeOf(p)}`);
    else diffEnum(what, old.enum, p.enum, usage, note);
    diffRequired(what, old.required, p.required, usage, note);
    diffConstraints(what, old.constraints, p.constraints, usage, note);
    if (old.xml !== p.xml || old.wrapped !== p.wrapped) note(false, `${what}: wire layout ${layoutOf(old)} → ${layoutOf(p)}`);
    if (old.secret !== p.secret) note(false, `${what}: ${p.secret ? 'now' : 'no longer'} secret (redacted from logs)`);
    if (old.doc !== p.doc) note(false, `${what}: doc changed`);
  }
  for (const old of before) if (!after.some((p) => p.name === old.name)) note(true, `property ${code(old.name)} removed`);
  const order = (ps: PropertySurface[], others: PropertySurface[]) => ps.filter((p) => others.some((q) => q.name === p.name)).map((p) => p.name).join();
  if (order(before, after) !== order(after, before)) note(false, 'element order changed');
}

const layoutOf = (p: PropertySurface): string => p.xml ?? (p.wrapped === false ? 'unwrapped list' : 'element');

function diffRequired(what: string, was: boolean, is: boolean, usage: Usage[], note: Note): void {
  if (was === is) return;
  // Required for senders is a new obligation; optional for receivers is a value they may no longer get.
  if (is) note(usage.includes('input'), `${what}: now required`);
  else note(usage.includes('output'), `${what}: now optional`);
}

function diffEnum(what: string, before: string[] | undefined, after: string[] | undefined, usage: Usage[], note: Note): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) return note(usage.includes('input'), `${what}: now limited to ${after!.join(', ')}`);
  if (after === undefined) return note(false, `${what}: no longer limited to a list of values`);
  const added = after.filter((v) => !before.includes(v));
  const removed = before.filter((v) => !after.includes(v));
  if (removed.length > 0) note(true, `${what}: values removed: ${removed.join(', ')}`);
  if (added.length > 0) note(false, `${what}: new values: ${added.join(', ')}`);
}

/** Tighter rules reject input that passed before; looser ones never do. */
function diffConstraints(what: string, a: Constraints = {}, b: Constraints = {}, usage: Usage[], note: Note): void {
  const tighter: string[] = [];
  const looser: string[] = [];
  const show = (value: string | number | undefined) => (value === undefined ? 'none' : typeof value === 'string' ? code(value) : String(value));
  const sort = (key: keyof Constraints, isTighter: boolean) => (isTighter ? tighter : looser).push(`${key} ${show(a[key])} → ${show(b[key])}`);
  for (const key of ['minimum', 'minLength'] as const) {
    if (a[key] !== b[key]) sort(key, b[key] !== undefined && (a[key] === undefined || b[key] > a[key]));
  }
  for (const key of ['maximum', 'maxLength'] as const) {
    if (a[key] !== b[key]) sort(key, b[key] !== undefined && (a[key] === undefined || b[key] < a[key]));
  }
  // A changed pattern may accept less; only its removal is surely looser.
  if (a.pattern !== b.pattern) sort('pattern', b.pattern !== undefined);
  if (tighter.length > 0) note(usage.includes('input'), `${what}: tighter rules: ${tighter.join('; ')}`);
  if (looser.length > 0) note(false, `${what}: looser rules: ${looser.join('; ')}`);
}
