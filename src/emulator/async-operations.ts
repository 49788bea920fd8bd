/**
 * Requests as GetOperationStatus reports them. An asynchronous request is InProgress until it completes — by
 * default after a short delay (DEFAULT_ASYNC_DELAY_MS), as the service completed them whether or not anyone
 * polled; or, for deterministic tests, after a number of status polls — and its work (the state change) runs at
 * completion, so that a client sees the world change only when the operation says Succeeded. Synchronous
 * mutations are recorded as already finished, because clients (Python's) poll those ids too.
 */
import { ApiError } from './api-error.js';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

export interface OperationView {
  /** 32 hex characters, as in x-ms-request-id. */
  id: string;
  status: OperationStatus;
  httpStatusCode?: number;
  error?: { code: string; message: string };
}

/** Deferred work of an asynchronous request. */
export interface AsyncWork {
  /** Applies the state change; throws ApiError when the work cannot be done (the operation then Fails). */
  complete(): void;
  /**
   * A resource the operation holds exclusively until it completes, as a path (`hostedservices/svc1/deployments/d1`):
   * holding it also holds everything under it and blocks whatever holds something above it.
   */
  resource?: string;
}

export interface AsyncTiming {
  /** Number of status polls that answer InProgress before the operation completes (when no delayMs is set). */
  polls: number;
  /** When set, the operation completes after this many milliseconds, polled or not, instead of counting polls. */
  delayMs?: number;
}

/**
 * How long an asynchronous operation runs by default. The service completed operations on its own, so a client
 * that never polls must find its resource free again soon after; 20 ms is longer than a status poll takes on
 * loopback (1–5 ms), so a client that polls at once still sees InProgress first, as it did against the service,
 * and short enough that a test waiting for completion stays fast.
 */
export const DEFAULT_ASYNC_DELAY_MS = 20;

/**
 * The timing the emulator's options ask for: a delay when `delayMs` is given (it wins over `polls`), counted
 * polls when only `polls` is given (0 completes at once), else completion after DEFAULT_ASYNC_DELAY_MS.
 */
export function asyncTimingOf(polls: number | undefined, delayMs: number | undefined): AsyncTiming {
  if (delayMs !== undefined) return { polls: polls ?? 0, delayMs };
  if (polls !== undefined) return { polls };
  return { polls: 0, delayMs: DEFAULT_ASYNC_DELAY_MS };
}

/** An operation as the store (persistence.ts) keeps it: its view and subscription, without its work. */
export interface PersistedOperation extends OperationView {
  subscriptionId: string;
}

/**
 * What an operation still in progress when the emulator stopped becomes at the next start. Its work (the state
 * change) runs only at completion and was never applied, so the state is as before the request; failing it tells
 * a client that polls to send the request again, where completing it would need the work, which is not stored.
 */
export const INTERRUPTED_ERROR = {
  code: 'InternalError',
  message: 'The operation was interrupted: the emulator stopped before it completed. Send the request again.',
};

interface TrackedOperation extends OperationView {
  subscriptionId: string;
  work?: AsyncWork;
  pollsLeft: number;
  timer?: NodeJS.Timeout;
}

/** Finished records kept for polling; older ones are forgotten first. */
const KEEP_FINISHED = 10_000;

export class AsyncOperations {
  private readonly operations = new Map<string, TrackedOperation>();
  /** Called after an operation finishes (its work applied or failed): the store saves then. */
  private readonly finishListeners: ((op: PersistedOperation) => void)[] = [];

  constructor(private timing: AsyncTiming) {}

  setTiming(timing: AsyncTiming): void {
    this.timing = timing;
  }

  /** How operations started now complete; role instances settle at the same pace (instance-progress.ts). */
  get currentTiming(): AsyncTiming {
    return this.timing;
  }

  /** Records a request that finished at once. */
  recordFinished(id: string, subscriptionId: string, httpStatusCode: number, error?: { code: string; message: string }): void {
    const failed = httpStatusCode >= 400;
    this.remember({
      id, subscriptionId, status: failed ? 'Failed' : 'Succeeded', httpStatusCode, pollsLeft: 0,
      ...(failed && error !== undefined ? { error } : {}),
    });
  }

  /**
   * Refuses a new asynchronous request while the subscription has `maximum` in progress: an operation that is
   * never polled (with polls-driven timing) stays InProgress, holding its work, and is never forgotten.
   */
  assertRoomFor(subscriptionId: string, maximum: number): void {
    let inProgress = 0;
    for (const op of this.operations.values()) if (op.status === 'InProgress' && op.subscriptionId === subscriptionId) inProgress++;
    if (inProgress < maximum) return;
    throw new ApiError(409, 'ConflictError', `The emulator keeps at most ${maximum} operations in progress per subscription (EmulatorOptions.bounds.operationsInProgress); ${inProgress} are. Wait for some to finish.`);
  }

