/** Handlebars templates for the text the generator writes: doc comments and the generated README. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { LocatedOperation, Spec } from '../spec/load.js';
import { methodName } from './names.js';

const templateDir = new URL('../../generator/templates/', import.meta.url);

function load(name: string): Handlebars.TemplateDelegate {
  return Handlebars.compile(readFileSync(new URL(name, templateDir), 'utf8'), { noEscape: false, strict: true });
}

export interface TextTemplates {
  operationDoc(op: LocatedOperation, paginator: string | undefined): string;
  readme(spec: Spec): string;
}

export function loadTemplates(): TextTemplates {
  const operationDoc = load('operation-doc.hbs');
  const readme = load('readme.hbs');
  return {
    operationDoc: (op, paginator) => operationDoc({
      doc: op.doc,
      method: op.method,
      path: op.path,
      fixedQuery: op.fixedQuery ? Object.entries(op.fixedQuery).map(([k, v]) => `${k}=${v}`).join('&') : '',
      async: op.async !== undefined,
      pagination: paginator !== undefined,
      paginator: paginator ? `{@link ${paginator}}` : '',
      deprecated: op.deprecated ?? '',
    }).trim(),
    readme: (spec) => readme({
      operationCount: spec.operations.length,
      groupCount: spec.groups.length,
      modelCount: spec.models.size,
      operations: [...spec.operations]
        .sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name))
        .map((op) => ({ group: op.group, name: op.name, method: methodName(op.name), verb: op.method, path: op.path, async: op.async !== undefined })),
    }),
  };
}
