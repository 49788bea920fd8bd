/** One file per model: its TypeScript type and its shape (the wire layout the runtime reads). */
import { StructureKind, type Project, type StatementStructures } from 'ts-morph';
import type { LocatedModel } from '../core/spec-load.js';
import { constStatement, generatedHeader, separateDeclarations } from './file-header.js';
import { memberKey, quote, shapeName } from './names.js';
import { ModelRefs, memberShape, propertyType } from './typescript-types.js';

export function modelImports(refs: ModelRefs, fromDir: 'models' | 'operations'): StatementStructures[] {
  const prefix = fromDir === 'models' ? './' : '../models/';
  return [...refs.names].sort().map((name) => ({
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: `${prefix}${name}.js`,
    namedImports: [shapeName(name), { name, isTypeOnly: true }],
  }));
}

function structureStatements(model: LocatedModel, base: LocatedModel | undefined, refs: ModelRefs): Array<string | StatementStructures> {
  // A model that extends another declares only what it adds; its shape spreads the base's members first.
  const own = (model.properties ?? []).slice(base?.properties?.length ?? 0);
  const properties = own.map((p) => ({
    name: memberKey(p.name),
    type: propertyType(p, refs),
    // A variant's discriminator selects it, so the caller must give it; other constants are filled in.
    hasQuestionToken: p.const !== undefined ? p.const !== model.discriminatorValue : !p.required,
    docs: p.doc ? [{ description: p.doc + (p.secret ? ' Secret: never logged.' : '') }] : [],
  }));
  const members = [
    ...(base ? [`    ...${shapeName(refs.add(base.name))}.members,`] : []),
    ...own.map((p) => `    ${memberShape(p, refs)},`),
  ].join('\n');
  const extras = [
    model.namespace !== undefined ? `  namespace: ${quote(model.namespace)},\n` : '',
    model.discriminatorValue !== undefined ? `  discriminatorValue: ${quote(model.discriminatorValue)},\n` : '',
    model.typeName !== undefined ? `  typeName: ${quote(model.typeName)},\n` : '',
  ].join('');
  return [
    { kind: StructureKind.Interface, name: model.name, isExported: true, docs: [{ description: model.doc }], extends: base ? [base.name] : [], properties },
    constStatement(`Wire layout of {@link ${model.name}}, in element order.`, shapeName(model.name), 'StructureShape',
      `{\n  name: ${quote(model.name)},\n${extras}  members: [\n${members}\n  ],\n}`),
  ];
}

function polymorphicStatements(model: LocatedModel, refs: ModelRefs): Array<string | StatementStructures> {
  const variants = model.variants!.map((v) => refs.add(v));
  return [
    { kind: StructureKind.TypeAlias, name: model.name, isExported: true, docs: [{ description: `${model.doc}\n\nOne of its kinds, selected by \`${model.discriminator}\`.` }], type: variants.join(' | ') },
    constStatement(`Wire layout of {@link ${model.name}}: the variant is chosen by ${model.discriminator}.`, shapeName(model.name), 'PolymorphicShape',
      `{\n  name: ${quote(model.name)},\n  discriminator: ${quote(model.discriminator!)},\n  variants: () => [${variants.map(shapeName).join(', ')}],\n}`),
  ];
}

/** `base` is the model this one extends, if any. */
export function emitModel(project: Project, model: LocatedModel, base?: LocatedModel): string {
  const refs = new ModelRefs(model.name);
  const body = model.variants ? polymorphicStatements(model, refs) : structureStatements(model, base, refs);
  const runtimeTypes = model.variants ? ['PolymorphicShape'] : ['StructureShape'];
  const file = project.createSourceFile(`generated/models/${model.name}.ts`, {
    statements: [
      generatedHeader(`spec/${model.file} (model ${model.name})`),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../../src/core/shapes.js', isTypeOnly: true, namedImports: runtimeTypes },
      ...modelImports(refs, 'models'),
      ...body,
    ],
  }, { overwrite: true });
  return separateDeclarations(file.getFullText());
}
