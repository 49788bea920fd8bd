/**
 * The live run: every method of every loaded client, once (twice where a step asks for it), in phases that build
 * state before it is used and remove it last; each call bounded by a timeout. The outcome of a call is read from
 * what went over the wire (the recording filter) and from the client's callback.
 */
import { key, type AnyFunction, type LooseObject, type MethodInfo } from './clients.js';
import { argumentFor, isRemoval, requiredParameters, type RunContext } from './context.js';
import type { Exchange, Session } from './setup.js';
import { acceptedStatuses, delegateOf } from './statuses.js';
import { DEFAULT_PHASE, DEFAULT_REMOVAL_PHASE, type GroupArguments, type OurCall, type Step, type Steps } from './steps.js';

export type Outcome = 'ok' | 'refused' | 'rejected' | 'not-implemented' | 'client-bug' | 'not-driven';

export interface CallResult {
  readonly name: string;
  readonly outcome: Outcome;
  readonly detail: string;
  readonly requests: ReadonlyArray<Pick<Exchange, 'method' | 'url' | 'status'>>;
  readonly ms: number;
}

export interface Plan {
  readonly name: string;
  readonly method: MethodInfo;
  readonly step: Step | undefined;
  readonly phase: number;
}

export interface FamilyInputs {
  readonly steps: Steps;
  readonly groupArguments: GroupArguments;
}

const localOf = (m: MethodInfo): string => (m.group === '' ? m.method : `${m.group}.${m.method}`);

/**
 * A begin* method without a step of its own takes the step of the waiting method that calls it (same request),
 * without its `after`: `virtualMachines.shutdown` calls `beginShutdown`, so beginShutdown gets shutdown's body.
 */
function withTwins(methods: readonly MethodInfo[], steps: Steps): Steps {
  const out: Steps = { ...steps };
  for (const plain of methods) {
    const delegate = delegateOf(plain);
    const step = steps[localOf(plain)];
    if (delegate === undefined || step === undefined) continue;
    const begin = `${delegate.group}.${delegate.method}`;
    if (!(begin in out)) out[begin] = { phase: step.phase, ...(step.parameters ? { parameters: step.parameters } : {}), ...(step.args ? { args: step.args } : {}) };
  }
  return out;
}

export function plan(session: Session, inputs: Record<string, FamilyInputs>): Plan[] {
  const out: Plan[] = [];
  for (const { family, methods } of session.families) {
    const steps = withTwins(methods, inputs[family.name]?.steps ?? {});
    for (const method of methods) {
      const local = localOf(method);
      for (const [stepKey, step] of Object.entries(steps).filter(([k]) => k === local || k.startsWith(`${local}#`))) {
        out.push({ name: `${key(method)}${stepKey.slice(local.length)}`, method, step, phase: step.phase });
      }
      if (!(local in steps)) {
        out.push({ name: key(method), method, step: undefined, phase: isRemoval(method) ? DEFAULT_REMOVAL_PHASE : DEFAULT_PHASE });
      }
    }
  }
  // Stable: equal phases keep the family order (mgmt, storage, network, compute) and the method order.
  return out.map((p, i) => ({ p, i })).sort((a, b) => a.p.phase - b.p.phase || a.i - b.i).map(({ p }) => p);
}

function argumentsOf(p: Plan, ctx: RunContext, groupArguments: GroupArguments): unknown[] {
  if (p.step?.args !== undefined) return p.step.args(ctx);
  const overrides = groupArguments[p.method.group] ?? {};
  return p.method.params.map((name) => {
    if (name === 'parameters') return p.step?.parameters?.(ctx) ?? requiredParameters(ctx, p.method.docParams);
    const override = overrides[name];
    return override !== undefined ? override(ctx) : argumentFor(ctx, name);
  });
}

/** The call currently running, so that an exception thrown inside the client's own callbacks is charged to it. */
let settleCurrent: ((err: unknown) => void) | undefined;
process.on('uncaughtException', (err) => {
  if (settleCurrent !== undefined) settleCurrent(err);
  else throw err;
});

interface Settled { err?: unknown; result?: unknown; timedOut?: boolean }

/** Longer than the emulator's asyncDelayMs (setup.ts). */
const ASYNC_SETTLE_MS = 80;

/** How long a request that can never finish (see classify) is given before the call is called stuck. */
const STUCK_MS = 1500;

function call(owner: LooseObject, method: string, args: unknown[], timeoutMs: number, stuck: () => boolean): Promise<Settled> {
  return new Promise((resolve) => {
    let done = false;
    const settle = (s: Settled): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(watch);
      settleCurrent = undefined;
      resolve(s);
    };
    const timer = setTimeout(() => settle({ timedOut: true }), timeoutMs);
    const started = Date.now();
    const watch = setInterval(() => { if (Date.now() - started >= STUCK_MS && stuck()) settle({ timedOut: true }); }, 250);
    settleCurrent = (err) => settle({ err });
    try {
      (owner[method] as AnyFunction).call(owner, ...args, (err: unknown, result: unknown) => settle(err === null || err === undefined ? { result } : { err }));
    } catch (err) {
      settle({ err });
    }
  });
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return `${code !== undefined ? `${String(code)}: ` : ''}${err.message}`.split('\n')[0]!.slice(0, 200);
  }
  return String(err).slice(0, 200);
}

export function errorOfBody(body: string | undefined): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(body ?? '')?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body ?? '')?.[1];
  return [code, message].filter((s) => s !== undefined).join(': ').slice(0, 240);
}

