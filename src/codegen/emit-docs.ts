/**
 * The API reference under docs/api/: an index of the groups, one page per group with every operation (signature,
 * HTTP request, waiting, input, output, errors, example) and one page of models. Pages come from handlebars
 * templates; this file only shapes the data they show.
 */
import type { LocatedModel, LocatedOperation, ParamSpec, PropertySpec, ResponseSpec, Spec } from '../core/spec-load.js';
import type { ValueConstraints } from '../core/shapes.js';
import { exampleCall } from './docs-example.js';
import type { OperationSignature } from './emit-operations.js';
import { anchor, cell, codeCell, prose, typeCell } from './markdown.js';
import { compareNames } from './names.js';
import { compileTemplate } from './templates.js';
import { ModelRefs, paramType, propertyType } from './typescript-types.js';
import { withVersionNote } from './versions.js';

export const docsDir = 'docs/api';

interface Row {
  name: string;
  type: string;
  required: string;
  where?: string;
  rules: string;
  doc: string;
}

function rulesOf(r: ValueConstraints): string {
  const rules: string[] = [];
  if (r.minimum !== undefined) rules.push(`≥ ${r.minimum}`);
  if (r.maximum !== undefined) rules.push(`≤ ${r.maximum}`);
  if (r.minLength !== undefined && r.maxLength !== undefined) rules.push(`${r.minLength}–${r.maxLength} characters`);
  else if (r.minLength !== undefined) rules.push(`at least ${r.minLength} characters`);
  else if (r.maxLength !== undefined) rules.push(`at most ${r.maxLength} characters`);
  if (r.pattern !== undefined) rules.push(`matches ${codeCell(r.pattern)}`);
  return rules.join(', ');
}

function whereParam(p: ParamSpec): string {
  const wire = p.wireName ?? p.name;
  if (p.in === 'path') return `path \`{${p.name}}\``;
  if (p.in === 'header') return `header \`${wire}\``;
  if (p.value !== undefined) return `query: sends \`${wire}=${p.value}\` when true`;
  return `query \`${wire}\``;
}

function paramRow(p: ParamSpec): Row {
  return { name: codeCell(p.name), type: codeCell(paramType(p)), required: p.in === 'path' || p.required ? 'yes' : '', where: whereParam(p), rules: rulesOf(p), doc: cell(p.doc) };
}

function propertyRow(p: PropertySpec, page: string, where?: string): Row {
  const refs = new ModelRefs();
  const type = propertyType(p, refs);
  const base64 = p.type === 'base64' || p.items?.type === 'base64';
  const rules = [
    p.const !== undefined ? 'fixed value' : '', base64 ? 'base64 on the wire' : '', p.secret ? 'secret: never logged' : '',
    p.readOnly ? 'response only (refused on input)' : '', p.xml ? `XML ${p.xml}` : '', p.wrapped === false ? 'unwrapped list' : '', rulesOf(p),
  ].filter(Boolean).join(', ');
  return { name: codeCell(p.name), type: typeCell(type, [...refs.names], page), required: p.required ? 'yes' : '', where, rules, doc: cell(withVersionNote(p.doc, p.versions)) };
}

/** Properties a caller gives: constants are filled in by the client, except the one that selects a variant. */
function inputProperties(model: LocatedModel): PropertySpec[] {
  return (model.properties ?? []).filter((p) => p.const === undefined || p.const === model.discriminatorValue);
}

function modelLinks(names: string[]): string {
  return names.map((n) => `[\`${n}\`](models.md#${anchor(n)})`).join(', ');
}

