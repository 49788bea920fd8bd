/** Spec in, files out: every generated file as text, keyed by its path from the repository root. */
import { IndentationText, NewLineKind, Project, QuoteKind } from 'ts-morph';
import { shapesFromSpec } from '../core/shapes-from-spec.js';
import type { Spec } from '../core/spec-load.js';
import { buildChangeReport, changesPath, type ChangeReport, type PreviousOutput } from './change-report.js';
import { emitClient, emitIndex, emitModelIndex, emitOperationIndex, emitService, emitValidate } from './emit-client.js';
import { emitDocs } from './emit-docs.js';
import { emitHandlerTypes, handlerTypesPath } from './emit-handler-types.js';
import { emitModel } from './emit-models.js';
import { formatFiles } from './format.js';
import { emitOperation, type OperationSignature } from './emit-operations.js';
import { compareNames } from './names.js';
import { ShapePrinter } from './print-shapes.js';
import { buildSurface } from './surface.js';
import { surfacePath, surfaceText } from './surface-file.js';
import { compileTemplate, defaultTemplateDir, loadTemplates } from './templates.js';

export interface GenerateOptions {
  /** Folder of the handlebars templates; default src/codegen/templates/ of this checkout. */
  templateDir?: string;
  /** generated/api-surface.json and generated/CHANGES.md as they are before this run: the change report's baseline. */
  previous?: PreviousOutput;
}

export interface Generated {
  files: Map<string, string>;
  report: ChangeReport;
}

/**
 * Every generated file as the emitters write it, before formatting, and the report of how the API surface
 * changed against `options.previous`.
 */
export function emitWithReport(spec: Spec, options: GenerateOptions = {}): Generated {
  const templateDir = options.templateDir ?? defaultTemplateDir;
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: { quoteKind: QuoteKind.Single, indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed },
  });
  const templates = loadTemplates(templateDir);
  // The descriptors and model shapes of generated/ are these objects, printed; async.poll stays unset where the
  // spec names none, as the runtime then polls the service's status operation.
  const printer = new ShapePrinter(shapesFromSpec(spec, { resolveDefaultPoll: false }));
  const files = new Map<string, string>();
  for (const model of [...spec.models.values()].sort((a, b) => compareNames(a.name, b.name))) {
    files.set(`generated/models/${model.name}.ts`, emitModel(project, printer, model, model.extends === undefined ? undefined : spec.models.get(model.extends)));
  }
  const signatures: OperationSignature[] = [];
  // Code-unit order, not the locale's: the output must not depend on the machine that generates it.
  for (const op of [...spec.operations].sort((a, b) => compareNames(a.name, b.name))) {
    const { text, signature } = emitOperation(project, printer, spec, op, templates);
    files.set(`generated/operations/${op.name}.ts`, text);
    signatures.push(signature);
  }
  files.set('generated/models/index.ts', emitModelIndex(spec));
  files.set('generated/operations/index.ts', emitOperationIndex(signatures));
  files.set('generated/service.ts', emitService(project, printer, spec));
  files.set('generated/client.ts', emitClient(project, spec, signatures));
  files.set('generated/index.ts', emitIndex(spec));
  files.set('generated/validate.ts', emitValidate());
  files.set(handlerTypesPath, emitHandlerTypes(project, spec));
  files.set('generated/README.md', templates.readme(spec));
  for (const [path, text] of emitDocs(spec, signatures, { templateDir })) files.set(path, text);

  const surface = buildSurface(spec);
  const snapshot = surfaceText(surface);
  const report = buildChangeReport(surface, snapshot, options.previous ?? {}, compileTemplate(templateDir, 'changes.hbs', { markdown: true }));
  files.set(surfacePath, snapshot);
  files.set(changesPath, report.text);
  return { files, report };
}

/** Every generated file, each .ts one formatted, and the change report. */
export async function generateWithReport(spec: Spec, options: GenerateOptions = {}): Promise<Generated> {
  const { files, report } = emitWithReport(spec, options);
  return { files: await formatFiles(files), report };
}

export async function generate(spec: Spec, options: GenerateOptions = {}): Promise<Map<string, string>> {
  return (await generateWithReport(spec, options)).files;
}
