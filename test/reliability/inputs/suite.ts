/**
 * The bad-input suite: for every operation, a valid input generated from its shapes, then seeded mutations of it,
 * each sent through the client to a counting server. Rules: a broken input is refused with a ValidationError that
 * names the broken field, and nothing reaches the server; a hostile parameter value is either refused so, or sent
 * encoded into exactly its own place (the server's received path and query are checked); a valid input is sent.
 */
import fc from 'fast-check';
import { serviceShape } from '../../../generated/service.js';
import { allOperations } from '../../../generated/operations/index.js';
import { ServiceClient } from '../../../src/client/client.js';
import { invoke } from '../../../src/client/invoke.js';
import { certificateFromPem } from '../../../src/client/credentials.js';
import { ValidationError } from '../../../src/core/errors.js';
import type { OperationDescriptor } from '../../../src/core/shapes.js';
import { testPki } from '../../support/pki.js';
import { label, settle } from '../outcome.js';
import { startScriptedServer, type ScriptedServer } from '../../support/scripted-server.js';
import { addFailure, formatCounts, increment, newReport, type SuiteReport } from '../report.js';
import { ValueArbitraries, inputArbitrary } from '../shape-values.js';
import { fieldsOf } from './fields.js';
import { mutationArbitrary, type Mutation } from './mutations.js';
import { pathMismatch } from './path-check.js';
import { settingsSection } from './settings.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-00000000ba5e';

export interface InputSuiteOptions {
  seed: number;
  /** Mutations per operation. */
  perOperation: number;
  /** Only the first n operations (sample runs). */
  operations?: number;
}

interface Tally {
  outcomes: Map<string, number>;
  byKind: Map<string, Map<string, number>>;
  sent: number;
}

/** The outcome of one mutation: `refused`, `sent`, or a failure description. */
async function attempt(client: ServiceClient, server: ScriptedServer, op: OperationDescriptor, m: Mutation): Promise<{ outcome: string; problem?: string }> {
  const before = server.requests.length;
  const ending = await settle(() => invoke(client, op, m.input), 10_000);
  const sent = server.requests.slice(before);
  if (ending.kind === 'error' && ending.error instanceof ValidationError) {
    if (sent.length > 0) return { outcome: 'failure', problem: `refused, yet ${sent.length} request(s) were sent` };
    const named = ending.error.issues.map((i) => i.path);
    if (m.field !== undefined && !named.includes(m.field)) return { outcome: 'failure', problem: `the ValidationError names ${named.join(', ')}, not ${m.field}` };
    return { outcome: 'refused' };
  }
  if (m.mustRefuse) return { outcome: 'failure', problem: `not refused: ${label(ending)}, ${sent.length} request(s) sent` };
  if (ending.kind === 'hang' || sent.length !== 1) return { outcome: 'failure', problem: `${label(ending)} with ${sent.length} request(s) sent` };
  const mismatch = pathMismatch(op, SUBSCRIPTION, m.input, sent[0]!.path);
  return mismatch ? { outcome: 'failure', problem: `unintended path: ${mismatch}` } : { outcome: 'sent' };
}

async function exercise(report: SuiteReport, tally: Tally, client: ServiceClient, server: ScriptedServer, op: OperationDescriptor, seed: number, count: number): Promise<void> {
  const base = fc.sample(inputArbitrary(op, new ValueArbitraries('input')), { seed, numRuns: 1 })[0]!;
  const mutations = fc.sample(mutationArbitrary(op, base, fieldsOf(op, base)), { seed, numRuns: count });
  for (const m of mutations) {
    const { outcome, problem } = await attempt(client, server, op, m);
    increment(tally.outcomes, outcome);
    const kind = tally.byKind.get(m.kind) ?? new Map<string, number>();
    increment(kind, outcome);
    tally.byKind.set(m.kind, kind);
    if (problem) addFailure(report, `${op.name} ${m.kind}${m.field ? ` ${m.field}` : ''}: ${problem}`, 40);
  }
}

export async function inputSuite(options: InputSuiteOptions): Promise<SuiteReport> {
  const report = newReport('bad input from the caller');
  const pki = testPki();
  const server = await startScriptedServer({ certificate: pki.server });
  server.handle(() => ({ head: 'HTTP/1.1 200 OK\r\nx-ms-request-id: input\r\nContent-Length: 0\r\n\r\n' }));
  const client = new ServiceClient({
    subscriptionId: SUBSCRIPTION, credential: certificateFromPem(pki.client), endpoint: server.url, ca: pki.ca.cert, proxy: false, retry: { maxRetries: 0 },
  }, serviceShape);
  const operations = allOperations.slice(0, options.operations ?? allOperations.length);
  const tally: Tally = { outcomes: new Map(), byKind: new Map(), sent: 0 };
  const started = performance.now();
  try {
    for (const [i, op] of operations.entries()) await exercise(report, tally, client, server, op, options.seed + i, options.perOperation);
  } finally {
    await client.close();
  }
  report.figures.push(
    ['seed', options.seed], ['operations', `${operations.length} (${operations.filter((o) => o.request).length} with a body)`],
    ['mutations', [...tally.outcomes.values()].reduce((a, b) => a + b, 0)], ['outcomes', formatCounts(tally.outcomes)],
  );
  for (const [kind, counts] of [...tally.byKind].sort()) report.figures.push([`  ${kind}`, formatCounts(counts)]);
  report.figures.push(['requests the server received', server.requests.length], ['wall time (s)', Math.round((performance.now() - started) / 1000)]);
  try {
    await settingsSection(report, server);
  } finally {
    await server.close();
  }
  return report;
}
