import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.js';
import { clientFor, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;

before(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('an error fault answers its status for the given number of matching requests, then the real answer', async () => {
  emulator.setFaults([{ operation: 'ListLocations', times: 2, fault: { type: 'error', status: 503, code: 'ServerBusy', retryAfterSeconds: 1 } }]);
  assert.equal((await client.call('GET', '/services/hostedservices')).status, 200, 'other operations are not hit');
  for (let i = 0; i < 2; i++) {
    const busy = await client.call('GET', '/locations');
    assert.equal(busy.status, 503);
    assert.equal(errorOf(busy.text).code, 'ServerBusy');
    assert.equal(busy.headers['retry-after'], '1');
  }
  assert.equal((await client.call('GET', '/locations')).status, 200);
});

test('a redirect fault answers 307 to the same URL; a reset fault drops the connection', async () => {
  emulator.setFaults([{ operation: 'ListLocations', fault: { type: 'redirect' } }]);
  const redirected = await client.call('GET', '/locations');
  assert.equal(redirected.status, 307);
  assert.equal(redirected.headers['location'], `${emulator.url}/${emulator.subscriptionId}/locations`);

  emulator.setFaults([{ method: 'GET', fault: { type: 'reset' } }]);
  await assert.rejects(client.call('GET', '/locations'));
  assert.equal((await client.call('GET', '/locations')).status, 200);
  assert.equal(emulator.requests.at(-2)?.status, 0, 'the dropped request is recorded with status 0');
});

test('a delay fault slows the answer down', async () => {
  emulator.setFaults([{ operation: 'ListLocations', fault: { type: 'delay', ms: 200 } }]);
  const started = Date.now();
  assert.equal((await client.call('GET', '/locations')).status, 200);
  assert.ok(Date.now() - started >= 190);
});

test('requests are recorded with their operation, headers and body', async () => {
  await client.call('GET', '/locations', { headers: { 'user-agent': 'recorder-test' } });
  const last = emulator.requests.at(-1)!;
  assert.equal(last.operation, 'ListLocations');
  assert.equal(last.method, 'GET');
  assert.equal(last.headers['user-agent'], 'recorder-test');
  assert.equal(last.status, 200);
  assert.match(last.requestId, /^[0-9a-f]{32}$/);
});
