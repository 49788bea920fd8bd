/**
 * `npm run reliability`: runs every suite (or those named) in its own child process with a hard time limit,
 * prints each suite's figures, failures and notes, and exits non-zero when any rule was broken or a suite
 * crashed or hung. Options: --seed N (default 1), --sample (the short runs), --case N (replay one fuzz case),
 * and suite names (fuzz, faults, inputs, secrets, tls, attack, load).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPORT_MARKER } from './run-suite.js';
import type { SuiteReport } from './report.js';
import { SUITE_NAMES } from './suites.js';

/** A suite still running after this is a hang. */
const SUITE_LIMIT_MS = 20 * 60_000;

interface Args {
  seed: number;
  scale: 'full' | 'sample';
  only?: number;
  suites: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seed: 1, scale: 'full', suites: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--seed') args.seed = Number(argv[++i]);
    else if (arg === '--sample') args.scale = 'sample';
    else if (arg === '--case') args.only = Number(argv[++i]);
    else if (SUITE_NAMES.includes(arg)) args.suites.push(arg);
    else throw new Error(`unknown argument ${arg} (suites: ${SUITE_NAMES.join(', ')})`);
  }
  if (args.suites.length === 0) args.suites = [...SUITE_NAMES];
  return args;
}

/** Runs a suite in a child (with --expose-gc, for the memory figures); a crash or timeout becomes a failure. */
function runChild(name: string, args: Args): Promise<SuiteReport> {
  const script = fileURLToPath(new URL('./run-suite.js', import.meta.url));
  const argv = ['--expose-gc', script, name, args.scale, String(args.seed), ...(args.only === undefined ? [] : [String(args.only)])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
    const timer = setTimeout(() => child.kill('SIGKILL'), SUITE_LIMIT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(REPORT_MARKER));
      if (line) return resolve(JSON.parse(line.slice(REPORT_MARKER.length)) as SuiteReport);
      const why = signal === 'SIGKILL' ? `hung: killed after ${SUITE_LIMIT_MS / 60_000} minutes` : `crashed (exit ${code}, signal ${signal})`;
      resolve({ suite: name, figures: [], failures: [`${why}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`], notes: [] });
    });
  });
}

function print(report: SuiteReport, ms: number): void {
  const verdict = report.failures.length === 0 ? 'PASS' : `FAIL (${report.failures.length} listed)`;
  console.log(`\n== ${report.suite} — ${verdict} — ${Math.round(ms / 1000)} s`);
  const width = Math.max(0, ...report.figures.map(([k]) => k.length));
  for (const [key, value] of report.figures) console.log(`  ${key.padEnd(width)}  ${value}`);
  if (report.failures.length > 0) console.log('  failures:');
  for (const failure of report.failures) console.log(`   - ${failure}`);
  if (report.notes.length > 0) console.log('  notes:');
  for (const note of report.notes) console.log(`   - ${note}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(`reliability: suites ${args.suites.join(', ')}; seed ${args.seed}; ${args.scale} scale; node ${process.version}`);
  let failed = 0;
  for (const name of args.suites) {
    const started = performance.now();
    const report = await runChild(name, args);
    print(report, performance.now() - started);
    if (report.failures.length > 0) failed++;
  }
  console.log(`\n${args.suites.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
