/**
 * A bearer-token callback that never settles must not hang a call: the per-attempt timeout, the caller's abort and
 * a wait's overall timeout all end it with their own typed error, and nothing is sent without the token.
 * Each test has a hard limit, so a regression fails instead of hanging the suite.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AbortedError, ServiceManagementClient, TimeoutError, tokenCredential } from '../../generated/index.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { testPki } from '../support/pki.js';
import { TEST_SUBSCRIPTION } from '../support/typed-client.js';

let server: ScriptedServer;
let client: ServiceManagementClient;

before(async () => {
  server = await startScriptedServer();
  client = new ServiceManagementClient({
    subscriptionId: TEST_SUBSCRIPTION,
    credential: tokenCredential(() => new Promise<string>(() => {})),
    endpoint: server.url,
    ca: testPki().ca.cert,
    retry: { maxRetries: 0 },
  });
});

after(async () => {
  await client.close();
  await server.close();
});

test('the per-attempt timeout ends a call whose token never comes', { timeout: 10_000 }, async () => {
  await assert.rejects(client.listLocations({}, { timeoutMs: 100 }), (err: unknown) => err instanceof TimeoutError && err.timeoutMs === 100);
  assert.equal(server.requests.length, 0);
});

test('the caller\'s abort ends it too', { timeout: 10_000 }, async () => {
  const controller = new AbortController();
  const call = client.listLocations({}, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(call, (err: unknown) => err instanceof AbortedError);
  assert.equal(server.requests.length, 0);
});

test('a wait\'s overall timeout ends a wait whose status reads wait for a token', { timeout: 10_000 }, async () => {
  await assert.rejects(client.waitForOperation('op-1', { timeoutMs: 200 }), (err: unknown) => err instanceof TimeoutError);
  assert.equal(server.requests.length, 0);
});
