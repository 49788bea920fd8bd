/** Handlebars templates for the text the generator writes: doc comments and the generated README. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { LocatedOperation, Spec } from '../core/spec-load.js';
import { compareNames, methodName } from './names.js';

/** src/codegen/templates/ of this checkout, seen from dist/src/codegen/; tests built elsewhere pass their own. */
export const defaultTemplateDir = fileURLToPath(new URL('../../../src/codegen/templates/', import.meta.url));

/** Reads and compiles one template; markdown and code templates skip HTML escaping, since their text is not HTML. */
export function compileTemplate(dir: string, name: string, options: { markdown?: boolean } = {}): Handlebars.TemplateDelegate {
  return Handlebars.compile(readFileSync(join(dir, name), 'utf8'), { noEscape: options.markdown ?? false, strict: true });
}

export interface TextTemplates {
  operationDoc(op: LocatedOperation, paginator: string | undefined): string;
  readme(spec: Spec): string;
}

export function loadTemplates(dir: string = defaultTemplateDir): TextTemplates {
  // Doc comments and markdown are not HTML: `comp=list` must stay as it is, not become `comp&#x3D;list`.
  const operationDoc = compileTemplate(dir, 'operation-doc.hbs', { markdown: true });
  const readme = compileTemplate(dir, 'readme.hbs', { markdown: true });
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
        .sort((a, b) => compareNames(a.group, b.group) || compareNames(a.name, b.name))
        .map((op) => ({ group: op.group, name: op.name, method: methodName(op.name), verb: op.method, path: op.path, async: op.async !== undefined })),
    }),
  };
}
