/**
 * One emulator for a whole corpus, and an empty subscription per recording: requests recorded for the zeros
 * subscription go to it, and removing it afterwards frees the names the recording used (cloud service and
 * storage account names are unique across subscriptions). A raw client replays requests as recorded, the
 * typed client prepares state. Also the tallies a run reports.
 */
import { randomUUID } from 'node:crypto';
import { ServiceManagementClient, certificateFromPem } from '../../generated/index.js';
import type { RecordedRequest } from '../../src/emulator/pipeline.js';
import type { Emulator } from '../../src/emulator/server.js';
import { clientFor, startTestEmulator, type Answer, type CallOptions, type TestClient } from '../emulator/helpers.js';
import { RECORDED_SUBSCRIPTION } from './corpus.js';

export interface Bench {
  emulator: Emulator;
  /** A subscription of its own for one recording. */
  forRecording(): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  subscriptionId: string;
  typed: ServiceManagementClient;
  /** The requests the emulator received during this session, oldest first. */
  requests(): RecordedRequest[];
  /** Sends a recorded request (path after the host) to this session's subscription. */
  replay(method: string, recordedPath: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

function typedClient(emulator: Emulator, subscriptionId: string): ServiceManagementClient {
  return new ServiceManagementClient({
    subscriptionId, credential: certificateFromPem({ key: emulator.clientCert.key, cert: emulator.clientCert.cert }),
    endpoint: emulator.url, ca: emulator.caCert, polling: { minDelayMs: 1, maxDelayMs: 5 }, retry: { maxRetries: 0 },
  });
}

/**
 * The typed client is made once: it trusts the emulator's CA on top of the system's roots, which is costly to
 * set up, so every recording reuses one subscription id, emptied between recordings.
 */
export async function startBench(): Promise<Bench> {
  const emulator = await startTestEmulator({ asyncPolls: 0 });
  const raw: TestClient = clientFor(emulator);
  const subscriptionId = randomUUID();
  const typed = typedClient(emulator, subscriptionId);
  return {
    emulator,
    forRecording: async () => {
      emulator.addSubscription({ id: subscriptionId, certificate: emulator.clientCert.cert });
      // The recorded subscriptions ran more than the default limits allow (many VMs of many sizes).
      Object.assign(emulator.state.subscription(subscriptionId)!.properties, { MaxCoreCount: 1000, MaxHostedServices: 1000, MaxStorageAccounts: 1000 });
      const before = emulator.requests.at(-1);
      return {
        subscriptionId, typed,
        requests: () => emulator.requests.slice(before === undefined ? 0 : emulator.requests.indexOf(before) + 1),
        replay: (method, recordedPath, options) => raw.call(method, `/${recordedPath.replace(RECORDED_SUBSCRIPTION, subscriptionId)}`, options),
        close: async () => {
          emulator.removeSubscription(subscriptionId);
          emulator.setAsyncTiming({ polls: 0 });
        },
      };
    },
    close: async () => {
      await Promise.all([raw.close(), typed.close()]);
      await emulator.close();
    },
  };
}

/** Counts by key, printed most frequent first. */
export class Tally {
  readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  top(limit = 12): string {
    return [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([k, n]) => `${k} ×${n}`).join('; ');
  }
}
