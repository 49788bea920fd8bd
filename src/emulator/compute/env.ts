/** What the compute logic works on: the state, the calling subscription, and the pace at which instances settle. */
import type { AsyncTiming } from '../async-operations.js';
import type { HandlerContext } from '../handlers/types.js';
import type { EmulatorState, SubscriptionState } from '../state.js';

export interface ComputeEnv {
  readonly state: EmulatorState;
  readonly subscription: SubscriptionState;
  readonly timing: AsyncTiming;
}

export function envOf(ctx: HandlerContext): ComputeEnv {
  return { state: ctx.state, subscription: ctx.subscription, timing: ctx.operations.currentTiming };
}

/** A timestamp for generated names, as the service made them: yyyyMMddHHmmssffff. */
export function nameStamp(date = new Date()): string {
  return date.toISOString().replace(/[-:TZ.]/g, '').slice(0, 17).padEnd(18, '0');
}
