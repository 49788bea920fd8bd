/**
 * The suites by name, each at two scales: `full` for `npm run reliability`, `sample` for the short runs in
 * test/reliability (a few seconds in all). Loaded lazily, so that a child process imports only its own suite.
 */
import type { SuiteReport } from './report.js';

export type Scale = 'full' | 'sample';

export interface SuiteRun {
  scale: Scale;
  seed: number;
  /** Replays one fuzz case. */
  onlyCase?: number;
}

type SuiteEntry = (run: SuiteRun) => Promise<SuiteReport>;

export const SUITES: Readonly<Record<string, SuiteEntry>> = {
  fuzz: async ({ scale, seed, onlyCase }) => (await import('./fuzz/suite.js')).fuzzSuite({
    seed, cases: scale === 'full' ? 10_000 : 150, concurrency: 16, ...(onlyCase === undefined ? {} : { onlyCase }),
    oversizeMiB: scale === 'full' ? [16, 64, 256] : [2],
    redactionRepeats: scale === 'full' ? [4_000, 8_000, 16_000, 32_000] : [1_000],
  }),
  faults: async ({ scale, seed }) => (await import('./faults/suite.js')).faultSuite({ seed, scenarios: scale === 'full' ? 200 : 4 }),
  inputs: async ({ scale, seed }) => (await import('./inputs/suite.js')).inputSuite({
    seed, perOperation: scale === 'full' ? 40 : 6, ...(scale === 'full' ? {} : { operations: 40 }),
  }),
  secrets: async () => (await import('./secrets/suite.js')).secretsSuite(),
  tls: async () => (await import('./tls/suite.js')).tlsSuite(),
  attack: async ({ scale }) => (await import('./attack/suite.js')).attackSuite(scale === 'full'
    ? { floods: 1_000, floodMiB: 30, floodConcurrency: 32, slowConnections: 100, bigBodyMiB: 29, emulator: {}, holdLimitMs: 35_000, judgeLatency: true, creations: { affinityGroups: 100_000, disks: 10_000, diskBound: 2_000, concurrency: 16 } }
    : { floods: 12, floodMiB: 30, floodConcurrency: 4, slowConnections: 3, bigBodyMiB: 29, emulator: { requestTimeoutMs: 2_000, headersTimeoutMs: 1_000, bounds: { disks: 100 } }, holdLimitMs: 6_000, judgeLatency: false, creations: { affinityGroups: 400, disks: 150, diskBound: 100, concurrency: 8 } }),
  load: async ({ scale }) => (await import('./load/suite.js')).loadSuite(scale === 'full' ? { rounds: 5, calls: 1_000, waits: 100 } : { rounds: 1, calls: 50, waits: 5 }),
};

export const SUITE_NAMES = Object.keys(SUITES);