function classify(settled: Settled, sent: Exchange[], accepted: readonly number[]): { outcome: Outcome; detail: string } {
  const last = sent.at(-1);
  if (settled.err === undefined && !settled.timedOut) return { outcome: 'ok', detail: last?.status !== undefined ? String(last.status) : '' };
  if (last === undefined) {
    return { outcome: 'not-driven', detail: `client refused the input before sending: ${errorText(settled.err)}` };
  }
  const failed = sent.find((e) => e.status !== undefined && e.status >= 400) ?? last;
  if (failed.status === undefined) {
    if (failed.bodyless && settled.timedOut) {
      return {
        outcome: 'client-bug',
        detail: `${failed.method} without a body never completes: the WebResource has no 'body', so azure-common's signing filter pipes its request stream, which is never ended`,
      };
    }
    const what = settled.timedOut ? `no answer within the timeout (${failed.method} ${pathOf(failed.url)})` : `transport: ${failed.transportError ?? errorText(settled.err)}`;
    return { outcome: 'refused', detail: what };
  }
  if (failed.status === 501) return { outcome: 'not-implemented', detail: errorOfBody(failed.responseBody) };
  if (failed.status >= 400) return { outcome: 'refused', detail: `${failed.status} ${errorOfBody(failed.responseBody)}` };
  if (settled.timedOut) return { outcome: 'rejected', detail: `no result within the timeout after ${failed.status}` };
  const message = errorText(settled.err);
  // A long-running operation that the emulator let fail: the client reports "<code> : <message>" from the status.
  if (/^[A-Za-z]+ : /.test(message) && sent.some((e) => /\/operations\//.test(e.url))) {
    return { outcome: 'refused', detail: `asynchronous operation Failed: ${message}` };
  }
  // A status the method does not accept: the client's error is then just the answer's body, not worth repeating.
  if (accepted.length > 0 && !accepted.includes(failed.status)) {
    return { outcome: 'rejected', detail: `answer ${failed.status}, client accepts ${accepted.join('/')}` };
  }
  return { outcome: 'rejected', detail: `answer ${failed.status}: ${message}` };
}

export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

export async function runAll(
  session: Session, plans: readonly Plan[], ctx: RunContext, inputs: Record<string, FamilyInputs>,
  options: { timeoutMs: number; onResult?: (r: CallResult) => void },
): Promise<CallResult[]> {
  const results: CallResult[] = [];
  for (const p of plans) {
    const result = await runOne(session, p, ctx, inputs[p.method.family]?.groupArguments ?? {}, options.timeoutMs);
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

/** One planned call, with our client's calls around it (steps.ts, `ours`): a failure of theirs is the call's. */
async function runOne(session: Session, p: Plan, ctx: RunContext, groupArguments: GroupArguments, timeoutMs: number): Promise<CallResult> {
  const client = session.clients.get(p.method.family)!;
  const owner = p.method.group === '' ? client : (client[p.method.group] as LooseObject);
  const before = session.exchanges.length;
  const started = performance.now();
  const unprepared = await ours(p.step?.ours?.before, session, ctx, 'before');
  let settled: Settled = {};
  if (unprepared === undefined) {
    try {
      const stuck = (): boolean => {
        const last = session.exchanges.at(-1);
        return session.exchanges.length > before && last!.bodyless && last!.status === undefined;
      };
      settled = await call(owner, p.method.method, argumentsOf(p, ctx, groupArguments), timeoutMs, stuck);
    } catch (err) {
      settled = { err };
    }
  }
  const sent = session.exchanges.slice(before);
  // A begin* call leaves its operation running; the emulator completes it after a short delay (setup.ts), and
  // until then the resource is locked: wait, so that the next call does not meet a 409 of our own making.
  if (sent.at(-1)?.status === 202) await new Promise((r) => setTimeout(r, ASYNC_SETTLE_MS));
  let { outcome, detail } = unprepared === undefined ? classify(settled, sent, acceptedStatuses(p.method, session.families)) : { outcome: 'refused' as Outcome, detail: unprepared };
  if (outcome === 'ok') {
    const undone = await ours(p.step?.ours?.after, session, ctx, 'after');
    if (undone !== undefined) ({ outcome, detail } = { outcome: 'refused', detail: undone });
  }
  if (outcome === 'ok' && p.step?.after !== undefined) p.step.after((settled.result ?? {}) as Record<string, unknown>, ctx);
  if (outcome === 'ok' && sent.at(-1)?.status === 202) rememberRequestId(settled.result, ctx);
  return {
    name: p.name, outcome, detail, ms: Math.round(performance.now() - started),
    requests: sent.map((e) => ({ method: e.method, url: pathOf(e.url), ...(e.status !== undefined ? { status: e.status } : {}) })),
  };
}

/** Runs our client's call of a step (steps.ts, OurCall); what went wrong, or undefined. */
async function ours(call: OurCall | undefined, session: Session, ctx: RunContext, when: 'before' | 'after'): Promise<string | undefined> {
  if (call === undefined) return undefined;
  try {
    await call(session.sdk, ctx);
    return undefined;
  } catch (err) {
    return `our client's request ${when} the call: ${errorText(err)}`;
  }
}

/** The request id of the last asynchronous operation accepted (202) and not waited for, for getOperationStatus. */
function rememberRequestId(result: unknown, ctx: RunContext): void {
  const id = (result as { requestId?: unknown } | undefined)?.requestId;
  if (typeof id === 'string' && id !== '') ctx.lastRequestId = id;
}