function inputData(spec: Spec, op: LocatedOperation): { rows: Row[]; bodyNote: string } {
  const rows = (op.params ?? []).map(paramRow);
  const body = op.request;
  let bodyNote = '';
  if (body?.member !== undefined) {
    const refs = new ModelRefs();
    const type = body.model !== undefined ? refs.add(body.model) : body.list !== undefined ? `${body.list.model ?? body.list.type}[]` : 'string';
    if (body.list?.model) refs.add(body.list.model);
    const rules = body.contentType ? `sent as ${codeCell(body.contentType)}` : '';
    rows.push({ name: codeCell(body.member), type: typeCell(type, [...refs.names], 'models.md'), required: 'yes', where: `body \`<${body.element}>\``, rules, doc: `The \`<${body.element}>\` body.` });
  } else if (body?.model !== undefined) {
    const model = spec.models.get(body.model)!;
    if (model.variants) {
      bodyNote = `The body \`<${body.element}>\` is one of ${modelLinks(model.variants)}, chosen by \`${model.discriminator}\`; its members sit directly in the input, beside the parameters.`;
    } else {
      bodyNote = `The body \`<${body.element}>\` (${modelLinks([model.name])}) has its members directly in the input: the rows marked body.`;
      rows.push(...inputProperties(model).map((p) => propertyRow(p, 'models.md', 'body')));
    }
  }
  return { rows, bodyNote };
}

function outputModels(spec: Spec, op: LocatedOperation): object[] {
  const names = [...new Set(op.responses.map((r) => r.body?.model ?? r.body?.list?.model).filter((n) => n !== undefined))];
  return names.map((name) => modelData(spec.models.get(name)!, 'models.md'));
}

interface ErrorNote {
  name: string;
  when: string;
}

/** The typed errors worth handling for this operation; the ones every call can throw are on the index page. */
function errorsOf(op: LocatedOperation): ErrorNote[] {
  const errors: ErrorNote[] = [];
  const input = (op.params ?? []).length > 0 || op.request !== undefined;
  if (input) errors.push({ name: 'ValidationError', when: 'the input breaks the rules above (checked before sending; nothing is sent)' });
  const named = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).filter((n) => n !== 'subscriptionId');
  if (named.length > 0) errors.push({ name: 'ResourceNotFoundError', when: `404: ${named.map((n) => `\`${n}\``).join(', ')} ${named.length === 1 ? 'names' : 'name'} nothing that exists` });
  if (op.method !== 'GET') errors.push({ name: 'ConflictError', when: '409: the resource already exists, or another operation is changing it' });
  if (op.async) errors.push({ name: 'OperationFailedError', when: 'while waiting: the request finished with Status Failed' });
  if (op.async) errors.push({ name: 'TimeoutError', when: 'while waiting: the wait outlasted its `timeoutMs`' });
  return errors;
}

function signatureLines(s: OperationSignature): string[] {
  const input = `input${s.inputOptional ? '?' : ''}: ${s.inputType}`;
  const lines = s.op.async
    ? [`${s.method}(input: ${s.inputType}, options: WaitingRequestOptions): Promise<CompletedOperation>;`, `${s.method}(${input}, options?: RequestOptions): Promise<AcceptedOperation>;`]
    : [`${s.method}(${input}, options?: RequestOptions): Promise<${s.outputType}>;`];
  if (s.paginator) lines.push(`${s.paginator.name}(${input}, options?: RequestOptions): AsyncGenerator<${s.paginator.itemType}, void, undefined>;`);
  return lines;
}

function responseText(r: ResponseSpec): string {
  if (!r.body) return `\`ResponseMetadata\` (status code and request id) on ${r.status}`;
  if (r.body.text) return `the \`<${r.body.element}>\` body as text on ${r.status}`;
  if (r.body.list) {
    const type = `${r.body.list.model ?? r.body.list.type}[]`;
    return `\`${type}\`, the \`<${r.body.list.element}>\` items of the \`<${r.body.element}>\` root (empty when there are none), on ${r.status}`;
  }
  return `\`${r.body.model}\`, read from the \`<${r.body.element}>\` root, on ${r.status}`;
}

function returnsText(s: OperationSignature): string {
  if (s.op.async) {
    return 'An `AcceptedOperation` once the service has accepted the request (its `requestId`, `completed` and `wait()`), or with `{ wait: true }` a `CompletedOperation` once it has finished.';
  }
  return `Resolves with ${s.op.responses.map(responseText).join('; or ')}.`;
}

