/**
 * One scenario: a careful caller creates a cloud service, reads it and deletes it while faults strike. The SDK
 * retries what is safe to retry; the caller recovers from the rest the way the SDK's errors tell it to (a create
 * whose answer was lost is checked with a read before it is sent again; a delete blocked by an operation in
 * progress waits for that operation). Afterwards the emulator's state and request log are the judges.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateHostedServiceOperation } from '../../../generated/operations/CreateHostedService.js';
import { DeleteHostedServiceOperation } from '../../../generated/operations/DeleteHostedService.js';
import { GetHostedServiceOperation } from '../../../generated/operations/GetHostedService.js';
import type { FaultRule } from '../../../src/emulator/faults.js';
import type { ServiceClient } from '../../../src/client/client.js';
import { invoke, invokeAsync } from '../../../src/client/invoke.js';
import { ConflictError, ResourceNotFoundError, SdkError, ValidationError } from '../../../src/core/errors.js';
import type { ScenarioPlan, StepPlan } from './plan.js';
import type { FaultWorld } from './world.js';

/** Attempts a caller makes at one step before giving up on it. */
const CALLER_ATTEMPTS = 6;
const REFUSAL_MS = 30;

export interface ScenarioResult {
  /** Calls the caller made (each may be several requests: SDK retries and redirects). */
  calls: number;
  creates: number;
  /** Lost create answers the caller recovered from by reading before creating again. */
  recoveredCreates: number;
  /** DELETEs that answered 404 because an earlier attempt (whose answer was lost or retried) had deleted. */
  deleteNotFound: number;
  /** Times the caller waited for the operation holding the service (409 exclusive access). */
  holderWaits: number;
  problems: string[];
}

interface Caller {
  client: ServiceClient;
  result: ScenarioResult;
}

/** Transient from the caller's point of view: the call may or may not have acted. */
function unclear(err: unknown): boolean {
  return err instanceof SdkError && !(err instanceof ValidationError) && !(err instanceof ResourceNotFoundError) && !(err instanceof ConflictError);
}

async function exists(caller: Caller, name: string): Promise<boolean> {
  for (let attempt = 0; attempt < CALLER_ATTEMPTS; attempt++) {
    caller.result.calls++;
    try {
      await invoke(caller.client, GetHostedServiceOperation, { ServiceName: name });
      return true;
    } catch (err) {
      if (err instanceof ResourceNotFoundError) return false;
      if (!unclear(err)) throw err;
    }
  }
  throw new Error(`could not learn whether ${name} exists`);
}

async function ensureCreated(caller: Caller, name: string): Promise<void> {
  for (let attempt = 0; attempt < CALLER_ATTEMPTS; attempt++) {
    caller.result.calls++;
    caller.result.creates++;
    try {
      await invoke(caller.client, CreateHostedServiceOperation, { ServiceName: name, Label: name, Location: 'West US' });
      return;
    } catch (err) {
      const conflict = err instanceof ConflictError;
      if (!conflict && !unclear(err)) throw err;
      // The answer was lost or refused: read before sending the POST again.
      if (await exists(caller, name)) {
        caller.result.recoveredCreates++;
        return;
      }
      if (conflict) throw err;
    }
  }
  throw new Error(`${name} could not be created`);
}

async function deleteOnce(caller: Caller, name: string, async: boolean): Promise<void> {
  caller.result.calls++;
  if (async) await invokeAsync(caller.client, DeleteHostedServiceOperation, { ServiceName: name, DeleteAllMedia: true }, { wait: true });
  else await invoke(caller.client, DeleteHostedServiceOperation, { ServiceName: name });
}

async function ensureDeleted(caller: Caller, name: string, async: boolean): Promise<void> {
  for (let attempt = 0; attempt < CALLER_ATTEMPTS; attempt++) {
    try {
      await deleteOnce(caller, name, async);
      return;
    } catch (err) {
      if (err instanceof ResourceNotFoundError) {
        caller.result.deleteNotFound++;
        return;
      }
      const holder = err instanceof ConflictError ? /x-ms-requestid ([0-9a-f]{32})/i.exec(err.message)?.[1] : undefined;
      if (holder !== undefined) {
        caller.result.holderWaits++;
        caller.result.calls++;
        await caller.client.waitForOperation(holder, { minDelayMs: 5, maxDelayMs: 20 }).catch(() => undefined);
        continue;
      }
      if (!unclear(err)) throw err;
      if (!(await exists(caller, name))) return;
    }
  }
  throw new Error(`${name} could not be deleted`);
}

function rulesFor(operation: string, step: StepPlan): FaultRule[] {
  return step.fault ? [{ operation, times: step.times, fault: step.fault }] : [];
}

/** Arms a step's faults, then runs it. */
async function step(world: FaultWorld, plan: ScenarioPlan, stepPlan: StepPlan, operation: string, extra: FaultRule[], run: () => Promise<void>): Promise<void> {
  world.emulator.setFaults([...rulesFor(operation, stepPlan), ...extra]);
  if (stepPlan.loseResponse) world.loseNextResponse(operation);
  if (stepPlan.refuse && plan.route === 'forwarder') {
    await world.forwarder.refuseFor(REFUSAL_MS);
    // Let the client see its pooled connections close, so that the call meets the refusal itself.
    await sleep(5);
  }
  await run();
}

export async function runScenario(world: FaultWorld, plan: ScenarioPlan, name: string): Promise<ScenarioResult> {
  const result: ScenarioResult = { calls: 0, creates: 0, recoveredCreates: 0, deleteNotFound: 0, holderWaits: 0, problems: [] };
  const caller: Caller = { client: plan.route === 'direct' ? world.direct : world.viaForwarder, result };
  const subscription = world.emulator.state.subscription(world.emulator.subscriptionId)!;
  const key = name.toLowerCase();
  try {
    await step(world, plan, plan.create, 'CreateHostedService', [], () => ensureCreated(caller, name));
    if (!subscription.hostedServices.has(key)) result.problems.push('lost: the caller was told the service exists, the emulator has none');
    await step(world, plan, plan.read, 'GetHostedService', [], async () => {
      if (!(await exists(caller, name))) result.problems.push('lost: a read after create found nothing');
    });
    await step(world, plan, plan.remove, 'DeleteHostedService', plan.deleteAsync ? rulesFor('GetOperationStatus', plan.poll) : [], () => ensureDeleted(caller, name, plan.deleteAsync));
    if (subscription.hostedServices.has(key)) result.problems.push('left behind: the caller was told the service is gone, the emulator still has it');
  } catch (err) {
    result.problems.push(`caller gave up: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  } finally {
    world.emulator.setFaults([]);
  }
  return result;
}
