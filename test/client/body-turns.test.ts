/**
 * Large bodies are read one per timer turn: a timer that came due while one large body was read runs before the
 * next large body is read, so a burst of large answers pauses the process for one read at a time, not their sum.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LARGE_BODY_CHARS, readInTurn } from '../../src/client/body-turns.js';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* the CPU work of a parse */ }
}

test('a small body is read at once, synchronously', () => {
  assert.equal(readInTurn(100, () => 'read'), 'read');
});

test('between two large reads, a timer that came due runs', async () => {
  const order: string[] = [];
  const first = readInTurn(LARGE_BODY_CHARS, () => { order.push('first'); busy(40); });
  const second = readInTurn(LARGE_BODY_CHARS * 4, () => { order.push('second'); busy(40); });
  setTimeout(() => order.push('timer'), 5);
  await Promise.all([first, second]);
  assert.deepEqual(order, ['first', 'timer', 'second']);
});

test('a read that throws rejects its own call only; the next large read still runs', async () => {
  const failing = readInTurn(LARGE_BODY_CHARS, () => { throw new Error('malformed'); });
  const next = readInTurn(LARGE_BODY_CHARS, () => 'next');
  await assert.rejects(Promise.resolve(failing), /malformed/);
  assert.equal(await next, 'next');
});
