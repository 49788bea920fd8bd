/**
 * The attack suite: the emulator runs alone in a child process with a 384 MiB heap, and this process attacks it
 * (the flood from a process of its own, flood.ts) while an authenticated client keeps calling it. Attacks: a flood of anonymous uploads of 30 MiB each,
 * slowloris connections (headers dripped, bodies shorter than declared, connections left silent), hostile bodies
 * from an authenticated caller, expired and not-yet-valid certificates, and path tricks.
 * Rules: the emulator never dies and nothing escapes unhandled; its rss stays bounded; the authenticated client
 * is always served (at full scale, with a p99 under 50 ms during the flood); slow connections are closed within
 * the configured timeouts; every hostile request is refused with a 4xx and creates nothing; no path reaches a
 * subscription the certificate does not belong to.
 */
import { cpus, loadavg } from 'node:os';
import type { EmulatorOptions } from '../../../src/emulator/server.js';
import { expiredClientCertificate, notYetValidClientCertificate } from '../../support/pki.js';
import { addFailure, formatCounts, increment, newReport, percentile, type SuiteReport } from '../report.js';
import { startProber, type ProbeFigures } from './prober.js';
import { bodyProbes, certificateProbes, pathProbes, peerFor, type Probe } from './probes.js';
import { floodFromChild, outcomeLabel } from './flood.js';
import { rawRequest, type RawOutcome } from './raw.js';
import { startTarget, type Target } from './target.js';
import { creationFlood, type CreationFloodOptions } from './creation-flood.js';

export interface AttackSuiteOptions {
  /** Anonymous uploads attempted, `floodMiB` each, `floodConcurrency` at a time. */
  floods: number;
  floodMiB: number;
  floodConcurrency: number;
  /** Slowloris connections of each kind. */
  slowConnections: number;
  /** Size of the largest hostile XML body. */
  bigBodyMiB: number;
  /** Emulator options (shorter timeouts for the sample). */
  emulator: EmulatorOptions;
  /** The longest a slow connection may be held, given the emulator's timeouts. */
  holdLimitMs: number;
  /** Judge latency (the full run; samples assert no timings). */
  judgeLatency: boolean;
  /** The authenticated creation flood (creation-flood.ts). */
  creations: CreationFloodOptions;
}

const MiB = 1024 * 1024;
/** rss the emulator may reach under attack: its idle size is about 100 MiB. */
const RSS_RULE_MIB = 320;
const P99_RULE_MS = 50;
/** The at-rest p99 under which the machine counts as quiet enough to judge latency. */
const QUIET_P99_MS = 10;

function latencyFigure(figures: ProbeFigures): string {
  const l = figures.latenciesMs;
  return `${figures.calls} calls, ${figures.failures.length} failed; p50 ${percentile(l, 0.5).toFixed(1)} ms, p99 ${percentile(l, 0.99).toFixed(1)} ms, max ${Math.max(0, ...l).toFixed(0)} ms`;
}

/** The authenticated client's latency with no attack, for comparison (and to tell a busy machine). */
async function atRest(target: Target, report: SuiteReport): Promise<number> {
  const prober = await startProber(target);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const figures = await prober.stop();
  report.figures.push(['authenticated client at rest', `${latencyFigure(figures)}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`]);
  return percentile(figures.latenciesMs, 0.99);
}

async function flood(target: Target, options: AttackSuiteOptions, report: SuiteReport): Promise<void> {
  const restP99 = await atRest(target, report);
  const prober = await startProber(target);
  const started = performance.now();
  const plan = { port: target.port, ca: target.ca, subscriptionId: target.subscriptionId, floods: options.floods, floodMiB: options.floodMiB, concurrency: options.floodConcurrency, limitMs: 5 * 60_000 };
  const { attempted: next, outcomes: answered, bodyBytesSent: sent } = await floodFromChild(plan);
  const outcomes = new Map(Object.entries(answered));
  const seconds = (performance.now() - started) / 1000;
  const probe = await prober.stop();
  const figures = await target.figures();
  report.figures.push(
    ['flood', `${next} of ${options.floods} anonymous ${options.floodMiB} MiB uploads attempted (${options.floodConcurrency} at a time) in ${seconds.toFixed(1)} s; answers: ${formatCounts(outcomes)}`],
    ['flood: body bytes the server let in', `${Math.round(sent / MiB)} MiB (${(sent / Math.max(1, next) / 1024).toFixed(0)} KiB per upload)`],
    ['flood: authenticated client', latencyFigure(probe)],
    ['flood: emulator rss', figures === undefined ? 'died' : `peak ${figures.peakRssMiB} MiB, ${figures.rssMiB} MiB after (collected); ${figures.requestsLogged} requests in its log`],
  );
  if (probe.failures.length > 0) addFailure(report, `flood: the authenticated client failed ${probe.failures.length} times: ${probe.failures.slice(0, 3).join('; ')}`);
  if (figures !== undefined && figures.peakRssMiB > RSS_RULE_MIB) addFailure(report, `flood: emulator rss reached ${figures.peakRssMiB} MiB (rule: ${RSS_RULE_MIB})`);
  const p99 = percentile(probe.latenciesMs, 0.99);
  // On a machine busy with other work the client is slow with no attack at all; the rule then says nothing.
  if (options.judgeLatency && restP99 > QUIET_P99_MS) {
    report.notes.push(`flood latency not judged: with no attack the authenticated p99 was already ${restP99.toFixed(1)} ms (a quiet machine: under ${QUIET_P99_MS} ms)`);
  } else if (options.judgeLatency && p99 >= P99_RULE_MS) {
    addFailure(report, `flood: authenticated p99 ${p99.toFixed(1)} ms (rule: under ${P99_RULE_MS} ms)`);
  }
}

