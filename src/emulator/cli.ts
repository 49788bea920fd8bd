/**
 * Runs the emulator as a process, for other clients (the old npm SDKs, curl) to talk to:
 *
 *   node dist/src/emulator/cli.js [--port <p>] [--out <dir>] [--state <file.json>] [--async-polls <n>]
 *                             [--async-delay-ms <ms>] [--spec <dir>] [--subscription <id>]
 *                             [--faults <spec>] [--fault-seed <n>] [--data <dir>] [--strict-order] [--verbose]
 *
 * Writes into <dir> what a client needs: ca.pem (CA to trust), management-key.pem and management-cert.pem (a
 * management certificate registered for the subscription), subscription-id.txt, connection.json and
 * emulator.publishsettings (the same certificate as PKCS#12, for the classic CLI and PowerShell); then
 * serves until SIGINT or SIGTERM. Asynchronous operations complete 20 ms after they start (--async-delay-ms
 * changes the delay); --async-polls <n> makes them complete after n status polls instead (deterministic, for
 * tests; an operation nobody polls then holds its resource). --faults injects faults (see fault-spec.ts), e.g.
 * --faults "ListHostedServices=503x2,*=delay:200x*~0.1" --fault-seed 7. --data <dir> keeps the state on disk
 * (persistence.ts): a restarted emulator with the same folder has its resources, CA and management certificate.
 * Without it the state is in memory only, so that each run starts from the same known state.
 * --strict-order refuses a body with an element out of the contract's order (400) instead of skipping the
 * element as the service did.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, type EmulatorOptions } from './server.js';
import { parseFaultSpec } from './fault-spec.js';
import { readSnapshotFile } from './state-snapshot.js';
import { publishSettingsFor } from './publish-settings.js';

const USAGE = 'usage: asm-sdk emulator (or node dist/src/emulator/cli.js) [--port <p>] [--out <dir>] [--state <file.json>] [--async-polls <n>] [--async-delay-ms <ms>] [--spec <dir>] [--subscription <id>] [--faults <spec>] [--fault-seed <n>] [--data <dir>] [--strict-order] [--verbose]';

function integer(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

function optionsFrom(values: Record<string, string | boolean | undefined>): EmulatorOptions {
  const str = (name: string) => values[name] as string | undefined;
  const options: EmulatorOptions = {};
  const port = integer(str('port'), 'port');
  const polls = integer(str('async-polls'), 'async-polls');
  const delay = integer(str('async-delay-ms'), 'async-delay-ms');
  if (port !== undefined) options.port = port;
  if (polls !== undefined) options.asyncPolls = polls;
  if (delay !== undefined) options.asyncDelayMs = delay;
  if (str('spec') !== undefined) options.specDir = resolve(str('spec')!);
  if (str('state') !== undefined) options.state = readSnapshotFile(resolve(str('state')!));
  if (str('subscription') !== undefined) options.subscriptionId = str('subscription')!;
  if (str('data') !== undefined) options.dataDir = resolve(str('data')!);
  if (str('faults') !== undefined) options.faults = parseFaultSpec(str('faults')!);
  const seed = integer(str('fault-seed'), 'fault-seed');
  if (seed !== undefined) options.faultSeed = seed;
  if (values['strict-order'] === true) options.strictOrder = true;
  if (values['verbose'] === true) options.log = (line) => process.stderr.write(`${line}\n`);
  return options;
}

/** Starts the emulator with these arguments and serves until SIGINT or SIGTERM (what `asm-sdk emulator` runs). */
export async function runEmulatorCli(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' }, out: { type: 'string' }, state: { type: 'string' }, 'async-polls': { type: 'string' },
      'async-delay-ms': { type: 'string' }, spec: { type: 'string' }, subscription: { type: 'string' },
      faults: { type: 'string' }, 'fault-seed': { type: 'string' }, data: { type: 'string' },
      'strict-order': { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const out = resolve(values.out ?? 'emulator-out');
  const options = optionsFrom(values);
  const emulator = await startEmulator(options);
  mkdirSync(out, { recursive: true });
  const files = {
    ca: join(out, 'ca.pem'),
    key: join(out, 'management-key.pem'),
    cert: join(out, 'management-cert.pem'),
    subscriptionId: join(out, 'subscription-id.txt'),
    connection: join(out, 'connection.json'),
    publishSettings: join(out, 'emulator.publishsettings'),
  };
  writeFileSync(files.ca, emulator.caCert);
  // The private key is readable by its owner only.
  writeFileSync(files.key, emulator.clientCert.key, { mode: 0o600 });
  writeFileSync(files.cert, emulator.clientCert.cert);
  writeFileSync(files.subscriptionId, `${emulator.subscriptionId}\n`);
  const connection = {
    url: emulator.url, host: emulator.host, port: emulator.port, subscriptionId: emulator.subscriptionId,
    thumbprint: emulator.clientCert.thumbprint, caFile: files.ca, keyFile: files.key, certFile: files.cert,
  };
  writeFileSync(files.connection, `${JSON.stringify(connection, null, 2)}\n`);
  // What `azure account import` (classic CLI) and Import-AzurePublishSettingsFile read; it holds the private key.
  writeFileSync(files.publishSettings, publishSettingsFor(emulator), { mode: 0o600 });
  process.stdout.write([
    `ASM emulator listening on ${emulator.url}`,
    ...(options.faults === undefined ? [] : [`injecting faults: ${options.faults.length} rule(s)`]),
    ...(emulator.store === undefined ? [] : [`state kept in ${emulator.store.file}`]),
    `subscription: ${emulator.subscriptionId}`,
    `wrote ${files.ca} (CA to trust), ${files.key}, ${files.cert} (management certificate ${emulator.clientCert.thumbprint}),`,
    `      ${files.subscriptionId}, ${files.connection}, ${files.publishSettings} (for azure account import)`,
    '',
  ].join('\n'));

  const stop = (signal: string) => {
    process.stdout.write(`received ${signal}, stopping\n`);
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** Run as a script (`npm run emulator`), not when imported by the package's command line. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runEmulatorCli(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(1);
  });
}
