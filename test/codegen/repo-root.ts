/**
 * The checkout the generator tests read their scenarios, templates and spec from. The tests may be built into
 * dist/test/codegen/ or into a private folder outside the checkout, so look around both the build and the
 * working directory.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function ancestors(dir: string): string[] {
  const all = [dir];
  while (dirname(all.at(-1)!) !== all.at(-1)) all.push(dirname(all.at(-1)!));
  return all;
}

const isCheckout = (dir: string): boolean =>
  existsSync(join(dir, 'src', 'codegen', 'templates', 'api-group.hbs')) && existsSync(join(dir, 'spec', 'meta-schema.json'));

export const repoRoot: string = (() => {
  const candidates = [...ancestors(process.cwd()), ...ancestors(dirname(fileURLToPath(import.meta.url)))];
  const found = candidates.find(isCheckout);
  if (!found) throw new Error('generator tests: run them from the repository (no src/codegen/templates/ and spec/ found)');
  return found;
})();

export const templateDir = join(repoRoot, 'src', 'codegen', 'templates');
export const specDir = join(repoRoot, 'spec');
export const metaSchema = join(specDir, 'meta-schema.json');
