/**
 * Authenticated creation flood (issue #16, third round): the owner's certificate creates as many of the cheapest
 * resources as it can — affinity groups (the service's limit: 256), then disks (no documented limit: the
 * emulator's bound, EmulatorOptions.bounds.disks) — `concurrency` at a time. Before, every creation succeeded and
 * the emulator's memory grew with each; now those past the limit are refused and rss stays flat.
 */
import { ServiceManagementClient, certificateFromPem } from '../../../generated/index.js';
import { ServiceError } from '../../../src/core/errors.js';
import { DOCUMENTED_LIMITS } from '../../../src/emulator/quotas.js';
import { addFailure, formatCounts, increment, type SuiteReport } from '../report.js';
import type { Target } from './target.js';

export interface CreationFloodOptions {
  affinityGroups: number;
  disks: number;
  /** The disk bound the target runs with. */
  diskBound: number;
  concurrency: number;
}

const STORE = 'floodstore';

async function flood(count: number, concurrency: number, create: (i: number) => Promise<unknown>): Promise<{ created: number; answers: Map<string, number>; ms: number }> {
  const answers = new Map<string, number>();
  let created = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      try {
        await create(i);
        created++;
      } catch (err) {
        increment(answers, err instanceof ServiceError ? `${err.statusCode} ${err.code}` : err instanceof Error ? err.name : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { created, answers, ms: performance.now() - started };
}

export async function creationFlood(target: Target, options: CreationFloodOptions, report: SuiteReport): Promise<void> {
  const client = new ServiceManagementClient({
    subscriptionId: target.subscriptionId, credential: certificateFromPem({ key: target.key, cert: target.cert }), endpoint: target.url, ca: target.ca,
    retry: { maxRetries: 0 }, polling: { minDelayMs: 5, maxDelayMs: 20 },
  });
  try {
    await client.createStorageAccount({ ServiceName: STORE, Label: STORE, Location: 'West US' }, { wait: true });
    const before = await target.figures();
    const groups = await flood(options.affinityGroups, options.concurrency, (i) => client.createAffinityGroup({ Name: `flood${i}`, Label: 'f', Location: 'West US' }));
    const disks = await flood(options.disks, options.concurrency, (i) => client.addDisk({ Name: `flood${i}`, Label: 'f', MediaLink: `https://${STORE}.blob.core.windows.net/vhds/flood${i}.vhd` }));
    const after = await target.figures();
    const refused = (r: typeof groups) => [...r.answers.values()].reduce((a, b) => a + b, 0);
    report.figures.push(
      ['creation flood: affinity groups', `${options.affinityGroups} tried in ${(groups.ms / 1000).toFixed(1)} s: ${groups.created} created, ${refused(groups)} refused (${formatCounts(groups.answers)})`],
      ['creation flood: disks', `${options.disks} tried in ${(disks.ms / 1000).toFixed(1)} s: ${disks.created} created, ${refused(disks)} refused (${formatCounts(disks.answers)})`],
      ['creation flood: emulator rss', `${before?.rssMiB} MiB before, peak ${after?.peakRssMiB} MiB, ${after?.rssMiB} MiB after (collected)`],
    );
    const expectedGroups = Math.min(options.affinityGroups, DOCUMENTED_LIMITS.affinityGroups);
    if (groups.created !== expectedGroups) addFailure(report, `creation flood: ${groups.created} affinity groups created, expected ${expectedGroups} (the service's limit)`);
    if (refused(groups) !== (groups.answers.get('400 BadRequest') ?? 0)) addFailure(report, `creation flood: affinity groups refused otherwise than 400 BadRequest: ${formatCounts(groups.answers)}`);
    const expectedDisks = Math.min(options.disks, options.diskBound);
    if (disks.created !== expectedDisks) addFailure(report, `creation flood: ${disks.created} disks created, expected ${expectedDisks} (the emulator's bound)`);
    if (refused(disks) !== (disks.answers.get('409 ConflictError') ?? 0)) addFailure(report, `creation flood: disks refused otherwise than 409 ConflictError: ${formatCounts(disks.answers)}`);
  } finally {
    await client.close();
  }
}
