/**
 * What the per-family input files give: for a method, when it runs (phase) and what it is called with, and what
 * the run learns from its answer. Everything not listed runs with arguments filled in by name (context.ts).
 */
import type { RunContext } from './context.js';

export interface Step {
  /** Lower phases run first; methods without a step run at 60, removals without a step at 92. */
  readonly phase: number;
  /** The `parameters` argument. */
  readonly parameters?: (ctx: RunContext) => unknown;
  /** Positional arguments (callback excluded) to use instead of the ones filled in by name. */
  readonly args?: (ctx: RunContext) => unknown[];
  /** Reads what later calls need from the result. */
  readonly after?: (result: Record<string, unknown>, ctx: RunContext) => void;
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
