/**
 * The fault suite: create/read/delete scenarios under seeded faults. Rules: no resource lost or left behind (the
 * emulator's state agrees with what the caller was told), none created twice, and no POST sent again by the SDK
 * on its own: the emulator's log holds at most one POST per create call, redirects aside (a 307 means the server
 * did not act), and no POST meets "already exists".
 */
import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedRequest } from '../../../src/emulator/pipeline.js';
import { startMonitor } from '../monitor.js';
import { addFailure, formatCounts, increment, newReport, type SuiteReport } from '../report.js';
import { SCENARIO_PLAN, describePlan } from './plan.js';
import { runScenario, type ScenarioResult } from './scenario.js';
import { startFaultWorld, type FaultWorld } from './world.js';

export interface FaultSuiteOptions {
  seed: number;
  scenarios: number;
  /** The clients' per-attempt timeout (a lost response arrives 200 ms after it). */
  timeoutMs?: number;
}

interface LogFigures {
  posts: number;
  created: number;
  redirected: number;
  /** 307 answers to any request of the scenario. */
  redirects: number;
  conflicts: number;
  deletes: number;
}

function logFor(requests: readonly RecordedRequest[], name: string): LogFigures {
  const posts = requests.filter((r) => r.method === 'POST' && r.body.includes(`<ServiceName>${name}</ServiceName>`));
  const deletes = requests.filter((r) => r.method === 'DELETE' && r.url.includes(`/hostedservices/${name}`));
  const mine = [...posts, ...requests.filter((r) => r.method !== 'POST' && r.url.includes(`/hostedservices/${name}`))];
  return {
    posts: posts.filter((r) => r.status !== 307).length,
    created: posts.filter((r) => r.status === 201).length,
    redirected: posts.filter((r) => r.status === 307).length,
    redirects: mine.filter((r) => r.status === 307).length,
    conflicts: posts.filter((r) => r.status === 409).length,
    deletes: deletes.length,
  };
}

function judge(report: SuiteReport, label: string, result: ScenarioResult, log: LogFigures): void {
  for (const problem of result.problems) addFailure(report, `${label}: ${problem}`);
  if (log.created > 1) addFailure(report, `${label}: created ${log.created} times`);
  if (log.conflicts > 0) addFailure(report, `${label}: a POST met "already exists" ${log.conflicts} times (sent again blindly)`);
  if (log.posts > result.creates) addFailure(report, `${label}: ${log.posts} POSTs reached the emulator for ${result.creates} create calls`);
}

export async function faultSuite(options: FaultSuiteOptions): Promise<SuiteReport> {
  const report = newReport('faults: create/delete under injected faults');
  const world: FaultWorld = await startFaultWorld(options.timeoutMs);
  const monitor = startMonitor();
  const plans = fc.sample(SCENARIO_PLAN, { seed: options.seed, numRuns: options.scenarios });
  const totals = { calls: 0, creates: 0, posts: 0, created: 0, redirectedPosts: 0, redirects: 0, deletes: 0, recovered: 0, deleteNotFound: 0, holderWaits: 0 };
  const routes = new Map<string, number>();
  const started = performance.now();
  try {
    for (const [i, plan] of plans.entries()) {
      const name = `flt${options.seed}x${i}`;
      const lostBefore = world.counters.lostResponses;
      const result = await runScenario(world, plan, name);
      // A lost response is written late: wait for it, so that the log holds every request of the scenario.
      if (world.counters.lostResponses !== lostBefore) await sleep(world.timeoutMs + 300);
      const log = logFor(world.emulator.requests, name);
      judge(report, `scenario ${i} (${describePlan(plan)})`, result, log);
      increment(routes, plan.route);
      totals.calls += result.calls; totals.creates += result.creates; totals.posts += log.posts; totals.created += log.created;
      totals.redirectedPosts += log.redirected; totals.redirects += log.redirects; totals.deletes += log.deletes; totals.recovered += result.recoveredCreates;
      totals.deleteNotFound += result.deleteNotFound; totals.holderWaits += result.holderWaits;
    }
  } finally {
    await world.close();
  }
  const figures = monitor.stop();
  const left = world.emulator.state.subscription(world.emulator.subscriptionId)!.hostedServices.size;
  if (left !== 0) addFailure(report, `${left} services left in the emulator at the end`);
  for (const error of figures.uncaught) addFailure(report, `uncaught: ${error}`);
  report.figures.push(
    ['seed', options.seed], ['scenarios', plans.length], ['routes', formatCounts(routes)], ['wall time (s)', Math.round((performance.now() - started) / 1000)],
    ['caller calls', totals.calls], ['SDK retries (logged) / after a refused connection', `${world.counters.retries} / ${world.counters.refusedRetries}`], ['307 redirects followed', totals.redirects],
    ['responses lost after the server acted', world.counters.lostResponses], ['refusal windows', world.forwarder.refusalWindows],
    ['create calls / POSTs reaching the emulator / POSTs redirected', `${totals.creates} / ${totals.posts} / ${totals.redirectedPosts}`],
    ['services created (201) / scenarios', `${totals.created} / ${plans.length}`],
    ['lost creates recovered by reading first', totals.recovered], ['DELETEs reaching the emulator', totals.deletes],
    ['deletes answered 404 after an earlier attempt acted', totals.deleteNotFound], ['waits for the operation holding the service', totals.holderWaits],
    ['services left at the end', left], ['uncaught exceptions', figures.uncaught.length], ['peak rss (MiB)', figures.peakRssMiB],
  );
  report.notes.push('the SDK never retries a TimeoutError, even for idempotent verbs: a caller learns the outcome with a read (see "lost creates recovered")');
  return report;
}
