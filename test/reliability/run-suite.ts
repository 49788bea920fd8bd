/**
 * Runs one suite in this process and prints its report as the last line of stdout (JSON, after a marker), for
 * main.ts, which runs each suite in a child process so that a crash or hang in one is reported, not fatal.
 * Usage: node dist/test/reliability/run-suite.js <suite> <full|sample> <seed> [case]
 */
import { SUITES, type Scale } from './suites.js';

export const REPORT_MARKER = '@@reliability-report@@';

async function main(): Promise<void> {
  const [name = '', scale = 'full', seed = '1', only] = process.argv.slice(2);
  const suite = SUITES[name];
  if (suite === undefined) throw new Error(`unknown suite ${name}`);
  const report = await suite({ scale: scale as Scale, seed: Number(seed), ...(only === undefined ? {} : { onlyCase: Number(only) }) });
  process.stdout.write(`\n${REPORT_MARKER}${JSON.stringify(report)}\n`);
}

// Imported by main.ts for the marker only; it runs a suite when started as a script.
if (process.argv[1]?.endsWith('run-suite.js')) {
  main().then(() => process.exit(0), (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
