/**
 * The asm-sdk command line, run as a process: validate's exit codes and --json, operations, and call --wait
 * against the emulator over HTTPS with the management certificate taken from the environment.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '../../src/emulator/index.js';
import { startTestEmulator } from '../support/emulator.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'asm-cli-'));
let emulator: Emulator;

interface Run { code: number | null; stdout: string; stderr: string }

function run(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...options.env }, cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const NS = 'xmlns="http://schemas.microsoft.com/windowsazure"';
const label = Buffer.from('svc').toString('base64');
const valid = `<CreateHostedService ${NS}><ServiceName>svc-1</ServiceName><Label>${label}</Label><Location>West US</Location></CreateHostedService>`;
const both = `<CreateHostedService ${NS}><ServiceName>svc-1</ServiceName><Label>${label}</Label><Location>West US</Location><AffinityGroup>ag</AffinityGroup></CreateHostedService>`;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 2 });
  writeFileSync(join(dir, 'key.pem'), emulator.clientCert.key, { mode: 0o600 });
  writeFileSync(join(dir, 'cert.pem'), emulator.clientCert.cert);
  writeFileSync(join(dir, 'ca.pem'), emulator.caCert);
  writeFileSync(join(dir, 'valid.xml'), valid);
});
after(() => emulator.close());

test('validate exits 0 for a valid document, 1 with "path: rule (message)" lines for an invalid one', async () => {
  const ok = await run(['validate', 'CreateHostedService', 'valid.xml']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, '');
  const bad = await run(['validate', 'CreateHostedService', '-'], { stdin: both });
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout.trim(), 'CreateHostedService: exactlyOne (exactly one of Location, AffinityGroup must be given)');
});

test('validate --json prints the result for machines; --as input checks a typed input', async () => {
  const result = await run(['validate', 'CreateHostedService', '-', '--json'], { stdin: both });
  assert.equal(result.code, 1);
  const parsed = JSON.parse(result.stdout) as { valid: boolean; issues: Array<{ path: string; rule: string }> };
  assert.equal(parsed.valid, false);
  assert.deepEqual(parsed.issues.map((i) => `${i.path}: ${i.rule}`), ['CreateHostedService: exactlyOne']);
  const input = await run(['validate', 'AddDataDisk', '-', '--as', 'input', '--json'], { stdin: JSON.stringify({ ServiceName: 's', DeploymentName: 'd', RoleName: 'r', Lun: 99, HostCaching: 'Sometimes' }) });
  assert.equal(input.code, 1);
  assert.deepEqual((JSON.parse(input.stdout) as { issues: Array<{ path: string; rule: string }> }).issues.map((i) => `${i.path}: ${i.rule}`).sort(), ['HostCaching: enum', 'Lun: maximum']);
});

test('usage errors and unreadable input exit 2 naming the argument and the rule', async () => {
  const unknown = await run(['validate', 'NoSuchOperation', 'valid.xml']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /<Operation>: NoSuchOperation is not an operation of the spec/);
  const missing = await run(['validate', 'CreateHostedService', 'absent.xml']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read absent\.xml: ENOENT/);
  const as = await run(['validate', 'CreateHostedService', 'valid.xml', '--as', 'reply']);
  assert.equal(as.code, 2);
  assert.match(as.stderr, /--as must be one of request, response, input, got "reply"/);
  const option = await run(['validate', 'CreateHostedService', 'valid.xml', '--colour']);
  assert.equal(option.code, 2);
  const help = await run(['call', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /usage: asm-sdk call <Operation>/);
});

test('operations lists verb, path and whether each operation is asynchronous', async () => {
  const result = await run(['operations', 'hostedservice']);
  assert.equal(result.code, 0);
  const line = result.stdout.split('\n').find((l) => l.startsWith('DeleteHostedService '));
  assert.match(line ?? '', /^DeleteHostedService\s+DELETE\s+\/\{subscriptionId\}\/services\/hostedservices\/\{ServiceName\}\s+async$/);
  assert.match(result.stdout, /^CreateHostedService\s+POST\s+\S+\s+sync$/m);
  assert.ok(!result.stdout.includes('ListLocations'));
});

test('call sends an operation with credentials from the environment and, with --wait, shows progress until it completes', async () => {
  const env = {
    CLIENT_AUTH_KEYFILE: 'key.pem', CLIENT_AUTH_CERTFILE: 'cert.pem',
    AZURE_SUBSCRIPTION_ID: emulator.subscriptionId, AZURE_MANAGEMENT_ENDPOINT: emulator.url,
  };
  writeFileSync(join(dir, 'create.json'), JSON.stringify({ ServiceName: 'cli-svc', Label: 'From the CLI', Location: 'West US' }));
  const created = await run(['call', 'CreateHostedService', '--input', 'create.json', '--ca', 'ca.pem'], { env });
  assert.equal(created.code, 0, created.stderr);
  const got = await run(['call', 'GetHostedService', '--input', '-', '--ca', 'ca.pem'], { env, stdin: JSON.stringify({ ServiceName: 'cli-svc' }) });
  assert.equal(got.code, 0, got.stderr);
  assert.equal((JSON.parse(got.stdout) as { HostedServiceProperties: { Label: string } }).HostedServiceProperties.Label, 'From the CLI');
  writeFileSync(join(dir, 'delete.json'), JSON.stringify({ ServiceName: 'cli-svc', DeleteAllMedia: true }));
  writeFileSync(join(dir, 'get.json'), JSON.stringify({ ServiceName: 'cli-svc' }));
  const deleted = await run(['call', 'DeleteHostedService', '--input', 'delete.json', '--wait', '--ca', 'ca.pem'], { env });
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal((JSON.parse(deleted.stdout) as { status: string }).status, 'Succeeded');
  assert.match(deleted.stderr, /DeleteHostedService [0-9a-f]+: InProgress/);
  assert.match(deleted.stderr, /: Succeeded/);
  const gone = await run(['call', 'GetHostedService', '--input', 'get.json', '--ca', 'ca.pem'], { env });
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /404 ResourceNotFound/);
});

test('call refuses invalid input before sending (exit 2), and names a missing subscription', async () => {
  const env = { CLIENT_AUTH_KEYFILE: 'key.pem', CLIENT_AUTH_CERTFILE: 'cert.pem', AZURE_SUBSCRIPTION_ID: emulator.subscriptionId, AZURE_MANAGEMENT_ENDPOINT: emulator.url };
  const before = emulator.requests.length;
  const invalid = await run(['call', 'CreateHostedService', '--input', '-', '--ca', 'ca.pem'], { env, stdin: JSON.stringify({ ServiceName: 'x', Label: 'l', Location: 'West US', AffinityGroup: 'ag' }) });
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /exactly one of Location, AffinityGroup/);
  assert.equal(emulator.requests.length, before);
  const noSubscription = await run(['call', 'ListLocations'], { env: { CLIENT_AUTH_KEYFILE: 'key.pem', CLIENT_AUTH_CERTFILE: 'cert.pem' } });
  assert.equal(noSubscription.code, 2);
  assert.match(noSubscription.stderr, /--subscription: required without --publish-settings/);
});
