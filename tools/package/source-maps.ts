/** Every source map of an installed package points at sources the package holds. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface MapCheck {
  maps: number;
  sources: number;
  /** `map -> source` for each source that is not in the package, and `file -> map` for each map comment that names no file. */
  missing: string[];
}

function* filesUnder(dir: string, suffix: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') yield* filesUnder(path, suffix);
    else if (entry.name.endsWith(suffix)) yield path;
  }
}

/** Each `//# sourceMappingURL=` comment of a script names a map the package holds (bundlers warn otherwise). */
function checkMapComments(packageDir: string, result: MapCheck): void {
  for (const suffix of ['.js', '.cjs']) {
    for (const file of filesUnder(packageDir, suffix)) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, 'utf8'))?.[1];
      if (url !== undefined && !url.startsWith('data:') && !existsSync(resolve(dirname(file), url))) result.missing.push(`${relative(packageDir, file)} -> ${url}`);
    }
  }
}

export function checkSourceMaps(packageDir: string): MapCheck {
  const result: MapCheck = { maps: 0, sources: 0, missing: [] };
  for (const map of filesUnder(packageDir, '.map')) {
    const { sources, sourceRoot, sourcesContent } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[]; sourceRoot?: string; sourcesContent?: unknown[] };
    result.maps += 1;
    sources.forEach((source, i) => {
      result.sources += 1;
      const path = resolve(dirname(map), sourceRoot ?? '', source);
      const inside = !relative(packageDir, path).startsWith('..');
      if (sourcesContent?.[i] == null && (!inside || !existsSync(path))) result.missing.push(`${relative(packageDir, map)} -> ${source}`);
    });
  }
  checkMapComments(packageDir, result);
  return result;
}
