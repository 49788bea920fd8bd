/**
 * The sample programs of both documents (tools/examples/iaas-sample-en.cjs and tools/examples/iaas-sample-ko.cjs, read from
 * the repository's tools/examples/ folder, since tsc does not copy them) run unchanged but for the lines the files mark,
 * as child processes against the standalone emulator (dist/src/emulator/cli.js): each creates a hosted service and a
 * virtual machine deployment, polls the operation and prints Succeeded. The emulator's subscription holds a
 * storage account, where the facade puts the OS disk's blob (the samples name none).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { distRoot, runNode, scratchInstall } from './support.js';

const dir = scratchInstall('compat-samples-');
const started: ChildProcess[] = [];

after(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `node dist/src/emulator/cli.js --out <out>` and resolves once it has written its files. */
function startStandaloneEmulator(out: string): Promise<ChildProcess> {
  const cli = join(distRoot, 'src', 'emulator', 'cli.js');
  const args = [
    cli, '--port', '0', '--out', out, '--spec', resolve(process.cwd(), 'spec'), '--async-polls', '2',
    // The subscription of the samples, with a storage account for the virtual machine's disks.
    '--state', resolve(process.cwd(), 'tools', 'examples', 'emulator-state.json'),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('connection.json')) resolvePromise(child);
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}): ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
  });
}

async function runSample(t: TestContext, file: string): Promise<void> {
  const out = join(dir, `${file}-emulator`);
  const emulator = await startStandaloneEmulator(out);
  try {
    copyFileSync(resolve(process.cwd(), 'tools', 'examples', file), join(dir, file));
    const started = Date.now();
    const result = await runNode([file], {
      cwd: dir,
      env: { ASM_EMULATOR_DIR: out, NODE_EXTRA_CA_CERTS: join(out, 'ca.pem'), POLL_PERIOD_MS: '50' },
    });
    if (/Error Code=NotImplemented/.test(result.stdout)) {
      t.skip(`the emulator does not implement an operation the sample uses yet: ${result.stdout.trim()}`);
      return;
    }
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    // "Polling", a dot per InProgress answer, then the final status and its HTTP status.
    assert.match(result.stdout, /^Polling\.+Succeeded\nHTTP Status: 200\n$/);
    // Nothing keeps the program alive once it is done (keep-alive connections do not hold the event loop).
    assert.ok(Date.now() - started < 15_000, 'the sample exits when it is done');
  } finally {
    await stop(emulator);
  }
}

test('the English document\'s sample prints Succeeded after polling', async (t) => {
  await runSample(t, 'iaas-sample-en.cjs');
});

test('the Korean document\'s sample prints Succeeded after polling', async (t) => {
  await runSample(t, 'iaas-sample-ko.cjs');
});
