/**
 * The `npm run generate` command: load the spec, generate, report the API changes, then write generated/ and
 * docs/api/ — or, with --check, only tell which files are stale. The report compares with the surface committed
 * on the base (`--base <ref>`, ASM_API_BASE, origin/main or main: surface-base.ts). Every path is injectable so
 * that tests can run it on a copy of the repository from any build folder.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecError, loadSpec } from '../core/spec-load.js';
import { changesPath, reportLines } from './change-report.js';
import { driftCount, findDrift, readOrUndefined } from './drift.js';
import { formatFiles } from './format.js';
import { emitWithReport } from './generate.js';
import { surfacePath } from './surface-file.js';
import { BaseError, baseArgument, baseSurface } from './surface-base.js';

/** The checkout this build belongs to, seen from dist/src/codegen/. */
export const defaultRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunOptions {
  /** Repository root: generated/ and docs/api/ are written below it. */
  root?: string;
  specDir?: string;
  templateDir?: string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Environment for ASM_API_BASE; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Runs the command; resolves to the exit code. */
export async function run(argv: string[], options: RunOptions = {}): Promise<number> {
  const root = options.root ?? defaultRoot;
  const out = options.stdout ?? ((text: string) => process.stdout.write(text));
  const err = options.stderr ?? ((text: string) => process.stderr.write(text));
  const check = argv.includes('--check');
  const started = performance.now();
  let spec;
  try {
    spec = loadSpec(options.specDir ?? join(root, 'spec'));
  } catch (e) {
    if (e instanceof SpecError) {
      err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const loaded = performance.now();
  let base;
  try {
    if (argv.includes('--base') && argv[argv.indexOf('--base') + 1] === undefined) throw new BaseError('--base needs a branch, tag or commit');
    base = baseSurface(root, baseArgument(argv, options.env));
  } catch (e) {
    if (e instanceof BaseError) {
      err(`generate: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const previous = { surface: base.text, changes: readOrUndefined(join(root, changesPath)), base: base.label };
  const emitted = emitWithReport(spec, { templateDir: options.templateDir ?? join(root, 'src', 'codegen', 'templates'), previous });
  const generated = performance.now();
  const files = await formatFiles(emitted.files);
  const { report } = emitted;
  const formatted = performance.now();
  const drift = findDrift(root, files);
  const changed = driftCount(drift);
  const timing = () => `load ${ms(loaded - started)}, generate ${ms(generated - loaded)}, format ${ms(formatted - generated)}, total ${ms(performance.now() - started)}`;

  if (check) {
    if (changed === 0) {
      out(`generate --check: ${files.size} files up to date with spec/ (${timing()})\n`);
      return 0;
    }
    const lines = [
      ...drift.stale.map((p) => `  stale:   ${p}`),
      ...drift.missing.map((p) => `  missing: ${p}`),
      ...drift.extra.map((p) => `  extra:   ${p}`),
    ];
    err(`generate --check: generated files differ from spec/ — run \`npm run generate\`:\n${lines.join('\n')}\n`);
    if (drift.stale.includes(surfacePath) || drift.missing.includes(surfacePath)) err(`${reportLines(report).join('\n')}\n`);
    return 1;
  }
  for (const path of [...drift.stale, ...drift.missing]) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), files.get(path)!);
  }
  for (const path of drift.extra) rmSync(join(root, path));
  out(`${reportLines(report).join('\n')}\n`);
  out(`generate: ${spec.operations.length} operations, ${spec.models.size} models -> ${files.size} files (${changed} changed) in ${timing()}\n`);
  return 0;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
