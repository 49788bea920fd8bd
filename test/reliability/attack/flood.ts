/**
 * The flood of anonymous uploads, run in a process of its own (flood-child.ts) so that the work of pushing
 * gigabytes through TLS does not delay the authenticated client that measures the emulator: what the suite
 * judges is the emulator's service, not this side's busy event loop.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { increment } from '../report.js';
import { rawRequest, type RawOutcome } from './raw.js';

export interface FloodPlan {
  port: number;
  ca: string;
  subscriptionId: string;
  floods: number;
  floodMiB: number;
  concurrency: number;
  /** Stop starting uploads after this long. */
  limitMs: number;
}

export interface FloodResult {
  attempted: number;
  /** Answers by label: a status, or how the connection ended without one. */
  outcomes: Record<string, number>;
  bodyBytesSent: number;
}

const MiB = 1024 * 1024;

export function outcomeLabel(o: RawOutcome): string {
  if (o.status !== undefined) return String(o.status);
  return o.closedAfterMs === undefined ? 'still open' : `closed without answer${o.error ? ` (${o.error})` : ''}`;
}

/** The uploads themselves, `concurrency` at a time; one in four carries a bearer token that is not valid. */
export async function runFlood(plan: FloodPlan, stillAlive: () => boolean = () => true): Promise<FloodResult> {
  const outcomes = new Map<string, number>();
  const deadline = performance.now() + plan.limitMs;
  let next = 0;
  let sent = 0;
  const worker = async () => {
    while (next < plan.floods && performance.now() < deadline && stillAlive()) {
      const i = next++;
      const bearer = i % 4 === 3 ? { Authorization: 'Bearer not-a-token' } : undefined;
      const outcome = await rawRequest({ port: plan.port, ca: plan.ca }, {
        method: 'POST', path: `/${plan.subscriptionId}/services/hostedservices`, body: { bytes: plan.floodMiB * MiB },
        headers: { 'Content-Type': 'application/xml', ...bearer }, limitMs: 60_000,
      });
      sent += outcome.bodyBytesSent;
      increment(outcomes, outcomeLabel(outcome));
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  return { attempted: next, outcomes: Object.fromEntries(outcomes), bodyBytesSent: sent };
}

/** Runs the flood in a child process and returns what it saw; a crash of the child is an error. */
export function floodFromChild(plan: FloodPlan): Promise<FloodResult> {
  const script = fileURLToPath(new URL('./flood-child.js', import.meta.url));
  const child = fork(script, [], { env: { ...process.env, ATTACK_FLOOD_PLAN: JSON.stringify(plan) }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  return new Promise((resolve, reject) => {
    child.once('message', (result: FloodResult) => resolve(result));
    child.once('exit', (code) => reject(new Error(`the flood process ended (code ${code}) without a result: ${stderr.trim()}`)));
  });
}
