/**
 * A hostile server's 10 MB error text (issue #16, second round): an <Error><Message> or a failed operation's
 * message was copied whole into the error's message, detail, stack, JSON and inspect output (10 MB each), and so
 * into every log line a caller writes. The error now keeps 4,096 characters of message and detail and 64 KiB of raw
 * body, and says how much it left out.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';
import { createServiceClient } from '../../generated/service.js';
import { GetHostedServiceOperation } from '../../generated/operations/GetHostedService.js';
import { DeleteHostedServiceOperation } from '../../generated/operations/DeleteHostedService.js';
import type { ServiceClient } from '../../src/client/client.js';
import { invoke, invokeAsync } from '../../src/client/invoke.js';
import { certificateFromPem } from '../../src/client/credentials.js';
import { BadRequestError, OperationFailedError, SdkError } from '../../src/core/errors.js';
import { scrubError } from '../../src/client/scrub-error.js';
import { httpReply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { testPki } from '../support/pki.js';

const NS = 'http://schemas.microsoft.com/windowsazure';
const HUGE = 10 * 1024 * 1024;
let server: ScriptedServer;
let client: ServiceClient;

before(async () => {
  const pki = testPki();
  server = await startScriptedServer({ certificate: pki.server });
  client = createServiceClient({
    subscriptionId: '00000000-0000-0000-0000-000000000000', credential: certificateFromPem(pki.client),
    endpoint: server.url, ca: pki.ca.cert, proxy: false, retry: { maxRetries: 0 },
  });
});

after(async () => {
  await client.close();
  await server.close();
});

/** Every surface of the error is bounded, and the cut is said. */
function assertBounded(err: unknown, field: 'detail' | 'rawBody', limit: number): void {
  assert.ok(err instanceof SdkError);
  assert.ok(err.message.length < 4_200, `message of ${err.message.length}`);
  assert.ok((err.stack ?? '').length < 8_000, `stack of ${err.stack?.length}`);
  assert.ok(JSON.stringify(err).length < limit + 10_000, `JSON of ${JSON.stringify(err).length}`);
  assert.ok(inspect(err).length < limit + 20_000, `inspect of ${inspect(err).length}`);
  const text = (err as unknown as Record<string, string>)[field]!;
  assert.match(text, /^M+… \(\d+ more characters\)$/);
  assert.match(err.message, /more characters\)$/);
}

test('a 10 MB <Error><Message> gives an error of 4,096 characters that says how much was cut', async () => {
  server.handle(() => httpReply(400, { 'Content-Type': 'application/xml' }, `<Error xmlns="${NS}"><Code>BadRequest</Code><Message>${'M'.repeat(HUGE)}</Message></Error>`));
  const err = await invoke(client, GetHostedServiceOperation, { ServiceName: 'x' }).catch((e: unknown) => e);
  assert.ok(err instanceof BadRequestError);
  assertBounded(err, 'detail', 4_096);
  assert.equal(err.detail, `${'M'.repeat(4_096)}… (${HUGE - 4_096} more characters)`);
});

test('a failed operation with a 10 MB message is bounded the same', async () => {
  let n = 0;
  server.handle(() => (n++ === 0
    ? httpReply(202, { 'x-ms-request-id': 'op1' }, '')
    : httpReply(200, { 'Content-Type': 'application/xml' }, `<Operation xmlns="${NS}"><ID>op1</ID><Status>Failed</Status><HttpStatusCode>400</HttpStatusCode><Error><Code>X</Code><Message>${'M'.repeat(HUGE)}</Message></Error></Operation>`)));
  const err = await invokeAsync(client, DeleteHostedServiceOperation, { ServiceName: 'x' }, { wait: { minDelayMs: 1, maxDelayMs: 5 } }).catch((e: unknown) => e);
  assert.ok(err instanceof OperationFailedError);
  assertBounded(err, 'detail', 4_096);
  // client.waitForOperation (a saved request id) goes the same way.
  const again = await client.waitForOperation('op1', { minDelayMs: 1, maxDelayMs: 5 }).catch((e: unknown) => e);
  assert.ok(again instanceof OperationFailedError);
  assertBounded(again, 'detail', 4_096);
});

test('an unreadable 1 MB error body is kept as an excerpt (bounded before this round too: a guard)', async () => {
  server.handle(() => httpReply(400, { 'Content-Type': 'text/plain' }, 'M'.repeat(1024 * 1024)));
  const err = await invoke(client, GetHostedServiceOperation, { ServiceName: 'x' }).catch((e: unknown) => e);
  assert.ok(err instanceof BadRequestError);
  assert.ok((err.rawBody ?? '').length < 64 * 1024 + 100, `rawBody of ${err.rawBody?.length}`);
  assert.ok(JSON.stringify(err).length < 80_000);
});

test('a secret across the cut is scrubbed whole before the text is cut, so no start of it is kept', () => {
  const secret = 'Str4ddl3-The-Cut-Passw0rd';
  const detail = `${'M'.repeat(4_090)}${secret}${'M'.repeat(10_000)}`;
  const err = scrubError(new BadRequestError({ code: 'BadRequest', message: detail, statusCode: 400, operation: 'Op' }), [secret]);
  for (const text of [err.message, err.detail, err.stack ?? '', JSON.stringify(err), inspect(err)]) {
    assert.equal(text.includes(secret.slice(0, 6)), false, `kept the start of the secret: ${text.slice(4_080, 4_140)}`);
  }
  assert.match(err.detail, /more characters\)$/);
});
