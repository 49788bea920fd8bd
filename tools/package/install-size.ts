/** How much a consumer's node_modules holds: apparent size (`du -s --apparent-size`) and the number of packages. */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface InstallSize {
  /** Bytes, as `du -s --apparent-size --block-size=1` reports them. */
  apparentBytes: number;
  packages: number;
}

export function installSize(nodeModules: string): InstallSize {
  const out = execFileSync('du', ['-s', '--apparent-size', '--block-size=1', nodeModules], { encoding: 'utf8' });
  return { apparentBytes: Number(out.split(/\s/)[0]), packages: countPackages(nodeModules) };
}

/** Every folder holding a package under node_modules (scoped ones and nested node_modules included). */
function countPackages(nodeModules: string): number {
  let count = 0;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = join(nodeModules, entry.name);
    const packages = entry.name.startsWith('@') ? readdirSync(dir).map((n) => join(dir, n)) : [dir];
    for (const pkg of packages) {
      count += 1;
      const nested = join(pkg, 'node_modules');
      try {
        count += countPackages(nested);
      } catch {
        // no nested node_modules
      }
    }
  }
  return count;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
