import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFaultSpec } from '../../src/emulator/fault-spec.js';
import type { Emulator } from '../../src/emulator/server.js';
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

test('a truncate fault promises the whole body and sends part of it; the client sees the connection fail', async () => {
  emulator.setFaults([{ operation: 'ListLocations', fault: { type: 'truncate', bytes: 40 } }]);
  await assert.rejects(client.call('GET', '/locations'));
  assert.equal((await client.call('GET', '/locations')).status, 200, 'the next answer is whole');
});

test('a slow-body fault sends the whole body in small pieces', async () => {
  emulator.setFaults([{ operation: 'GetSubscription', fault: { type: 'slowBody', intervalMs: 1, chunkBytes: 64 } }]);
  const slow = await client.call('GET', '');
  emulator.setFaults([]);
  const whole = await client.call('GET', '');
  assert.equal(slow.status, 200);
  assert.equal(slow.headers['content-length'], String(Buffer.byteLength(slow.text)));
  assert.equal(slow.text.length, whole.text.length);
});

test('faults with a probability hit the same requests again under the same seed', async () => {
  const rules = [{ operation: 'ListLocations', times: Infinity, probability: 0.5, fault: { type: 'error' as const, status: 503, code: 'ServerBusy' } }];
  const statuses = async () => {
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) seen.push((await client.call('GET', '/locations')).status);
    return seen;
  };
  emulator.setFaults(rules, 42);
  const first = await statuses();
  emulator.setFaults(rules, 42);
  const second = await statuses();
  emulator.setFaults([]);
  assert.deepEqual(first, second);
  assert.ok(first.includes(503) && first.includes(200), `a mix of hits and misses: ${first.join(',')}`);
});

test('the compact fault syntax of --faults reads targets, faults, counts and probabilities', () => {
  const rules = parseFaultSpec('ListLocations=503:2x3,GET=delay:100x*~0.25,*=truncate:10,DeleteDisk=slow:5:8,PUT=reset');
  assert.deepEqual(rules.map((r) => [r.operation ?? r.method ?? '*', r.fault.type, r.times ?? 1, r.probability ?? 1]), [
    ['ListLocations', 'error', 3, 1], ['GET', 'delay', Infinity, 0.25], ['*', 'truncate', 1, 1], ['DeleteDisk', 'slowBody', 1, 1], ['PUT', 'reset', 1, 1],
  ]);
  assert.deepEqual(rules[0]!.fault, { type: 'error', status: 503, code: 'ServerBusy', message: 'The server is currently unable to receive requests. Please retry your request.', retryAfterSeconds: 2 });
  assert.deepEqual(parseFaultSpec('[{"operation":"ListLocations","fault":{"type":"reset"}}]'), [{ operation: 'ListLocations', fault: { type: 'reset' } }]);
  assert.throws(() => parseFaultSpec('ListLocations=teapot'), /unknown fault/);
});
