/**
 * What goes wrong in one create/read/delete scenario, drawn by fast-check from the seed: emulator faults (error
 * statuses with Retry-After, delays, dropped connections, 307 redirects) on each step, a response lost after the
 * server acted (the reply comes after the client gave up), and a window of refused connections.
 */
import fc from 'fast-check';
import type { Fault } from '../../../src/emulator/faults.js';

export interface StepPlan {
  /** Injected by the emulator before the operation acts. */
  fault?: Fault;
  /** How many requests in a row the fault hits. */
  times: number;
  /** The operation acts, then answers only after the client's timeout: the response is lost. */
  loseResponse: boolean;
  /** Connections are refused for a moment before the call (through the forwarder only). */
  refuse: boolean;
}

export interface ScenarioPlan {
  /** Straight to the emulator, or through the forwarder that can refuse connections. */
  route: 'direct' | 'forwarder';
  create: StepPlan;
  read: StepPlan;
  deleteAsync: boolean;
  remove: StepPlan;
  /** Faults on the status polls of an asynchronous delete. */
  poll: StepPlan;
}

const FAULTS: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant<Fault>({ type: 'error', status: 503, code: 'ServerBusy', retryAfterSeconds: 0 }),
  fc.constant<Fault>({ type: 'error', status: 500, code: 'InternalError' }),
  fc.constant<Fault>({ type: 'error', status: 429, code: 'TooManyRequests', retryAfterSeconds: 0 }),
  fc.constant<Fault>({ type: 'delay', ms: 40 }),
  fc.constant<Fault>({ type: 'reset' }),
  fc.constant<Fault>({ type: 'redirect' }),
);

function step(route: 'direct' | 'forwarder', canLose: boolean): fc.Arbitrary<StepPlan> {
  return fc.record({
    fault: fc.option(FAULTS, { nil: undefined, freq: 2 }),
    times: fc.integer({ min: 1, max: 2 }),
    loseResponse: canLose ? fc.boolean() : fc.constant(false),
    refuse: route === 'forwarder' ? fc.boolean() : fc.constant(false),
  }, { noNullPrototype: true }).map((plan) => {
    // The emulator redirects to its own origin: through the forwarder that is another origin, which gets no
    // client certificate (by design), so redirects are planned on direct routes only.
    if (route === 'forwarder' && plan.fault?.type === 'redirect') return { ...plan, fault: undefined };
    return plan;
  });
}

export const SCENARIO_PLAN: fc.Arbitrary<ScenarioPlan> = fc.constantFrom<'direct' | 'forwarder'>('direct', 'forwarder').chain((route) => fc.record({
  route: fc.constant(route),
  create: step(route, true),
  read: step(route, false),
  deleteAsync: fc.boolean(),
  remove: step(route, true),
  poll: step(route, false),
}, { noNullPrototype: true }));

export function describePlan(plan: ScenarioPlan): string {
  const one = (name: string, s: StepPlan) => `${name}[${s.fault ? `${s.fault.type}${'status' in s.fault ? s.fault.status : ''}x${s.times}` : '-'}${s.loseResponse ? ',lost' : ''}${s.refuse ? ',refused' : ''}]`;
  return `${plan.route} ${one('create', plan.create)} ${one('read', plan.read)} ${one(plan.deleteAsync ? 'delete-async' : 'delete', plan.remove)}${plan.deleteAsync ? ` ${one('poll', plan.poll)}` : ''}`;
}
