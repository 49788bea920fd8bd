/**
 * The hostile-response suite: seeded fuzz cases (fast-check) served from a raw HTTPS server, counted by outcome;
 * then the probes. Rules: every call ends (no hang), in a correct value or an SDK error class; no entity is
 * expanded; no request goes to an unintended path; nothing escapes as an uncaught error; memory stays bounded.
 */
import { startMonitor, heapMiB } from '../monitor.js';
import { runPool } from '../pool.js';
import { addFailure, formatCounts, increment, newReport, percentile, type SuiteReport } from '../report.js';
import { startFuzzHarness, type CaseResult } from './run.js';
import { hugeMessageProbe, pagingLoopProbe } from './bound-probes.js';
import { requestIdProbe } from './request-id-probes.js';
import { FUZZ_STALL_RULE_MS, MEMORY_RULE_MIB, emptyBodyProbe, oversizeProbe, redactionProbe, stalledProbe } from './probes.js';

export interface FuzzSuiteOptions {
  seed: number;
  cases: number;
  concurrency?: number;
  /** Run only this case (to replay one). */
  onlyCase?: number;
  oversizeMiB: number[];
  redactionRepeats: number[];
}

function tally(report: SuiteReport, results: CaseResult[]): void {
  const outcomes = new Map<string, number>();
  const byKind = new Map<string, Map<string, number>>();
  for (const r of results) {
    const outcome = r.label === 'value' ? (r.problem ? 'wrong value' : 'value') : r.label;
    increment(outcomes, outcome);
    const kind = byKind.get(r.kind) ?? new Map<string, number>();
    increment(kind, r.label.startsWith('untyped') || r.label === 'hang' ? r.label : r.label === 'value' ? 'value' : 'typed error');
    byKind.set(r.kind, kind);
    if (r.problem) addFailure(report, `case ${r.index} (${r.target}, ${r.kind}): ${r.problem}`);
  }
  report.figures.push(['outcomes', formatCounts(outcomes)]);
  for (const [kind, counts] of [...byKind].sort()) report.figures.push([`  ${kind}`, formatCounts(counts)]);
  const times = results.map((r) => r.ms);
  report.figures.push(['case time p50 / p99 / max (ms)', `${Math.round(percentile(times, 0.5))} / ${Math.round(percentile(times, 0.99))} / ${Math.round(Math.max(0, ...times))}`]);
  report.figures.push(['longest error message (chars)', Math.max(0, ...results.map((r) => r.messageLength))]);
  report.figures.push(['cases breaking a rule', results.filter((r) => r.problem).length]);
}

export async function fuzzSuite(options: FuzzSuiteOptions): Promise<SuiteReport> {
  const report = newReport('hostile responses');
  const harness = await startFuzzHarness(options.seed);
  const heapBefore = heapMiB();
  const monitor = startMonitor();
  const started = performance.now();
  const indexes = options.onlyCase === undefined ? undefined : [options.onlyCase];
  const results = indexes
    ? [await harness.run(indexes[0]!)]
    : await runPool(options.cases, options.concurrency ?? 16, (i) => harness.run(i));
  const seconds = (performance.now() - started) / 1000;
  const requests = harness.requests;
  await harness.close();
  const figures = monitor.stop();
  const heapAfter = heapMiB();
  report.figures.push(['seed', options.seed], ['cases', results.length], ['requests served', requests], ['wall time (s)', Math.round(seconds)]);
  tally(report, results);
  report.figures.push(['requests to unintended paths', harness.strayPaths.length]);
  report.figures.push(['uncaught exceptions', figures.uncaught.length]);
  report.figures.push(['peak rss / heap (MiB)', `${figures.peakRssMiB} / ${figures.peakHeapMiB}`]);
  report.figures.push(['heap before / after, collected (MiB)', `${heapBefore} / ${heapAfter}`]);
  report.figures.push(['longest event-loop stall (ms)', figures.maxStallMs]);
  for (const path of harness.strayPaths.slice(0, 10)) addFailure(report, `request to an unintended path: ${path}`);
  for (const error of figures.uncaught.slice(0, 10)) addFailure(report, `uncaught: ${error}`);
  if (figures.maxStallMs > FUZZ_STALL_RULE_MS) addFailure(report, `the event loop was blocked for ${figures.maxStallMs} ms`);
  if (heapAfter - heapBefore > MEMORY_RULE_MIB) addFailure(report, `heap grew by ${heapAfter - heapBefore} MiB over the run (leak)`);
  await oversizeProbe(report, options.oversizeMiB);
  await redactionProbe(report, options.redactionRepeats);
  await emptyBodyProbe(report);
  await stalledProbe(report);
  await pagingLoopProbe(report);
  await hugeMessageProbe(report);
  await requestIdProbe(report);
  return report;
}
