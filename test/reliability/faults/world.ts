/**
 * The fault suite's world: an emulator whose create and delete handlers can act and then answer too late (a lost
 * response), a forwarder that can refuse connections, and one client per route, whose retries are counted from
 * its log.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { serviceShape } from '../../../generated/service.js';
import { defaultHandlers, type Handler } from '../../../src/emulator/handlers/index.js';
import { handlerOf } from '../../../src/emulator/handlers/types.js';
import type { Emulator } from '../../../src/emulator/server.js';
import { ServiceClient } from '../../../src/client/client.js';
import { certificateFromPem } from '../../../src/client/credentials.js';
import { startTestEmulator } from '../../emulator/helpers.js';
import { startRefusingForwarder, type RefusingForwarder } from './refusing-forwarder.js';

/** Per attempt, by default; a lost response arrives 200 ms after the client gave up. */
export const CLIENT_TIMEOUT_MS = 400;

export interface Counters {
  retries: number;
  /** Retries after ECONNREFUSED: the one case where the SDK sends a POST again. */
  refusedRetries: number;
  lostResponses: number;
}

export interface FaultWorld {
  readonly emulator: Emulator;
  readonly forwarder: RefusingForwarder;
  readonly direct: ServiceClient;
  readonly viaForwarder: ServiceClient;
  readonly counters: Counters;
  /** The clients' per-attempt timeout. */
  readonly timeoutMs: number;
  /** The next call of this operation acts, then answers after the client's timeout. */
  loseNextResponse(operation: string): void;
  close(): Promise<void>;
}

export async function startFaultWorld(timeoutMs = CLIENT_TIMEOUT_MS): Promise<FaultWorld> {
  const counters: Counters = { retries: 0, refusedRetries: 0, lostResponses: 0 };
  let losing: string | undefined;
  const actThenStall = (name: string): Handler => async (ctx) => {
    const result = await handlerOf(defaultHandlers, name)!(ctx);
    if (losing === name) {
      losing = undefined;
      counters.lostResponses++;
      await sleep(timeoutMs + 200);
    }
    return result;
  };
  const emulator = await startTestEmulator({
    asyncPolls: 1,
    handlers: { CreateHostedService: actThenStall('CreateHostedService'), DeleteHostedService: actThenStall('DeleteHostedService') },
  });
  // Scenarios whose deletes are slow may briefly hold more services than the default quota of 20.
  emulator.state.subscription(emulator.subscriptionId)!.properties.MaxHostedServices = 100_000;
  const forwarder = await startRefusingForwarder(emulator.port);
  const client = (endpoint: string) => new ServiceClient({
    subscriptionId: emulator.subscriptionId, credential: certificateFromPem(emulator.clientCert), endpoint, ca: emulator.caCert, proxy: false,
    retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 100 }, timeoutMs,
    polling: { minDelayMs: 5, maxDelayMs: 20, timeoutMs: 10_000 },
    logger: (entry) => {
      if (entry.retryInMs === undefined) return;
      counters.retries++;
      if (entry.message.includes('ECONNREFUSED')) counters.refusedRetries++;
    },
  }, serviceShape);
  const direct = client(emulator.url);
  const viaForwarder = client(forwarder.url);
  return {
    emulator, forwarder, direct, viaForwarder, counters, timeoutMs,
    loseNextResponse: (operation) => { losing = operation; },
    close: async () => {
      await direct.close();
      await viaForwarder.close();
      await forwarder.close();
      await emulator.close();
    },
  };
}
