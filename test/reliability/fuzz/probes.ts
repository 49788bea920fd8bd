/**
 * Measurements the random cases cannot make: how memory grows with a body far larger than any real answer (the
 * runtime must refuse it unread), how long redacting a hostile error body blocks the event loop (the patterns of
 * logging.ts must stay linear), and what an empty answer to a body-bearing operation resolves to.
 */
import { spawn } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serviceShape } from '../../../generated/service.js';
import { DeleteHostedServiceOperation } from '../../../generated/operations/DeleteHostedService.js';
import { GetDeploymentOperation } from '../../../generated/operations/GetDeployment.js';
import { GetHostedServiceOperation } from '../../../generated/operations/GetHostedService.js';
import { ServiceClient } from '../../../src/client/client.js';
import { invoke, invokeAsync } from '../../../src/client/invoke.js';
import { certificateFromPem, tokenCredential, type Credential } from '../../../src/client/credentials.js';
import { testPki } from '../../support/pki.js';
import { startMonitor, settledRssMiB } from '../monitor.js';
import { label, settle } from '../outcome.js';
import { httpReply, startScriptedServer, type ScriptedServer } from '../../support/scripted-server.js';
import { addFailure, type SuiteReport } from '../report.js';
import { XML_TYPE } from './answers.js';
import { NS } from './valid-bodies.js';

const MiB = 1024 * 1024;
/** More than this much memory for one answer is unbounded growth (the runtime refuses bodies over 16 MiB by default). */
export const MEMORY_RULE_MIB = 128;
/** Longer than this to turn one error answer into an error is a stall a caller cannot interrupt. */
export const STALL_RULE_MS = 1_000;
/**
 * Longer than this for any answer of the fuzz is a stall. Reading is synchronous (up to about 0.5 s for the
 * densest 3 MiB case, 786,432 empty elements) and large bodies are read one per timer turn (body-turns.ts), so
 * the random cases stay under 4 MiB and this catches pathological slowness or reads piling up, not size. It was
 * 3 s with fast-xml-parser, whose reads of concurrent answers ran back to back (a 28 s stall at 16 in flight).
 */
export const FUZZ_STALL_RULE_MS = 1_500;

function clientOf(server: ScriptedServer): ServiceClient {
  const pki = testPki();
  return new ServiceClient({
    subscriptionId: 'probe', credential: certificateFromPem(pki.client), endpoint: server.url, ca: pki.ca.cert, proxy: false,
    retry: { maxRetries: 0 }, timeoutMs: 120_000,
  }, serviceShape);
}

/** A valid GetHostedService answer padded to `mib` MiB inside an element the shapes do not map. */
function paddedAnswer(mib: number) {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return {
    head: `HTTP/1.1 200 OK\r\nContent-Type: ${XML_TYPE}\r\nContent-Length: ${mib * MiB + 200}\r\n\r\n`,
    body: {
      prefix: Buffer.from(`<HostedService xmlns="${NS}"><ServiceName>big</ServiceName><Pad>`.padEnd(150, ' ')),
      chunk, times: mib * 16, suffix: Buffer.from('</Pad></HostedService>'.padEnd(50, ' ')),
    },
  };
}

/** One padded answer, read in this process: its ending, time and rss growth. */
export async function readOversized(mib: number): Promise<{ ending: string; ms: number; growthMiB: number }> {
  const server = await startScriptedServer({ certificate: testPki().server });
  const client = clientOf(server);
  try {
    server.handle(() => paddedAnswer(mib));
    const before = settledRssMiB();
    const monitor = startMonitor(5);
    const started = performance.now();
    const ending = await settle(() => invoke(client, GetHostedServiceOperation, { ServiceName: 'big' }), 300_000);
    const figures = monitor.stop();
    return { ending: label(ending), ms: Math.round(performance.now() - started), growthMiB: figures.peakRssMiB - before };
  } finally {
    await client.close();
    await server.close();
  }
}

/** Runs readOversized in a child process with a 4 GiB heap, so that running out of memory is reported, not fatal. */
function readInChild(mib: number): Promise<{ ending: string; ms: number; growthMiB: number } | { crashed: string }> {
  const script = fileURLToPath(new URL('./oversize-child.js', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', script, String(mib)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-2000); });
    child.on('close', (code, signal) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) return resolve(JSON.parse(line) as { ending: string; ms: number; growthMiB: number });
      const oom = /heap out of memory|Allocation failed/i.test(err) ? 'V8 heap out of memory' : err.trim().split('\n').pop() ?? '';
      resolve({ crashed: `exit ${code}, signal ${signal}: ${oom}` });
    });
  });
}

export async function oversizeProbe(report: SuiteReport, sizesMiB: number[]): Promise<void> {
  for (const mib of sizesMiB) {
    const result = await readInChild(mib);
    if ('crashed' in result) {
      report.figures.push([`body of ${mib} MiB`, `process crashed (${result.crashed})`]);
      addFailure(report, `a ${mib} MiB answer crashed the process (${result.crashed}): no response size cap (ClientOptions.maxResponseBytes)`);
      continue;
    }
    report.figures.push([`body of ${mib} MiB`, `${result.ending} in ${result.ms} ms, rss +${result.growthMiB} MiB`]);
    if (result.growthMiB > MEMORY_RULE_MIB) addFailure(report, `unbounded memory: a ${mib} MiB answer raised rss by ${result.growthMiB} MiB (no response size cap: ClientOptions.maxResponseBytes)`);
    if (result.ending === 'hang' || result.ending.startsWith('untyped')) addFailure(report, `a ${mib} MiB answer ended in ${result.ending}`);
  }
}

