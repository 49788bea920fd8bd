import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator } from '../../src/emulator/server.js';
import { keyOf } from '../../src/emulator/state.js';
import { NS, clientFor, createBody, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 2 });
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

async function deleteWithMedia(name: string): Promise<string> {
  await client.call('POST', '/services/hostedservices', { body: createBody(name) });
  const answer = await client.call('DELETE', `/services/hostedservices/${name}?comp=media`);
  assert.equal(answer.status, 202);
  assert.equal(answer.text, '');
  const id = String(answer.headers['x-ms-request-id']);
  assert.match(id, /^[0-9a-f]{32}$/);
  return id;
}

test('an async delete is InProgress for asyncPolls polls, then Succeeded; the service goes only at completion', async () => {
  const id = await deleteWithMedia('svc-async');
  const guid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  for (let poll = 1; poll <= 2; poll++) {
    const status = await client.call('GET', `/operations/${id}`);
    assert.equal(status.status, 200);
    assert.equal(elementText(status.text, 'ID'), guid, 'the ID is shown in GUID form');
    assert.equal(elementText(status.text, 'Status'), 'InProgress', `poll ${poll}`);
    assert.equal(elementText(status.text, 'HttpStatusCode'), undefined);
    assert.equal((await client.call('GET', '/services/hostedservices/svc-async')).status, 200, 'still there while in progress');
  }
  const done = await client.call('GET', `/operations/${guid}`);
  assert.equal(done.text, `<Operation xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ID>${guid}</ID><Status>Succeeded</Status><HttpStatusCode>200</HttpStatusCode></Operation>`);
  assert.equal((await client.call('GET', '/services/hostedservices/svc-async')).status, 404);
});

test('a mutation of a service held by an operation in progress answers 409 naming the operation', async () => {
  const id = await deleteWithMedia('svc-held');
  const update = await client.call('PUT', '/services/hostedservices/svc-held', { body: `<UpdateHostedService xmlns="${NS}"><Description>x</Description></UpdateHostedService>` });
  assert.equal(update.status, 409);
  assert.match(errorOf(update.text).message ?? '', new RegExp(id));
  for (let i = 0; i < 3; i++) await client.call('GET', `/operations/${id}`);
});

test('an operation whose work cannot complete ends Failed with the error', async () => {
  const id = await deleteWithMedia('svc-vanishing');
  emulator.state.subscription(emulator.subscriptionId)!.hostedServices.delete(keyOf('svc-vanishing'));
  let status = '';
  let text = '';
  for (let i = 0; i < 3 && status !== 'Failed'; i++) {
    text = (await client.call('GET', `/operations/${id}`)).text;
    status = elementText(text, 'Status') ?? '';
  }
  assert.equal(status, 'Failed');
  assert.equal(elementText(text, 'HttpStatusCode'), '404');
  assert.match(text, /<Error><Code>ResourceNotFound<\/Code><Message>The hosted service does not exist.<\/Message><\/Error>/);
});

test('an unknown request id answers 404', async () => {
  const answer = await client.call('GET', '/operations/0123456789abcdef0123456789abcdef');
  assert.equal(answer.status, 404);
  assert.equal(errorOf(answer.text).code, 'ResourceNotFound');
});

test('asyncPolls 0 completes at once; asyncDelayMs completes after a delay', async () => {
  emulator.setAsyncTiming({ polls: 0 });
  const immediate = await deleteWithMedia('svc-now');
  assert.equal((await client.call('GET', '/services/hostedservices/svc-now')).status, 404);
  assert.equal(elementText((await client.call('GET', `/operations/${immediate}`)).text, 'Status'), 'Succeeded');

  emulator.setAsyncTiming({ delayMs: 150 });
  const delayed = await deleteWithMedia('svc-later');
  assert.equal(elementText((await client.call('GET', `/operations/${delayed}`)).text, 'Status'), 'InProgress');
  assert.equal(elementText((await client.call('GET', `/operations/${delayed}`)).text, 'Status'), 'InProgress', 'polls do not hurry a timed operation');
  await sleep(250);
  assert.equal(elementText((await client.call('GET', `/operations/${delayed}`)).text, 'Status'), 'Succeeded');
  assert.equal((await client.call('GET', '/services/hostedservices/svc-later')).status, 404);
  emulator.setAsyncTiming({ polls: 2 });
});

test('operations are private to their subscription', async () => {
  const id = await deleteWithMedia('svc-private');
  const other = emulator.addSubscription({ certificate: emulator.clientCert.cert });
  const otherClient = clientFor(emulator, emulator.clientCert, other);
  try {
    assert.equal((await otherClient.call('GET', `/operations/${id}`)).status, 404);
  } finally {
    await otherClient.close();
  }
});
