/**
 * Faithfulness (a): every recorded request of the Python SDK's cassettes, replayed in order against a fresh
 * emulator prepared with what the recording assumes exists. Each answer must have the recorded status class
 * (2xx/4xx) and parse with the typed client's shapes; its element names and order are compared with the
 * recorded answer too. Operation ids are mapped from the recorded ones to the emulator's, and each
 * asynchronous request takes as many InProgress polls as the recording shows, so that polls answer as recorded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusDir, headerOf, missingCorpusReason, recordings, writeReport, type Interaction, type Recording } from './corpus.js';
import { readAsClient } from './client-shapes.js';
import { startBench, Tally, type Bench, type Session } from './harness.js';
import { establish, preconditionsOf } from './python-preconditions.js';
import { compareShapes, shapeOf, verdictOf } from './xml-shape.js';

const corpus = corpusDir();

interface Figures {
  replayed: number;
  statusMatched: number;
  statusMismatches: string[];
  parsed: number;
  parseFailures: string[];
  operationStatusMatched: number;
  operationStatusPolls: number;
  shapes: Tally;
  missing: Tally;
  shapeMismatches: string[];
}

const OPERATION_PATH = /^(\/[^/]+\/operations\/)([0-9a-f-]{32,36})$/i;

/**
 * InProgress answers the recording shows for the request whose response carried `requestId`; a request it never
 * polls stays in progress (1), as it was when the recording read the state right after it.
 */
function recordedPolls(interactions: readonly Interaction[], requestId: string | undefined): number {
  const polls = interactions.filter((i) => requestId !== undefined && i.path.endsWith(`/operations/${requestId}`));
  return polls.length === 0 ? 1 : polls.filter((i) => i.responseBody.includes('<Status>InProgress</Status>')).length;
}

async function replayOne(bench: Bench, session: Session, recording: Recording, index: number, ids: Map<string, string>, figures: Figures): Promise<void> {
  const recorded = recording.interactions[index]!;
  const recordedId = headerOf(recorded.responseHeaders, 'x-ms-request-id');
  bench.emulator.setAsyncTiming({ polls: recordedPolls(recording.interactions, recordedId) });
  const path = recorded.path.replace(OPERATION_PATH, (_m, prefix: string, id: string) => `${prefix}${ids.get(id) ?? id}`);
  const contentType = headerOf(recorded.requestHeaders, 'content-type');
  const answer = await session.replay(recorded.method, path, {
    ...(recorded.requestBody === null ? {} : { body: recorded.requestBody }),
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    version: headerOf(recorded.requestHeaders, 'x-ms-version') ?? '2014-10-01',
  });
  if (recordedId !== undefined) ids.set(recordedId, String(answer.headers['x-ms-request-id']));
  const where = `${recording.name}#${index} ${recorded.method} ${recorded.path.split('?')[0]}`;
  figures.replayed++;
  if (Math.floor(answer.status / 100) === Math.floor(recorded.status / 100)) figures.statusMatched++;
  else figures.statusMismatches.push(`${where}: recorded ${recorded.status}, emulator ${answer.status} ${answer.text.slice(0, 200)}`);
  const operation = bench.emulator.requests.at(-1)?.operation ?? '?';
  const read = readAsClient(operation, answer.status, answer.text);
  if (read.ok) figures.parsed++;
  else figures.parseFailures.push(`${where}: ${read.error ?? `unmapped ${read.unmapped.join(', ')}`}`);
  if (operation === 'GetOperationStatus') {
    figures.operationStatusPolls++;
    if (/<Status>(\w+)</.exec(answer.text)?.[1] === /<Status>(\w+)</.exec(recorded.responseBody)?.[1]) figures.operationStatusMatched++;
  }
  if (recorded.responseBody.startsWith('<') && answer.text.startsWith('<')) {
    const difference = compareShapes(shapeOf(answer.text), shapeOf(recorded.responseBody));
    figures.shapes.add(verdictOf(difference));
    for (const name of difference.missing) figures.missing.add(name);
    if (verdictOf(difference) === 'mismatch') figures.shapeMismatches.push(`${where}: extra ${difference.extra.join(', ') || '-'}; order ${difference.order.join(', ') || '-'}`);
  }
}

test('the emulator accepts every recorded request of the Python SDK, as the service answered it', { skip: corpus === undefined ? missingCorpusReason() : false }, async (t) => {
  const figures: Figures = { replayed: 0, statusMatched: 0, statusMismatches: [], parsed: 0, parseFailures: [], operationStatusMatched: 0, operationStatusPolls: 0, shapes: new Tally(), missing: new Tally(), shapeMismatches: [] };
  const all = recordings(corpus!, 'python');
  const bench = await startBench();
  try {
    for (const recording of all) {
      const session = await bench.forRecording();
      try {
        await establish(session.typed, preconditionsOf(recording));
        const ids = new Map<string, string>();
        for (let i = 0; i < recording.interactions.length; i++) await replayOne(bench, session, recording, i, ids, figures);
      } finally {
        await session.close();
      }
    }
  } finally {
    await bench.close();
  }
  t.diagnostic(`python: ${all.length} recordings, ${figures.replayed} requests replayed; status class matched ${figures.statusMatched}, mismatched ${figures.statusMismatches.length}`);
  t.diagnostic(`python: answers parsed with the client's shapes ${figures.parsed}/${figures.replayed}; operation status values as recorded ${figures.operationStatusMatched}/${figures.operationStatusPolls}`);
  t.diagnostic(`python: answer shapes vs recorded: ${figures.shapes.top()}`);
  t.diagnostic(`python: shape mismatches: ${figures.shapeMismatches.join(' | ') || 'none'}`);
  t.diagnostic(`python: elements the service wrote and the emulator did not: ${figures.missing.top(20)}`);
  writeReport('python', figures);
  assert.deepEqual(figures.statusMismatches, []);
  assert.deepEqual(figures.parseFailures, []);
});
