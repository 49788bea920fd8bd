/**
 * npm run generate            — writes generated/ from spec/
 * npm run generate -- --check — exits 1, naming the files, when generated/ differs from what spec/ produces
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecError, loadSpec } from '../spec/load.js';
import { generate } from './generate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function listFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
  return entries.map((f) => relative(root, f).split('\\').join('/')).sort();
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export interface Drift {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** Compares wanted files with what is under generated/ (and any other output folder the files name). */
export function findDrift(files: Map<string, string>, outputDirs: string[]): Drift {
  const drift: Drift = { stale: [], missing: [], extra: [] };
  for (const [path, text] of files) {
    const current = readOrUndefined(join(root, path));
    if (current === undefined) drift.missing.push(path);
    else if (current !== text) drift.stale.push(path);
  }
  for (const dir of outputDirs) for (const path of listFiles(join(root, dir))) if (!files.has(path)) drift.extra.push(path);
  return drift;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const started = performance.now();
  let spec;
  try {
    spec = loadSpec();
  } catch (err) {
    if (err instanceof SpecError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const files = generate(spec);
  const outputDirs = [...new Set([...files.keys()].map((p) => p.split('/')[0]!))];
  const drift = findDrift(files, outputDirs);
  const changed = drift.stale.length + drift.missing.length + drift.extra.length;
  const elapsed = Math.round(performance.now() - started);
  if (check) {
    if (changed === 0) {
      process.stdout.write(`generate --check: ${files.size} files up to date with spec/ (${elapsed} ms)\n`);
      return 0;
    }
    const lines = [
      ...drift.stale.map((p) => `  stale:   ${p}`),
      ...drift.missing.map((p) => `  missing: ${p}`),
      ...drift.extra.map((p) => `  extra:   ${p}`),
    ];
    process.stderr.write(`generate --check: generated files differ from spec/ — run \`npm run generate\`:\n${lines.join('\n')}\n`);
    return 1;
  }
  for (const path of [...drift.stale, ...drift.missing]) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), files.get(path)!);
  }
  for (const path of drift.extra) rmSync(join(root, path));
  process.stdout.write(`generate: ${spec.operations.length} operations, ${spec.models.size} models -> ${files.size} files (${changed} changed) in ${elapsed} ms\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
