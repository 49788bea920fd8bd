/**
 * The recorded traffic of the live service (../shared/wire-corpus, or ASM_WIRE_CORPUS): one JSON file per
 * recorded test with its interactions in order. The corpus is not shipped with the package, so the tests that
 * read it skip, saying why, where it is absent.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export interface Interaction {
  method: string;
  /** After the host, query included. */
  path: string;
  requestHeaders: Record<string, string> | null;
  requestBody: string | null;
  status: number;
  responseHeaders: Record<string, string> | null;
  responseBody: string;
}

export interface Recording {
  /** Path under the corpus folder, e.g. python/test_x.json. */
  name: string;
  interactions: Interaction[];
}

/** The corpus folder, or undefined when this checkout has none. */
export function corpusDir(): string | undefined {
  const dir = resolve(process.env['ASM_WIRE_CORPUS'] ?? join(process.cwd(), '..', 'shared', 'wire-corpus'));
  return existsSync(dir) ? dir : undefined;
}

/** Why a corpus test does not run, for its skip message. */
export function missingCorpusReason(): string {
  return 'the recorded wire corpus (../shared/wire-corpus, or ASM_WIRE_CORPUS) is not present in this checkout';
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return entry.endsWith('.json') ? [path] : [];
  });
}

/** Every recording of one client's folder (python, xplat-cli), in file order. */
export function recordings(corpus: string, client: string): Recording[] {
  return jsonFiles(join(corpus, client)).map((file) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { interactions: Interaction[] };
    return { name: relative(corpus, file), interactions: json.interactions };
  });
}

/** A header of a recorded request or response, by name in any case. */
export function headerOf(headers: Record<string, string> | null, name: string): string | undefined {
  if (headers === null) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** The recordings' subscription id: zeros, as the corpus replaced the real ones. */
export const RECORDED_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/** Writes a run's full figures as JSON to $ASM_FAITHFULNESS_REPORT.<client>.json, when that is set (for reports). */
export function writeReport(client: string, figures: object): void {
  const base = process.env['ASM_FAITHFULNESS_REPORT'];
  if (base === undefined) return;
  const plain = JSON.stringify(figures, (_key, value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value), 2);
  writeFileSync(`${base}.${client}.json`, plain);
}
