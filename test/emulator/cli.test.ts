import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { specDir } from './helpers.js';

const cli = fileURLToPath(new URL('../../src/emulator/cli.js', import.meta.url));

interface Connection {
  url: string;
  host: string;
  port: number;
  subscriptionId: string;
  thumbprint: string;
  caFile: string;
  keyFile: string;
  certFile: string;
}

/** Starts the CLI and resolves once it says where it listens. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [cli, '--spec', specDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const deadline = Date.now() + 20_000;
  while (!/listening on https:\/\/127\.0\.0\.1:\d+/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the CLI exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) throw new Error(`the CLI did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = await exited as [number | null];
  return code;
}

test('the CLI writes its files, and a request made with them succeeds; SIGTERM stops it', async () => {
  const out = mkdtempSync(join(tmpdir(), 'asm-emulator-'));
  const { child, output } = await startCli(['--port', '0', '--out', out]);
  try {
    const connection = JSON.parse(readFileSync(join(out, 'connection.json'), 'utf8')) as Connection;
    const subscriptionId = readFileSync(join(out, 'subscription-id.txt'), 'utf8').trim();
    assert.equal(connection.subscriptionId, subscriptionId);
    assert.equal(connection.host, `127.0.0.1:${connection.port}`);
    assert.equal(connection.caFile, join(out, 'ca.pem'));
    assert.equal(statSync(join(out, 'management-key.pem')).mode & 0o077, 0, 'the private key is private');
    assert.equal(statSync(join(out, 'emulator.publishsettings')).mode & 0o077, 0, 'the publishsettings holds the key: private');
    assert.match(readFileSync(join(out, 'emulator.publishsettings'), 'utf8'), new RegExp(`ServiceManagementUrl="${connection.url}" Id="${subscriptionId}"`));
    assert.match(output(), new RegExp(`listening on ${connection.url}`));
    assert.match(output(), /ca\.pem/);

    const agent = new Agent({
      connect: { ca: readFileSync(join(out, 'ca.pem')), cert: readFileSync(join(out, 'management-cert.pem')), key: readFileSync(join(out, 'management-key.pem')) },
    });
    try {
      const response = await request(`https://127.0.0.1:${connection.port}/${subscriptionId}/locations`, { dispatcher: agent, headers: { 'x-ms-version': '2014-10-01' } });
      assert.equal(response.statusCode, 200);
      assert.match(await response.body.text(), /^<Locations /);
    } finally {
      await agent.close();
    }
  } finally {
    assert.equal(await stop(child), 0);
    rmSync(out, { recursive: true, force: true });
  }
});

test('the CLI preloads --state and takes --async-polls and --faults', async () => {
  const out = mkdtempSync(join(tmpdir(), 'asm-emulator-'));
  const stateFile = join(out, 'state.json');
  const subscriptionId = '11111111-2222-3333-4444-555555555555';
  writeFileSync(stateFile, JSON.stringify({
    subscriptions: [{ id: subscriptionId, hostedServices: [{ ServiceName: 'preloaded', Label: 'From state', Location: 'East US' }] }],
  }));
  const { child } = await startCli(['--out', out, '--state', stateFile, '--async-polls', '0', '--faults', 'GetHostedService=503:3x1', '--fault-seed', '5']);
  try {
    assert.equal(readFileSync(join(out, 'subscription-id.txt'), 'utf8').trim(), subscriptionId);
    const connection = JSON.parse(readFileSync(join(out, 'connection.json'), 'utf8')) as Connection;
    const agent = new Agent({ connect: { ca: readFileSync(connection.caFile), cert: readFileSync(connection.certFile), key: readFileSync(connection.keyFile) } });
    const call = async (method: 'GET' | 'DELETE', path: string) => {
      const response = await request(`${connection.url}/${subscriptionId}${path}`, { method, dispatcher: agent, headers: { 'x-ms-version': '2014-10-01' } });
      return { status: response.statusCode, text: await response.body.text() };
    };
    try {
      const busy = await call('GET', '/services/hostedservices/preloaded');
      assert.equal(busy.status, 503, 'the injected fault answers first');
      assert.match(busy.text, /<Code>ServerBusy<\/Code>/);
      const got = await call('GET', '/services/hostedservices/preloaded');
      assert.equal(got.status, 200);
      assert.match(got.text, new RegExp(`<Label>${Buffer.from('From state').toString('base64')}</Label>`));
      assert.equal((await call('DELETE', '/services/hostedservices/preloaded?comp=media')).status, 202);
      assert.equal((await call('GET', '/services/hostedservices/preloaded')).status, 404, '--async-polls 0 completes at once');
    } finally {
      await agent.close();
    }
  } finally {
    assert.equal(await stop(child), 0);
    rmSync(out, { recursive: true, force: true });
  }
});

test('the CLI refuses a bad option with a usage line', async () => {
  const child = spawn(process.execPath, [cli, '--async-polls', 'many', '--spec', specDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [code] = await once(child, 'exit') as [number | null];
  assert.equal(code, 1);
  assert.match(stderr, /--async-polls must be a non-negative integer/);
  assert.match(stderr, /usage:/);
});
