/**
 * What the per-family input files give: for a method, when it runs (phase) and what it is called with, and what
 * the run learns from its answer. Everything not listed runs with arguments filled in by name (context.ts).
 */
import type { ServiceManagementClient } from '../../generated/index.js';
import type { RunContext } from './context.js';

/**
 * A request the Microsoft client cannot send itself, sent by our own typed client instead: its bodyless POSTs
 * never finish (see runner.ts), yet a later call needs what they do (a virtual IP to remove, a migration undone).
 */
export type OurCall = (sdk: ServiceManagementClient, ctx: RunContext) => Promise<unknown>;

export interface Step {
  /** Lower phases run first; methods without a step run at 60, removals without a step at 92. */
  readonly phase: number;
  /** The `parameters` argument. */
  readonly parameters?: (ctx: RunContext) => unknown;
  /** Positional arguments (callback excluded) to use instead of the ones filled in by name. */
  readonly args?: (ctx: RunContext) => unknown[];
  /** Reads what later calls need from the result. */
  readonly after?: (result: Record<string, unknown>, ctx: RunContext) => void;
  /** Our client's calls just before this one (what it needs) and just after it (what undoes it for later calls). */
  readonly ours?: { readonly before?: OurCall; readonly after?: OurCall };
}

/**
 * Steps of one family, by `group.method` ('getOperationStatus' for the client's own method); `group.method#2`
 * calls the same method once more (a second resource of the same kind, or the other slot).
 */
export type Steps = Record<string, Step>;

/** Arguments by parameter name that differ in one operation group (e.g. `name` is a disk's name in virtualMachineDisks). */
export type GroupArguments = Record<string, Record<string, (ctx: RunContext) => unknown>>;

export const DEFAULT_PHASE = 60;
export const DEFAULT_REMOVAL_PHASE = 92;
