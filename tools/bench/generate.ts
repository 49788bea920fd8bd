/**
 * What formatting costs the generator: the whole spec emitted (ts-morph and the shape printer), against the same
 * emitted and then formatted by Prettier, as `npm run generate` does.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../src/core/spec-load.js';
import { emitWithReport, generateWithReport } from '../../src/codegen/generate.js';
import { fmt, timeIt } from './measure.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export async function benchGenerate(): Promise<string[]> {
  const spec = loadSpec(join(root, 'spec'));
  const options = { templateDir: join(root, 'src', 'codegen', 'templates') };
  const files = emitWithReport(spec, options).files.size;
  const emitted = await timeIt(() => emitWithReport(spec, options), 5, 1);
  const formatted = await timeIt(() => generateWithReport(spec, options), 5, 1);
  return [
    `generate: ${files} files — emitted ${fmt(emitted)} (baseline); emitted and formatted ${fmt(formatted)}: ${(formatted / emitted).toFixed(2)}× the baseline`,
  ];
}
