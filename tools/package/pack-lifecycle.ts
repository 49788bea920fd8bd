/**
 * The `npm pack` / `npm publish` lifecycle: what the tarball holds beyond the `files` list.
 *
 * - The published package.json has no `prepare` script. The repository keeps it so that its own `npm install`
 *   builds dist/ (the README's commands, and scripts that run dist/ without building, rely on it), but a consumer
 *   must not get it: npm warns about install scripts on every install of a package that has one. `prepack`
 *   (which npm runs before it reads the files into the tarball) saves package.json aside and writes it without
 *   the repository-only scripts; `postpack` puts the saved file back. A pack that died in between leaves the
 *   saved copy, which the next `prepack` restores first.
 * - Generated code ships without source maps: its JavaScript is tsc's line-for-line output of generated
 *   TypeScript, so a map would add 1.6 MB (maps and sources) to every install to show the same lines. `files`
 *   leaves out dist/generated's maps and `prepack` drops the comments that point at them (the next build writes
 *   them again), so no shipped file names a map that is not there. The emulator ships the same way: it is a
 *   tool a consumer runs, not code their stack traces go through, and its maps and sources (0.7 MB) would take
 *   the install past its 12 MB budget. The runtime a consumer calls (core, client, compat) keeps its maps and
 *   sources.
 *
 *   node dist/tools/package/pack-lifecycle.js prepack | postpack
 */
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Scripts that only make sense in a clone of the repository. */
export const repositoryOnlyScripts = ['prepare', 'prepack', 'postpack'];

const saved = (root: string): string => join(root, '.package.json.prepack');

/** The manifest a consumer installs: the repository's, without the scripts that run only in a clone. */
export function publishedManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const scripts = { ...(manifest['scripts'] as Record<string, string> | undefined) };
  for (const name of repositoryOnlyScripts) delete scripts[name];
  return { ...manifest, scripts };
}

function* jsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

/** Removes the `//# sourceMappingURL=` line tsc appends to each file of dist/generated. */
export function dropMapComments(dir: string): number {
  let count = 0;
  for (const file of jsFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const stripped = text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    if (stripped !== text) {
      writeFileSync(file, stripped);
      count += 1;
    }
  }
  return count;
}

export function prepack(root: string): void {
  postpack(root);
  const file = join(root, 'package.json');
  const text = readFileSync(file, 'utf8');
  writeFileSync(saved(root), text);
  writeFileSync(file, `${JSON.stringify(publishedManifest(JSON.parse(text) as Record<string, unknown>), null, 2)}\n`);
  dropMapComments(join(root, 'dist', 'generated'));
  dropMapComments(join(root, 'dist', 'src', 'emulator'));
}

export function postpack(root: string): void {
  if (existsSync(saved(root))) renameSync(saved(root), join(root, 'package.json'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2];
  if (command === 'prepack') prepack(process.cwd());
  else if (command === 'postpack') postpack(process.cwd());
  else {
    process.stderr.write('usage: pack-lifecycle.js prepack | postpack\n');
    process.exitCode = 2;
  }
}
