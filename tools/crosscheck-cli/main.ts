/**
 * `npm run crosscheck:cli`: the classic Azure CLI (azure-cli 0.10.20) against the in-process emulator, one line
 * per command, a summary table, and a static comparison of every body it sent with our spec. It only measures:
 * exit 0 whatever it finds.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { shapesFromSpec } from '../../src/core/shapes-from-spec.js';
import { startEmulator } from '../../src/emulator/index.js';
import { publishSettingsFor } from '../../src/emulator/publish-settings.js';
import { compare } from '../crosscheck/compare.js';
import { printComparison } from '../crosscheck/report.js';
import type { CapturedBody } from '../crosscheck/capture.js';
import type { MethodInfo } from '../crosscheck/clients.js';
import { ensureCli } from './install.js';
import { classify, operationsOf, outcomeLine, summaryTable, type StepResult } from './outcome.js';
import { runCli, type CliEnvironment } from './run-cli.js';
import { scenario } from './scenario.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The CLI reads the Active Directory fields of every environment before any command, even with a certificate;
 * they get the public cloud's values, never contacted here (all traffic goes to the management endpoint).
 */
function envAdd(url: string): string[] {
  return ['account', 'env', 'add', 'AsmEmulator', '--management-endpoint-url', url,
    '--active-directory-endpoint-url', 'https://login.microsoftonline.com', '--active-directory-resource-id', 'https://management.core.windows.net/',
    '--resource-manager-endpoint-url', 'https://management.azure.com/', '--storage-endpoint-suffix', '.core.windows.net'];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, verbose: { type: 'boolean' } } });
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy']) delete process.env[name];
  const script = ensureCli(join(root, '.cache', 'crosscheck-cli'));
  const emulator = await startEmulator({ asyncDelayMs: 20 });
  const work = mkdtempSync(join(tmpdir(), 'crosscheck-cli-'));
  try {
    const home = join(work, 'home');
    mkdirSync(join(home, '.azure'), { recursive: true });
    writeFileSync(join(home, '.azure', 'telemetry.json'), '{"telemetry":false}\n');
    const caFile = join(work, 'ca.pem');
    writeFileSync(caFile, emulator.caCert);
    const settings = join(work, 'emulator.publishsettings');
    writeFileSync(settings, publishSettingsFor(emulator), { mode: 0o600 });
    const env: CliEnvironment = { script, home, caFile };
    // account import finds the subscription's environment by its management endpoint: one for the emulator first.
    const setup = [['config', 'mode', 'asm'], envAdd(emulator.url), ['account', 'import', settings]];
    for (const args of setup) {
      const run = await runCli(env, args);
      if (run.exitCode !== 0) throw new Error(`azure ${args.join(' ')} failed:\n${run.output}`);
    }
    const customData = join(work, 'custom-data.txt');
    writeFileSync(customData, '#cloud-config\nruncmd: [echo crosscheck]\n');
    const exportFile = join(work, 'clixvm1-export.json');
    const steps = scenario(customData).map((s) => ({ ...s, args: s.args.map((a) => (a === 'EXPORT_FILE' ? exportFile : a)) })).filter((s) => values.only === undefined || values.only.split(',').includes(s.family));
    const results: StepResult[] = [];
    for (const step of steps) {
      const before = emulator.requests.length === 0 ? undefined : emulator.requests[emulator.requests.length - 1];
      const started = Date.now();
      const run = await runCli(env, step.args, 90_000);
      const all = emulator.requests;
      const seen = before === undefined ? all.slice() : all.slice(all.indexOf(before) + 1);
      const result: StepResult = { step, outcome: classify(step, run.exitCode, run.output, seen), operations: operationsOf(seen) };
      results.push(result);
      process.stdout.write(`${outcomeLine(result)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      if (values.verbose === true) process.stdout.write(`    ${result.operations.join(', ')}\n${run.output}\n`);
    }
    process.stdout.write(`\n${summaryTable(results)}\n\n`);
    staticComparison(emulator);
  } finally {
    await emulator.close();
    if (process.env["CROSSCHECK_CLI_KEEP"] === undefined) rmSync(work, { recursive: true, force: true });
  }
}

/** Every XML body the CLI sent, walked beside our spec's model (the same comparison as tools/crosscheck). */
function staticComparison(emulator: Awaited<ReturnType<typeof startEmulator>>): void {
  const bodies: CapturedBody[] = emulator.requests
    .filter((r) => r.body.trim().startsWith('<'))
    // No generated method to read accepted statuses from (source ''): only the bodies are compared.
    .map((r) => ({ name: `${r.method} ${r.url.split('?')[0]}`, method: { source: '' } as MethodInfo, verb: r.method, url: `${emulator.url}${r.url}`, body: r.body }));
  const spec = emulator.spec;
  const comparison = compare(bodies, shapesFromSpec(spec).operations, [], (model) => spec.models.get(model)?.doc);
  printComparison(comparison, (line) => process.stdout.write(`${line}\n`));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 0;
});