async function slowloris(target: Target, options: AttackSuiteOptions, report: SuiteReport): Promise<void> {
  const owner = peerFor(target, 'owner');
  const anonymous = peerFor(target, 'anonymous');
  const limitMs = options.holdLimitMs + 15_000;
  const path = `/${target.subscriptionId}/services/hostedservices`;
  const kinds: Array<[string, () => Promise<RawOutcome>]> = [
    ['headers dripped a byte a second', () => rawRequest(anonymous, { method: 'GET', path, dripBytes: 1, dripMs: 1_000, limitMs })],
    ['silent after the handshake', () => rawRequest(anonymous, { method: 'GET', path, dripBytes: 1, dripMs: limitMs * 2, limitMs })],
    ['body shorter than its Content-Length (authenticated)', () => rawRequest(owner, { method: 'POST', path, declaredLength: 1_000, body: Buffer.from('<CreateHostedService'), headers: { 'Content-Type': 'application/xml' }, limitMs })],
  ];
  const prober = await startProber(target);
  for (const [kind, attack] of kinds) {
    const outcomes = await Promise.all(Array.from({ length: options.slowConnections }, attack));
    const held = outcomes.map((o) => o.closedAfterMs ?? Infinity);
    const longest = Math.max(...held);
    const answers = new Map<string, number>();
    for (const o of outcomes) increment(answers, outcomeLabel(o));
    report.figures.push([`slowloris: ${kind}`, `${options.slowConnections} connections, held up to ${Number.isFinite(longest) ? `${(longest / 1000).toFixed(1)} s` : `over ${limitMs / 1000} s`}; answers: ${formatCounts(answers)}`]);
    if (longest > options.holdLimitMs) addFailure(report, `slowloris (${kind}): a connection was held ${Number.isFinite(longest) ? `${longest} ms` : `over ${limitMs} ms`} (rule: ${options.holdLimitMs} ms)`);
  }
  const probe = await prober.stop();
  report.figures.push(['slowloris: authenticated client', latencyFigure(probe)]);
  if (probe.failures.length > 0) addFailure(report, `slowloris: the authenticated client failed ${probe.failures.length} times: ${probe.failures.slice(0, 3).join('; ')}`);
}

async function single(target: Target, section: string, probes: Probe[], report: SuiteReport): Promise<void> {
  const answers: string[] = [];
  let worstStall = 0;
  for (const probe of probes) {
    const prober = await startProber(target, 2);
    const started = performance.now();
    const outcome = await rawRequest(peerFor(target, probe.as), { ...probe.request, limitMs: 60_000 });
    const ms = Math.round(performance.now() - started);
    const probed = await prober.stop();
    const stall = Math.round(Math.max(0, ...probed.latenciesMs));
    worstStall = Math.max(worstStall, stall);
    const code = /<Code>([^<]*)<\/Code>/.exec(outcome.text)?.[1];
    answers.push(`${probe.name}: ${outcomeLabel(outcome)}${code ? ` ${code}` : ''} in ${ms} ms (others waited up to ${stall} ms)`);
    if (!probe.expect(outcome.status)) addFailure(report, `${section}: ${probe.name} answered ${outcomeLabel(outcome)}${code ? ` ${code}` : ''}: ${outcome.text.slice(0, 200)}`);
    if (probed.failures.length > 0) addFailure(report, `${section}: during ${probe.name} the authenticated client failed: ${probed.failures[0]}`);
    if (probe.mustNotCreate !== undefined) {
      const made = (await target.serviceNames()).filter((n) => n.toLowerCase().includes(probe.mustNotCreate!.toLowerCase()));
      if (made.length > 0) addFailure(report, `${section}: ${probe.name} created the cloud service ${made.join(', ')}`);
    }
    if (target.death !== undefined) return;
  }
  report.figures.push([`${section} (${probes.length})`, answers.join('; ')]);
  report.figures.push([`${section}: longest wait of the authenticated client`, `${worstStall} ms`]);
}

export async function attackSuite(options: AttackSuiteOptions): Promise<SuiteReport> {
  const report = newReport('attack');
  const target = await startTarget(options.emulator);
  const expired = expiredClientCertificate();
  const notYetValid = notYetValidClientCertificate();
  try {
    await target.register(expired.cert);
    await target.register(notYetValid.cert);
    const idle = await target.figures();
    report.figures.push(['emulator at rest', `rss ${idle?.rssMiB} MiB; heap limit 384 MiB`]);
    await flood(target, options, report);
    if (target.death === undefined) await slowloris(target, options, report);
    if (target.death === undefined) await single(target, 'hostile bodies', bodyProbes(target, options.bigBodyMiB), report);
    if (target.death === undefined) await single(target, 'certificates and tokens', certificateProbes(target, expired, notYetValid), report);
    if (target.death === undefined) await single(target, 'path tricks', pathProbes(target), report);
    if (target.death === undefined) await creationFlood(target, options.creations, report);
    const end = await target.figures();
    if (end !== undefined) {
      report.figures.push(['emulator after every attack', `peak rss ${end.peakRssMiB} MiB since the flood's figure, ${end.rssMiB} MiB collected; unhandled exceptions ${end.uncaught.length}`]);
      for (const u of end.uncaught) addFailure(report, `unhandled in the emulator: ${u}`);
      if (end.peakRssMiB > RSS_RULE_MIB) addFailure(report, `emulator rss reached ${end.peakRssMiB} MiB after the flood (rule: ${RSS_RULE_MIB})`);
    }
  } finally {
    if (target.death !== undefined) addFailure(report, `the emulator died: ${target.death}`);
    await target.stop();
  }
  return report;
}
