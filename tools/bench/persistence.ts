/**
 * Cost of the on-disk store (`dataDir`): one snapshot (temp file, fsync, rename, folder fsync) per mutation.
 * Measures a CreateHostedService round trip with and without a store, and the snapshot write itself as the state
 * grows (it is rewritten whole, so its cost follows the state's size).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceManagementClient, certificateFromPem } from '../../generated/index.js';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { fmt, median } from './measure.js';

function clientOf(emulator: Emulator): ServiceManagementClient {
  return new ServiceManagementClient({
    subscriptionId: emulator.subscriptionId, endpoint: emulator.url, ca: emulator.caCert,
    credential: certificateFromPem({ key: emulator.clientCert.key, cert: emulator.clientCert.cert }),
  });
}

/** Median CreateHostedService time over `count` creations, and the emulator's store figures. */
async function creations(dataDir: string | undefined, count: number): Promise<{ call: number; write?: number; bytes?: number }> {
  const emulator = await startEmulator({ ...(dataDir === undefined ? {} : { dataDir }), asyncPolls: 0 });
  emulator.state.subscription(emulator.subscriptionId)!.properties.MaxHostedServices = count + 10;
  const client = clientOf(emulator);
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await client.createHostedService({ ServiceName: `bench-${i}`, Label: `bench ${i}`, Location: 'West US' });
      times.push(performance.now() - started);
    }
    const store = emulator.store;
    const before = store === undefined ? undefined : { writes: store.writes, ms: store.writeMs };
    // The write alone, at the final state size.
    for (let i = 0; i < 20; i++) store?.save(emulator.state, []);
    return {
      call: median(times),
      ...(store === undefined || before === undefined ? {} : { write: (store.writeMs - before.ms) / (store.writes - before.writes), bytes: statSync(store.file).size }),
    };
  } finally {
    await client.close();
    await emulator.close();
  }
}

export async function benchPersistence(): Promise<string[]> {
  const lines: string[] = [];
  for (const count of [50, 500]) {
    const dir = mkdtempSync(join(tmpdir(), 'asm-bench-store-'));
    try {
      const memory = await creations(undefined, count);
      const disk = await creations(dir, count);
      lines.push(`persistence: CreateHostedService x${count} median ${fmt(disk.call)} with a store vs ${fmt(memory.call)} in memory `
        + `-> +${fmt(disk.call - memory.call)} per mutation; snapshot write ${fmt(disk.write ?? 0)} for a ${((disk.bytes ?? 0) / 1024).toFixed(0)} KiB store`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return lines;
}
