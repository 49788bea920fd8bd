/** What differs between the files the spec produces and the files on disk. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The folders the generator owns: any file in them that it does not produce is stale and removed. */
export const outputDirs = ['generated', 'docs/api'];

export interface Drift {
  stale: string[];
  missing: string[];
  extra: string[];
}

function listFiles(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
      .sort();
  } catch {
    return [];
  }
}

export function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Compares wanted files (paths from `root`) with what is on disk under `root`. */
export function findDrift(root: string, files: Map<string, string>, dirs: string[] = outputDirs): Drift {
  const drift: Drift = { stale: [], missing: [], extra: [] };
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const current = readOrUndefined(join(root, path));
    if (current === undefined) drift.missing.push(path);
    else if (current !== text) drift.stale.push(path);
  }
  for (const dir of dirs) for (const path of listFiles(root, dir)) if (!files.has(path)) drift.extra.push(path);
  return drift;
}

export function driftCount(drift: Drift): number {
  return drift.stale.length + drift.missing.length + drift.extra.length;
}
