/**
 * Emulator handlers for the virtual machine operations the facade maps onto, for tests of the mapping itself:
 * each records what the emulator read from the request (parameters, and the body already parsed and checked
 * against the spec) and answers as the service does (202 for asynchronous operations, a body for reads). They
 * replace the emulator's own handlers in the tests that use them, so those tests do not depend on how far the
 * emulator's virtual machine semantics have come.
 */
import { accepted, done, type HandlerContext, type HandlerTable } from '../../src/emulator/handlers/types.js';

export interface Recorded {
  params: Readonly<Record<string, unknown>>;
  body: unknown;
}

/** What each test answers for reads, by operation. */
export interface ReadFixtures {
  GetRole: unknown;
  GetDeployment: unknown;
  GetDeploymentBySlot: unknown;
  GetOSImage: unknown;
  ListOSImages: unknown[];
  GetStorageAccountKeys: unknown;
}

export interface Recorder {
  handlers: HandlerTable;
  /** Everything each operation received, oldest first. */
  calls: Map<string, Recorded[]>;
  last(operation: string): Recorded;
}

const ASYNC_OPERATIONS = [
  'CreateVirtualMachineDeployment', 'AddRole', 'UpdateRole', 'DeleteRole', 'AddDataDisk', 'DeleteDataDisk',
  'ShutdownRole', 'RestartRole', 'CaptureRole',
];

export function recordingHandlers(fixtures: ReadFixtures): Recorder {
  const calls = new Map<string, Recorded[]>();
  const record = (ctx: HandlerContext): void => {
    const list = calls.get(ctx.operation.name) ?? [];
    list.push({ params: ctx.params, body: ctx.body });
    calls.set(ctx.operation.name, list);
  };
  const handlers: Record<string, (ctx: HandlerContext) => ReturnType<typeof done>> = {};
  for (const name of ASYNC_OPERATIONS) {
    handlers[name] = (ctx) => {
      record(ctx);
      return accepted({ complete: () => undefined });
    };
  }
  // UpdateDataDisk answers 200 at once.
  handlers['UpdateDataDisk'] = (ctx) => {
    record(ctx);
    return done(200);
  };
  handlers['AddOSImage'] = (ctx) => {
    record(ctx);
    return done(200, ctx.body);
  };
  for (const [name, body] of Object.entries(fixtures)) {
    handlers[name] = (ctx) => {
      record(ctx);
      return done(200, body);
    };
  }
  return {
    handlers,
    calls,
    last(operation) {
      const list = calls.get(operation);
      if (list === undefined || list.length === 0) throw new Error(`no ${operation} request reached the emulator`);
      return list[list.length - 1]!;
    },
  };
}