function operationData(spec: Spec, s: OperationSignature): object {
  const op = s.op;
  const { rows, bodyNote } = inputData(spec, op);
  return {
    name: op.name,
    method: s.method,
    anchor: anchor(s.method),
    doc: prose(op.doc),
    verb: op.method,
    path: op.path,
    fixedQuery: op.fixedQuery ? Object.entries(op.fixedQuery).map(([k, v]) => `${k}=${v}`).join('&') : '',
    apiVersion: op.apiVersion ?? '',
    deprecated: prose(op.deprecated ?? ''),
    async: op.async !== undefined,
    poll: op.async ? op.async.poll ?? spec.service.operationStatus : '',
    idFromBody: op.async?.idFromBody ?? '',
    paginator: s.paginator?.name ?? '',
    pagination: op.pagination ?? { inputToken: '', outputToken: '', items: '' },
    paging: !op.pagination ? '' : op.pagination.inputToken === op.pagination.outputToken
      ? `following \`${op.pagination.outputToken}\``
      : `passing each \`${op.pagination.outputToken}\` back as \`${op.pagination.inputToken}\``,
    flags: [op.async ? 'async' : '', op.pagination ? 'paged' : '', op.deprecated !== undefined ? 'deprecated' : ''].filter(Boolean).join(', '),
    signature: signatureLines(s).join('\n'),
    inputType: s.inputType,
    inputRows: rows,
    bodyNote,
    returns: returnsText(s),
    // An asynchronous call resolves with the request's progress, not with its response body.
    outputModels: op.async ? [] : outputModels(spec, op),
    errors: errorsOf(op),
    example: exampleCall(spec, s),
  };
}

function modelData(model: LocatedModel, page: string): object {
  return {
    name: model.name,
    anchor: anchor(model.name),
    doc: prose(model.doc),
    group: model.group,
    file: model.file,
    polymorphic: model.variants !== undefined,
    discriminator: model.discriminator ?? '',
    variants: model.variants ? modelLinks(model.variants) : '',
    discriminatorValue: model.discriminatorValue ?? '',
    rows: (model.properties ?? []).map((p) => propertyRow(p, page)),
  };
}

export interface DocsOptions {
  templateDir: string;
}

/** Every page of docs/api/, keyed by its path from the repository root. */
export function emitDocs(spec: Spec, signatures: OperationSignature[], options: DocsOptions): Map<string, string> {
  const template = (name: string) => compileTemplate(options.templateDir, name, { markdown: true });
  const [index, group, models] = [template('api-index.hbs'), template('api-group.hbs'), template('api-models.hbs')];
  const byGroup = new Map<string, OperationSignature[]>();
  for (const s of signatures) byGroup.set(s.op.group, [...(byGroup.get(s.op.group) ?? []), s]);
  const groups = [...spec.groups].sort((a, b) => compareNames(a.name, b.name));
  const files = new Map<string, string>();
  files.set(`${docsDir}/README.md`, index({
    serviceName: spec.service.name,
    serviceDoc: prose(spec.service.doc),
    operationCount: spec.operations.length,
    modelCount: spec.models.size,
    groups: groups.map((g) => ({ name: g.name, doc: cell(g.doc), count: byGroup.get(g.name)?.length ?? 0 })),
  }));
  for (const g of groups) {
    const ops = (byGroup.get(g.name) ?? []).sort((a, b) => compareNames(a.method, b.method));
    files.set(`${docsDir}/${g.name}.md`, group({ name: g.name, doc: prose(g.doc), file: g.file, countText: `${ops.length} operation${ops.length === 1 ? '' : 's'}`, operations: ops.map((s) => operationData(spec, s)) }));
  }
  const allModels = [...spec.models.values()].sort((a, b) => compareNames(a.name, b.name));
  files.set(`${docsDir}/models.md`, models({ count: allModels.length, models: allModels.map((m) => modelData(m, '')) }));
  return files;
}
