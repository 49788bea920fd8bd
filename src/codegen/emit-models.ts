/** One file per model: its TypeScript type and its shape (the wire layout the runtime reads). */
import { StructureKind, type ImportSpecifierStructure, type OptionalKind, type Project, type StatementStructures } from 'ts-morph';
import type { LocatedModel } from '../core/spec-load.js';
import { constStatement, generatedHeader, separateDeclarations } from './file-header.js';
import { compareNames, memberKey, shapeName } from './names.js';
import { ShapeRefs, type ShapePrinter } from './print-shapes.js';
import { ModelRefs, propertyType } from './typescript-types.js';
import { withVersionNote } from './versions.js';

/** One import per model a file mentions: its shape where a shape refers to it, its type where a type does. */
export function modelImports(types: ModelRefs, shapes: ShapeRefs, fromDir: 'models' | 'operations'): StatementStructures[] {
  const prefix = fromDir === 'models' ? './' : '../models/';
  return [...new Set([...types.names, ...shapes.models])].sort(compareNames).map((name) => {
    const namedImports: Array<string | OptionalKind<ImportSpecifierStructure>> = [];
    if (shapes.models.has(name)) namedImports.push(shapeName(name));
    if (types.names.has(name)) namedImports.push(shapes.models.has(name) ? { name, isTypeOnly: true } : name);
    return { kind: StructureKind.ImportDeclaration, moduleSpecifier: `${prefix}${name}.js`, isTypeOnly: !shapes.models.has(name), namedImports };
  });
}

function structureStatements(model: LocatedModel, base: LocatedModel | undefined, types: ModelRefs, shape: string): Array<string | StatementStructures> {
  // A model that extends another declares only what it adds; its shape spreads the base's members first.
  const own = (model.properties ?? []).slice(base?.properties?.length ?? 0);
  const properties = own.map((p) => ({
    name: memberKey(p.name),
    type: propertyType(p, types),
    // A variant's discriminator selects it, so the caller must give it; other constants are filled in.
    hasQuestionToken: p.const !== undefined ? p.const !== model.discriminatorValue : !p.required,
    docs: p.doc || p.versions || p.readOnly
      ? [{ description: withVersionNote(p.doc, p.versions) + (p.secret ? ' Secret: never logged.' : '') + (p.readOnly ? ' Response only: refused on input.' : '') }]
      : [],
  }));
  return [
    { kind: StructureKind.Interface, name: model.name, isExported: true, docs: [{ description: model.doc }], extends: base ? [types.add(base.name)] : [], properties },
    constStatement(`Wire layout of {@link ${model.name}}, in element order.`, shapeName(model.name), 'StructureShape', shape),
  ];
}

function polymorphicStatements(model: LocatedModel, types: ModelRefs, shape: string): Array<string | StatementStructures> {
  const variants = model.variants!.map((v) => types.add(v));
  return [
    { kind: StructureKind.TypeAlias, name: model.name, isExported: true, docs: [{ description: `${model.doc}\n\nOne of its kinds, selected by \`${model.discriminator}\`.` }], type: variants.join(' | ') },
    constStatement(`Wire layout of {@link ${model.name}}: the variant is chosen by ${model.discriminator}.`, shapeName(model.name), 'PolymorphicShape', shape),
  ];
}

/** `base` is the model this one extends, if any. */
export function emitModel(project: Project, printer: ShapePrinter, model: LocatedModel, base?: LocatedModel): string {
  const types = new ModelRefs(model.name);
  const shapes = new ShapeRefs({ model: model.name });
  const shape = printer.model(model.name, shapes, base?.name);
  const body = model.variants ? polymorphicStatements(model, types, shape) : structureStatements(model, base, types, shape);
  const runtimeTypes = model.variants ? ['PolymorphicShape'] : ['StructureShape'];
  const file = project.createSourceFile(`generated/models/${model.name}.ts`, {
    statements: [
      generatedHeader(`spec/${model.file} (model ${model.name})`),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../../src/core/shapes.js', isTypeOnly: true, namedImports: runtimeTypes },
      ...modelImports(types, shapes, 'models'),
      ...body,
    ],
  }, { overwrite: true });
  return separateDeclarations(file.getFullText());
}
