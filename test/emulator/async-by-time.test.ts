/**
 * The emulator's default: asynchronous operations complete a short time after they start, polled or not, as the
 * service completed them. A client that never polls (fire and forget) must find the deployment free again, not
 * locked for ever ("requires exclusive access" 409); counted polls stay available for deterministic tests.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_ASYNC_DELAY_MS } from '../../src/emulator/async-operations.js';
import type { Emulator } from '../../src/emulator/server.js';
import { createService, createStorage, createVm } from './compute-fixtures.js';
import { NS, XSI, clientFor, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;
const base = '/services/hostedservices/fire-svc/deployments/fire-svc';
const instance = `${base}/roleinstances/vm/Operations`;
const operation = (type: string, inner = '') => `<${type} xmlns="${NS}" xmlns:i="${XSI}"><OperationType>${type}</OperationType>${inner}</${type}>`;
const shutdown = operation('ShutdownRoleOperation', '<PostShutdownAction>Stopped</PostShutdownAction>');
const start = operation('StartRoleOperation');
/** Comfortably past the delay, so that a loaded machine still sees the operation done. */
const AFTER_DELAY_MS = DEFAULT_ASYNC_DELAY_MS * 10;

before(async () => {
  emulator = await startTestEmulator(); // the default timing, on purpose
  client = clientFor(emulator);
  await createStorage(client, 'firestore');
  await createService(client, 'fire-svc');
  await createVm(client, 'fire-svc', { role: 'vm', account: 'firestore' });
});
after(async () => {
  await client.close();
  await emulator.close();
});

const instanceStatus = async () => /<InstanceStatus>([^<]*)<\/InstanceStatus>/.exec((await client.call('GET', base)).text)?.[1];

test('by default, an operation nobody polls completes after a short delay: the next change to the deployment is accepted, not 409', async () => {
  const stopped = await client.call('POST', instance, { body: shutdown });
  assert.equal(stopped.status, 202, stopped.text);
  await sleep(AFTER_DELAY_MS); // no GetOperationStatus at all
  assert.equal(await instanceStatus(), 'StoppedVM', 'the shutdown took effect without a poll');
  const started = await client.call('POST', instance, { body: start });
  assert.equal(started.status, 202, `a later change is accepted: ${started.text}`);
  await sleep(AFTER_DELAY_MS);
  const status = await client.call('GET', `/operations/${String(started.headers['x-ms-request-id'])}`);
  assert.equal(elementText(status.text, 'Status'), 'Succeeded');
});

test('with counted polls (asyncPolls), an operation nobody polls keeps holding the deployment', async () => {
  emulator.setAsyncTiming({ polls: 1 });
  try {
    const stopped = await client.call('POST', instance, { body: shutdown });
    assert.equal(stopped.status, 202, stopped.text);
    await sleep(AFTER_DELAY_MS);
    const refused = await client.call('POST', instance, { body: start });
    assert.equal(refused.status, 409);
    assert.match(errorOf(refused.text).message ?? '', new RegExp(`x-ms-requestid ${String(stopped.headers['x-ms-request-id'])} .*requires exclusive access`));
    const id = String(stopped.headers['x-ms-request-id']);
    assert.equal(elementText((await client.call('GET', `/operations/${id}`)).text, 'Status'), 'InProgress');
    assert.equal(elementText((await client.call('GET', `/operations/${id}`)).text, 'Status'), 'Succeeded', 'the second poll completes it');
  } finally {
    emulator.setAsyncTiming({});
  }
});
