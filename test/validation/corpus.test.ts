/**
 * The recorded traffic of the live service through validateDocument(): every request body the service accepted
 * validates clean as a request, and every success response body as a response (warnings allowed: the service
 * added members over the years). The one recorded request the service refused for a rule is refused by it too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allOperations, validateDocument, type ValidationResult } from '../../generated/index.js';
import type { OperationDescriptor } from '../../src/core/shapes.js';
import { Router } from '../../src/emulator/router.js';
import { peekBody } from '../../src/emulator/request-body.js';
import { corpusDir, missingCorpusReason, recordings, type Interaction } from '../faithfulness/corpus.js';

const dir = corpusDir();
const router = new Router(allOperations);

/** The operations a recorded exchange may be (several where a URL is shared and the body does not tell). */
function operationsOf(interaction: Interaction): OperationDescriptor[] {
  const url = new URL(interaction.path, 'https://recorded.invalid');
  const peek = peekBody(interaction.requestBody ?? '', 'xml');
  const routed = router.match(interaction.method, url.pathname, url.searchParams, () => peek);
  if (routed.kind === 'match') return [routed.operation];
  return router.candidates(interaction.method, url.pathname, url.searchParams).map((c) => c.operation);
}

function describe(result: ValidationResult): string {
  return result.issues.map((i) => `${i.path}: ${i.rule} (${i.message})`).join('; ');
}

function bodyOf(text: string | null): string | undefined {
  return text === null || text.trim() === '' ? undefined : text;
}

test('every recorded request the service accepted validates clean as a request, every success response as a response', { skip: dir === undefined && missingCorpusReason() }, (t) => {
  const failures: string[] = [];
  let requests = 0;
  let responses = 0;
  for (const client of ['python', 'xplat-cli']) {
    for (const recording of recordings(dir!, client)) {
      recording.interactions.forEach((interaction, index) => {
        const ops = operationsOf(interaction);
        const where = `${recording.name}#${index} ${interaction.method} ${interaction.path.split('?')[0]}`;
        if (ops.length === 0) return failures.push(`${where}: no operation`);
        const request = bodyOf(interaction.requestBody);
        if (request !== undefined && interaction.status < 300 && ops[0]!.request !== undefined) {
          requests++;
          const results = ops.map((op) => validateDocument(op, request, { as: 'request' }));
          if (!results.some((r) => r.valid)) failures.push(`${where}: request: ${describe(results[0]!)}`);
        }
        const response = bodyOf(interaction.responseBody);
        const answering = ops.filter((op) => op.responses.some((r) => r.status === interaction.status && r.body !== undefined && !('text' in r.body)));
        if (response !== undefined && interaction.status < 300 && answering.length > 0) {
          responses++;
          const results = answering.map((op) => validateDocument(op, response, { as: 'response', status: interaction.status }));
          if (!results.some((r) => r.valid)) failures.push(`${where}: response: ${describe(results[0]!)}`);
        }
      });
    }
  }
  assert.deepEqual(failures, []);
  t.diagnostic(`${requests} request bodies and ${responses} response bodies validated`);
  // The corpus holds hundreds of each; a run that checked few would prove little.
  assert.ok(requests >= 40, `only ${requests} request bodies checked`);
  assert.ok(responses >= 300, `only ${responses} response bodies checked`);
});

test('the recorded request the service refused (a storage account name outside its rule) is refused as the service did', { skip: dir === undefined && missingCorpusReason() }, () => {
  const refused = recordings(dir!, 'python').flatMap((r) => r.interactions)
    .filter((i) => i.method === 'POST' && /\/services\/storageservices$/.test(i.path) && i.status === 400 && bodyOf(i.requestBody) !== undefined);
  assert.ok(refused.length >= 1, 'the corpus records a refused CreateStorageAccount');
  for (const interaction of refused) {
    const result = validateDocument('CreateStorageAccount', interaction.requestBody!);
    assert.deepEqual(result.issues.map((i) => `${i.path}: ${i.rule}`), ['CreateStorageServiceInput.ServiceName: pattern']);
  }
});
