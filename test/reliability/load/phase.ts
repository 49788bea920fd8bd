/**
 * One load phase (SDK or baseline), run in a child process so that its memory is its own: rounds of `calls`
 * concurrent reads, then rounds of `waits` concurrent creates and asynchronous deletes waited to completion.
 * Input: RELIABILITY_LOAD_PHASE (JSON); prints the figures as JSON.
 */
import { startMonitor, heapMiB } from '../monitor.js';
import { percentile } from '../report.js';
import { sdkWorkload, undiciWorkload, type LoadTarget, type Workload } from './workload.js';

export interface PhaseInput {
  kind: 'sdk' | 'undici';
  target: LoadTarget;
  rounds: number;
  calls: number;
  waits: number;
  /** Prefix of the names this phase creates and deletes. */
  prefix: string;
}

export interface PhaseFigures {
  callsPerSecond: number[];
  callLatencyP50Ms: number;
  callLatencyP99Ms: number;
  waitRoundMs: number[];
  errors: string[];
  peakRssMiB: number;
  /** Heap after each round, collected: flat when nothing leaks. */
  heapAfterRoundsMiB: number[];
}

async function timed(task: () => Promise<void>, latencies: number[], errors: string[]): Promise<void> {
  const started = performance.now();
  try {
    await task();
  } catch (err) {
    if (errors.length < 10) errors.push(err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : String(err));
  }
  latencies.push(performance.now() - started);
}

async function run(input: PhaseInput): Promise<PhaseFigures> {
  const workload: Workload = input.kind === 'sdk' ? sdkWorkload(input.target) : undiciWorkload(input.target);
  const figures: PhaseFigures = { callsPerSecond: [], callLatencyP50Ms: 0, callLatencyP99Ms: 0, waitRoundMs: [], errors: [], peakRssMiB: 0, heapAfterRoundsMiB: [] };
  const latencies: number[] = [];
  const names = input.target.readNames;
  const monitor = startMonitor(10);
  // A warm-up call opens the first connection and loads lazily imported code outside the measurement.
  await workload.read(names[0]!);
  for (let round = 0; round < input.rounds; round++) {
    const started = performance.now();
    await Promise.all(Array.from({ length: input.calls }, (_, i) => timed(() => workload.read(names[i % names.length]!), latencies, figures.errors)));
    figures.callsPerSecond.push(Math.round(input.calls / ((performance.now() - started) / 1000)));
    const batch = Array.from({ length: input.waits }, (_, i) => `${input.prefix}${round}x${i}`);
    await Promise.all(batch.map((name) => timed(() => workload.create(name), [], figures.errors)));
    const waitStarted = performance.now();
    await Promise.all(batch.map((name) => timed(() => workload.deleteAndWait(name), [], figures.errors)));
    figures.waitRoundMs.push(Math.round(performance.now() - waitStarted));
    figures.heapAfterRoundsMiB.push(heapMiB());
  }
  await workload.close();
  figures.peakRssMiB = monitor.stop().peakRssMiB;
  figures.callLatencyP50Ms = Math.round(percentile(latencies, 0.5));
  figures.callLatencyP99Ms = Math.round(percentile(latencies, 0.99));
  return figures;
}

const input = process.env['RELIABILITY_LOAD_PHASE'];
if (input !== undefined) process.stdout.write(`${JSON.stringify(await run(JSON.parse(input) as PhaseInput))}\n`);
