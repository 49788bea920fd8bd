/**
 * No operation of the spec answers 501: every one has a handler in the emulator's table, and each, sent over
 * HTTPS with placeholder parameters and no body, reaches a handler or the body reader (a 4xx naming what is
 * wrong), never "The emulator does not implement the operation".
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadSpec } from '../../src/core/spec-load.js';
import { defaultHandlers } from '../../src/emulator/handlers/index.js';
import type { Emulator } from '../../src/emulator/server.js';
import { clientFor, startTestEmulator, type TestClient } from './helpers.js';

const spec = loadSpec();
const operations = spec.operations;
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

test(`every operation of the spec (${operations.length}) has a handler`, () => {
  assert.ok(operations.length >= 254);
  assert.deepEqual(operations.map((o) => o.name).filter((name) => defaultHandlers[name] === undefined), []);
});

/** The operation's URL with every path parameter a placeholder, and its fixed query, relative to the subscription. */
function urlOf(op: (typeof operations)[number]): string {
  const path = op.path.replace(/^\/\{subscriptionId\}/, '').replace(/\{[^}]+\}/g, 'placeholder');
  const query = new URLSearchParams(op.fixedQuery ?? {}).toString();
  return query === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

test('no operation answers 501 over HTTPS', async () => {
  const unimplemented: string[] = [];
  for (const op of operations.filter((o) => o.path.startsWith('/{subscriptionId}'))) {
    const answer = await client.call(op.method, urlOf(op));
    if (answer.status === 501) unimplemented.push(`${op.name} (${op.method} ${urlOf(op)})`);
  }
  assert.deepEqual(unimplemented, []);
});