export async function redactionProbe(report: SuiteReport, repeats: number[]): Promise<void> {
  const server = await startScriptedServer({ certificate: testPki().server });
  const client = clientOf(server);
  try {
    for (const [name, unit] of [['<Data ', '<Data '], ['PEM BEGIN', '-----BEGIN PRIVATE KEY-----']] as const) {
      const times: string[] = [];
      for (const n of repeats) {
        server.handle(() => httpReply(400, { 'Content-Type': XML_TYPE }, unit.repeat(n)));
        const started = performance.now();
        await settle(() => invoke(client, GetHostedServiceOperation, { ServiceName: 'x' }), 300_000);
        const ms = Math.round(performance.now() - started);
        times.push(`${Math.round((unit.length * n) / 1024)} KiB ${ms} ms`);
        if (ms > STALL_RULE_MS) addFailure(report, `event loop blocked ${ms} ms redacting a ${Math.round((unit.length * n) / 1024)} KiB error body of "${name}" repeats (quadratic patterns in logging.ts redactBody)`);
      }
      report.figures.push([`redact error body of "${name}" repeats`, times.join(', ')]);
    }
  } finally {
    await client.close();
    await server.close();
  }
}

/**
 * An empty 200 where the spec promises a body: a read resolves to bare metadata typed as the model, and a status
 * poll reads it as InProgress, so that a wait spins until its overall timeout (30 minutes by default).
 */
export async function emptyBodyProbe(report: SuiteReport): Promise<void> {
  const server = await startScriptedServer({ certificate: testPki().server });
  const client = clientOf(server);
  try {
    server.handle((r) => (r.method === 'DELETE' ? httpReply(202, { 'x-ms-request-id': 'emptyop' }) : httpReply(200, { 'x-ms-request-id': 'empty', 'Content-Type': XML_TYPE }, '')));
    const read = await settle(() => invoke(client, GetDeploymentOperation, { ServiceName: 's', DeploymentName: 'd' }), 10_000);
    report.notes.push(`an empty 200 answer to GetDeployment (whose spec has a Deployment body) resolves to ${read.kind === 'value' ? JSON.stringify(read.value) : label(read)}, typed as a Deployment`);
    const started = performance.now();
    const before = server.requests.length;
    const wait = await settle(() => invokeAsync(client, DeleteHostedServiceOperation, { ServiceName: 's', DeleteAllMedia: true }, { wait: { minDelayMs: 10, maxDelayMs: 50, timeoutMs: 2_000 } }), 10_000);
    const polls = server.requests.length - before - 1;
    report.figures.push(['empty 200 status answers, wait timeout 2 s', `${label(wait)} after ${Math.round(performance.now() - started)} ms and ${polls} polls`]);
    if (label(wait) === 'TimeoutError') addFailure(report, `a 200 status answer with an empty body is read as InProgress: the wait polled ${polls} times until its overall timeout (30 minutes by default) instead of failing at once`);
  } finally {
    await client.close();
    await server.close();
  }
}

/** A TCP server that accepts connections and never says a word: a TLS handshake to it never completes. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => { sockets.add(socket); socket.on('error', () => {}); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { for (const socket of sockets) socket.destroy(); server.close(() => resolve()); }),
  };
}

/**
 * Waits no caller can interrupt otherwise: a TLS handshake that never completes, and a bearer-token callback that
 * never settles. Each must end at the call's timeoutMs in a TimeoutError, or at abort() in an AbortedError — not at
 * undici's own 10 s connect timeout, and not never.
 */
export async function stalledProbe(report: SuiteReport): Promise<void> {
  const silent = await silentServer();
  const pki = testPki();
  const server = await startScriptedServer({ certificate: pki.server });
  server.handle(() => httpReply(200, { 'Content-Type': XML_TYPE }, `<HostedService xmlns="${NS}"><ServiceName>s</ServiceName></HostedService>`));
  const neverSettles = tokenCredential(() => new Promise<string>(() => {}));
  const scenarios: Array<{ name: string; endpoint: string; credential?: Credential; ends: 'timeout' | 'abort' }> = [
    { name: 'stalled TLS handshake, timeoutMs 500', endpoint: silent.url, ends: 'timeout' },
    { name: 'stalled TLS handshake, abort() at 300 ms', endpoint: silent.url, ends: 'abort' },
    { name: 'token callback never settles, timeoutMs 500', endpoint: server.url, credential: neverSettles, ends: 'timeout' },
    { name: 'token callback never settles, abort() at 300 ms', endpoint: server.url, credential: neverSettles, ends: 'abort' },
  ];
  try {
    for (const s of scenarios) {
      const client = new ServiceClient({
        subscriptionId: 'probe', credential: s.credential ?? certificateFromPem(pki.client), endpoint: s.endpoint, ca: pki.ca.cert, proxy: false,
        retry: { maxRetries: 0 }, timeoutMs: s.ends === 'timeout' ? 500 : 30_000,
      }, serviceShape);
      const controller = new AbortController();
      const timer = s.ends === 'abort' ? setTimeout(() => controller.abort(), 300) : undefined;
      const started = performance.now();
      const ending = await settle(() => invoke(client, GetHostedServiceOperation, { ServiceName: 's' }, { signal: controller.signal }), 30_000);
      const ms = Math.round(performance.now() - started);
      clearTimeout(timer);
      await settle(() => client.close(), 15_000);
      const expected = s.ends === 'timeout' ? 'TimeoutError' : 'AbortedError';
      report.figures.push([s.name, `${label(ending)} after ${ms} ms`]);
      if (label(ending) !== expected || ms > 5_000) addFailure(report, `${s.name}: ${label(ending)} after ${ms} ms (expected ${expected} within the bound the caller set)`);
    }
  } finally {
    await server.close();
    await silent.close();
  }
}
