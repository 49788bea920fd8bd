/**
 * The load suite: one emulator (in this process) and two client processes run one after the other — the SDK, then
 * the bare undici baseline — each doing rounds of 1,000 concurrent reads and 100 concurrent asynchronous deletes
 * waited to completion. Rules: no call fails, every waited delete really deleted (the emulator's state), and the
 * heap after each round stays flat (no leak). Throughput and peak rss are reported side by side.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serviceShape } from '../../../generated/service.js';
import { CreateHostedServiceOperation } from '../../../generated/operations/CreateHostedService.js';
import { ServiceClient } from '../../../src/client/client.js';
import { invoke } from '../../../src/client/invoke.js';
import { certificateFromPem } from '../../../src/client/credentials.js';
import { startTestEmulator } from '../../emulator/helpers.js';
import { addFailure, newReport, type SuiteReport } from '../report.js';
import type { PhaseFigures, PhaseInput } from './phase.js';
import { CONNECTIONS, type LoadTarget } from './workload.js';

export interface LoadSuiteOptions {
  rounds: number;
  calls: number;
  waits: number;
}

/** Heap growth between the first and the last round beyond this is a leak. */
const LEAK_RULE_MIB = 32;

async function runPhase(input: PhaseInput): Promise<PhaseFigures> {
  const script = fileURLToPath(new URL('./phase.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', script], {
    env: { ...process.env, RELIABILITY_LOAD_PHASE: JSON.stringify(input) }, timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as PhaseFigures;
}

async function seedServices(target: LoadTarget): Promise<void> {
  const client = new ServiceClient({ subscriptionId: target.subscriptionId, credential: certificateFromPem(target), endpoint: target.url, ca: target.ca, proxy: false }, serviceShape);
  for (const name of target.readNames) await invoke(client, CreateHostedServiceOperation, { ServiceName: name, Label: name, Location: 'West US' });
  await client.close();
}

function describePhase(figures: PhaseFigures): string {
  return `${figures.callsPerSecond.join(' / ')} calls/s; p50 ${figures.callLatencyP50Ms} ms, p99 ${figures.callLatencyP99Ms} ms; `
    + `waits ${figures.waitRoundMs.join(' / ')} ms; peak rss ${figures.peakRssMiB} MiB; heap after rounds ${figures.heapAfterRoundsMiB.join(' / ')} MiB`;
}

export async function loadSuite(options: LoadSuiteOptions): Promise<SuiteReport> {
  const report = newReport('load');
  const emulator = await startTestEmulator({ asyncPolls: 2 });
  // The emulator enforces the subscription's default quota of 20 cloud services; the load needs more at once.
  emulator.state.subscription(emulator.subscriptionId)!.properties.MaxHostedServices = 100_000;
  const target: LoadTarget = {
    url: emulator.url, ca: emulator.caCert, key: emulator.clientCert.key, cert: emulator.clientCert.cert,
    subscriptionId: emulator.subscriptionId, readNames: Array.from({ length: 20 }, (_, i) => `read${i}`),
  };
  try {
    await seedServices(target);
    report.figures.push(['workload per round', `${options.calls} concurrent reads, then ${options.waits} creates and ${options.waits} concurrent async deletes waited; ${options.rounds} rounds; ${CONNECTIONS} connections`]);
    for (const kind of ['sdk', 'undici'] as const) {
      const figures = await runPhase({ kind, target, ...options, prefix: `${kind}w` });
      report.figures.push([kind === 'sdk' ? 'SDK (ServiceClient)' : 'baseline (undici.request)', describePhase(figures)]);
      for (const error of figures.errors) addFailure(report, `${kind}: ${error}`);
      const heap = figures.heapAfterRoundsMiB;
      if (heap.length > 1 && heap[heap.length - 1]! - heap[0]! > LEAK_RULE_MIB) addFailure(report, `${kind}: heap grew from ${heap[0]} to ${heap[heap.length - 1]} MiB over the rounds`);
    }
    const left = [...emulator.state.subscription(emulator.subscriptionId)!.hostedServices.keys()].filter((k) => !k.startsWith('read'));
    report.figures.push(['services left after the waited deletes', left.length]);
    if (left.length > 0) addFailure(report, `${left.length} services were not deleted although their waits succeeded: ${left.slice(0, 5).join(', ')}`);
  } finally {
    await emulator.close();
  }
  return report;
}
