/**
 * Crash safety of the on-disk store: a standalone emulator (`--data`) under a stream of mutations is killed with
 * SIGKILL at a random moment, again and again; every restart must load the store, and hold every cloud service
 * and storage account whose creation was answered before the kill (at most the requests in flight are lost),
 * nothing that was never asked for, and a consistent subscription (its counters match its resources).
 * ASM_KILL_ITERATIONS sets the number of kills (default 8).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { specDir } from '../support/emulator.js';

const CLI = fileURLToPath(new URL('../../src/emulator/cli.js', import.meta.url));
const NS = 'http://schemas.microsoft.com/windowsazure';
const ITERATIONS = Number(process.env['ASM_KILL_ITERATIONS'] ?? 8);

interface Running {
  child: ChildProcess;
  call(method: string, path: string, body?: string): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

async function start(data: string, out: string, seed: string): Promise<Running> {
  // --state seeds only a new store: later starts load the store.
  const args = [CLI, '--data', data, '--out', out, '--spec', specDir(), '--async-delay-ms', '5', '--state', seed];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('connection.json')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening: ${stderr}`)));
  });
  const connection = JSON.parse(readFileSync(join(out, 'connection.json'), 'utf8')) as { url: string; subscriptionId: string; caFile: string; keyFile: string; certFile: string };
  const agent = new Agent({ connect: { ca: readFileSync(connection.caFile), cert: readFileSync(connection.certFile), key: readFileSync(connection.keyFile) } });
  return {
    child,
    async call(method, path, body) {
      const response = await request(`${connection.url}/${connection.subscriptionId}${path}`, {
        method: method as 'GET', headers: { 'x-ms-version': '2014-10-01', 'content-type': 'application/xml' }, body, dispatcher: agent,
      });
      return { status: response.statusCode, text: await response.body.text() };
    },
    close: () => agent.destroy(),
  };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const serviceBody = (name: string) => `<CreateHostedService xmlns="${NS}"><ServiceName>${name}</ServiceName><Label>${b64(name)}</Label><Location>West US</Location></CreateHostedService>`;
const accountBody = (name: string) => `<CreateStorageServiceInput xmlns="${NS}"><ServiceName>${name}</ServiceName><Label>${b64(name)}</Label><Location>West US</Location></CreateStorageServiceInput>`;

function names(text: string, element: string, member: string): Set<string> {
  return new Set([...text.matchAll(new RegExp(`<${element}>(?:(?!</${element}>).)*?<${member}>([^<]+)</${member}>`, 'gs'))].map((m) => m[1]!));
}

test(`SIGKILL mid-write ${ITERATIONS} times: every restart loads a consistent store holding every acknowledged creation`, async (t) => {
  const data = mkdtempSync(join(tmpdir(), 'asm-kill-data-'));
  const out = mkdtempSync(join(tmpdir(), 'asm-kill-out-'));
  const acknowledged = { services: new Set<string>(), accounts: new Set<string>() };
  const asked = { services: new Set<string>(), accounts: new Set<string>() };
  let counter = 0;
  const seed = join(out, 'seed.json');
  // Limits high enough that no creation is refused for quota: every answer is about the store.
  writeFileSync(seed, JSON.stringify({ subscriptions: [{ id: randomUUID(), properties: { MaxHostedServices: 100_000, MaxStorageAccounts: 100_000 } }] }));
  try {
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const emulator = await start(data, out, seed);
      const listed = await emulator.call('GET', '/services/hostedservices');
      const services = names(listed.text, 'HostedService', 'ServiceName');
      const accounts = names((await emulator.call('GET', '/services/storageservices')).text, 'StorageService', 'ServiceName');
      for (const name of acknowledged.services) assert.ok(services.has(name), `iteration ${iteration}: acknowledged cloud service ${name} is lost`);
      for (const name of acknowledged.accounts) assert.ok(accounts.has(name), `iteration ${iteration}: acknowledged storage account ${name} is lost`);
      for (const name of services) assert.ok(asked.services.has(name), `iteration ${iteration}: cloud service ${name} was never created`);
      for (const name of accounts) assert.ok(asked.accounts.has(name), `iteration ${iteration}: storage account ${name} was never created`);
      const subscription = (await emulator.call('GET', '')).text;
      assert.equal(/<CurrentHostedServices>(\d+)</.exec(subscription)?.[1], String(services.size), `iteration ${iteration}: counters follow the state`);
      // Nothing is deleted, so what a restart showed once must be there at every later restart.
      for (const name of services) acknowledged.services.add(name);
      for (const name of accounts) acknowledged.accounts.add(name);

      // Four writers stream creations (storage accounts are asynchronous: their change lands at completion) until the kill.
      let killed = false;
      const writer = async (id: number) => {
        while (!killed) {
          const n = counter++;
          const kind = n % 3 === 0 ? 'accounts' : 'services';
          const name = kind === 'accounts' ? `kill${id}n${n}` : `kill-${id}-${n}`;
          asked[kind].add(name);
          try {
            const answer = await emulator.call('POST', kind === 'accounts' ? '/services/storageservices' : '/services/hostedservices', kind === 'accounts' ? accountBody(name) : serviceBody(name));
            // A storage account is there once its creation completed; a cloud service once answered 201.
            if (answer.status === 201) acknowledged.services.add(name);
          } catch {
            return;
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(Math.random() * 400)));
      killed = true;
      const exited = once(emulator.child, 'exit');
      emulator.child.kill('SIGKILL');
      await Promise.allSettled(writers);
      await exited;
      await emulator.close();
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
  t.diagnostic(`${ITERATIONS} kills; ${asked.services.size + asked.accounts.size} creations sent, ${acknowledged.services.size} cloud services and ${acknowledged.accounts.size} storage accounts kept`);
  assert.ok(acknowledged.services.size > ITERATIONS, `the writers got answers (${acknowledged.services.size} services)`);
});