  /** Registers an accepted asynchronous request; its work runs when it completes. */
  start(id: string, subscriptionId: string, work: AsyncWork): void {
    const op: TrackedOperation = { id, subscriptionId, status: 'InProgress', work, pollsLeft: this.timing.polls };
    this.remember(op);
    if (this.timing.delayMs !== undefined) {
      op.timer = setTimeout(() => this.finish(op), this.timing.delayMs);
      op.timer.unref();
    } else if (op.pollsLeft <= 0) {
      this.finish(op);
    }
  }

  /** The status a poll sees; counting polls moves a pending operation toward completion. */
  poll(id: string, subscriptionId: string): OperationView | undefined {
    const op = this.operations.get(normalizeId(id));
    if (op === undefined || op.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) return undefined;
    if (op.status === 'InProgress' && op.timer === undefined) {
      if (op.pollsLeft > 0) op.pollsLeft--;
      else this.finish(op);
    }
    return viewOf(op);
  }

  /** The status of an operation without counting it as a poll. */
  peek(id: string): PersistedOperation | undefined {
    const op = this.operations.get(normalizeId(id));
    return op === undefined ? undefined : { ...viewOf(op), subscriptionId: op.subscriptionId };
  }

  /** The id of an operation in progress that holds `resource`, something under it or something above it, if any. */
  holder(subscriptionId: string, resource: string): string | undefined {
    for (const op of this.operations.values()) {
      const held = op.work?.resource;
      if (op.status === 'InProgress' && held !== undefined && overlaps(held, resource)
        && op.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()) {
        return op.id;
      }
    }
    return undefined;
  }

  /** Forgets every operation of a subscription (it was removed), pending ones included: their work never runs. */
  forget(subscriptionId: string): void {
    for (const [key, op] of this.operations) {
      if (op.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) continue;
      if (op.timer !== undefined) clearTimeout(op.timer);
      this.operations.delete(key);
    }
  }

  onFinish(listener: (op: PersistedOperation) => void): void {
    this.finishListeners.push(listener);
  }

  /** Every remembered operation, for the store. */
  exportOperations(): PersistedOperation[] {
    return [...this.operations.values()].map((op) => ({ ...viewOf(op), subscriptionId: op.subscriptionId }));
  }

  /** Operations of a previous run; those it left InProgress are Failed (see INTERRUPTED_ERROR). */
  importOperations(saved: readonly PersistedOperation[]): void {
    for (const op of saved) {
      const interrupted = op.status === 'InProgress';
      this.remember({
        id: op.id, subscriptionId: op.subscriptionId, pollsLeft: 0,
        status: interrupted ? 'Failed' : op.status,
        ...(interrupted ? { httpStatusCode: 500, error: INTERRUPTED_ERROR } : {}),
        ...(!interrupted && op.httpStatusCode !== undefined ? { httpStatusCode: op.httpStatusCode } : {}),
        ...(!interrupted && op.error !== undefined ? { error: op.error } : {}),
      });
    }
  }

  /** Stops pending timers (the emulator is closing); pending operations stay InProgress. */
  close(): void {
    for (const op of this.operations.values()) if (op.timer !== undefined) clearTimeout(op.timer);
  }

  private finish(op: TrackedOperation): void {
    if (op.status !== 'InProgress') return;
    try {
      op.work?.complete();
      op.status = 'Succeeded';
      op.httpStatusCode = 200;
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(500, 'InternalError', 'The server encountered an internal error. Please retry the request.');
      op.status = 'Failed';
      op.httpStatusCode = apiError.status;
      op.error = { code: apiError.code, message: apiError.message };
    }
    delete op.work;
    delete op.timer;
    for (const listener of this.finishListeners) listener({ ...viewOf(op), subscriptionId: op.subscriptionId });
  }

  private remember(op: TrackedOperation): void {
    this.operations.set(normalizeId(op.id), op);
    if (this.operations.size <= KEEP_FINISHED) return;
    for (const [key, old] of this.operations) {
      if (old.status !== 'InProgress') {
        this.operations.delete(key);
        return;
      }
    }
  }
}

/** Two resource paths overlap when they are equal or one lies under the other. */
function overlaps(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

function viewOf(op: TrackedOperation): OperationView {
  return {
    id: op.id, status: op.status,
    ...(op.httpStatusCode === undefined ? {} : { httpStatusCode: op.httpStatusCode }),
    ...(op.error === undefined ? {} : { error: op.error }),
  };
}

/** Request ids are polled as sent (32 hex) or in GUID form; both name the same operation. */
export function normalizeId(id: string): string {
  return id.replace(/-/g, '').toLowerCase();
}

/** The GUID form the service shows in <Operation><ID>. */
export function guidForm(id: string): string {
  const hex = normalizeId(id);
  if (!/^[0-9a-f]{32}$/.test(hex)) return id;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
