/** Spec in, files out: every generated file as text, keyed by its path from the repository root. */
import { IndentationText, NewLineKind, Project, QuoteKind } from 'ts-morph';
import type { Spec } from '../spec/load.js';
import { emitClient, emitIndex, emitModelIndex, emitOperationIndex, emitService } from './emit-client.js';
import { emitModel } from './emit-models.js';
import { emitOperation, type OperationSignature } from './emit-operations.js';
import { loadTemplates } from './templates.js';

export function generate(spec: Spec): Map<string, string> {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: { quoteKind: QuoteKind.Single, indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed },
  });
  const templates = loadTemplates();
  const files = new Map<string, string>();
  for (const model of [...spec.models.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    files.set(`generated/models/${model.name}.ts`, emitModel(project, model));
  }
  const signatures: OperationSignature[] = [];
  for (const op of spec.operations) {
    const { text, signature } = emitOperation(project, spec, op, templates);
    files.set(`generated/operations/${op.name}.ts`, text);
    signatures.push(signature);
  }
  files.set('generated/models/index.ts', emitModelIndex(spec));
  files.set('generated/operations/index.ts', emitOperationIndex(signatures));
  files.set('generated/service.ts', emitService(project, spec));
  files.set('generated/client.ts', emitClient(project, spec, signatures));
  files.set('generated/index.ts', emitIndex(spec));
  files.set('generated/README.md', templates.readme(spec));
  return files;
}
