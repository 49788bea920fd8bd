/** Composing policies, and checking the caller's own policies given in ClientOptions.policies. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composePipeline, customPolicies, type CustomPolicy, type PipelinePolicy } from '../../../src/client/pipeline.js';
import { answer, fakeRequest } from '../../support/pipeline-fakes.js';

test('policies run in the order given, each around the next, ending in the transport', async () => {
  const trace: string[] = [];
  const step = (name: string): PipelinePolicy => async (request, next) => {
    trace.push(`${name} in`);
    const response = await next({ ...request, headers: { ...request.headers, [`x-${name}`]: '1' } });
    trace.push(`${name} out`);
    return response;
  };
  const send = composePipeline([step('a'), step('b')], async (request) => {
    trace.push(`transport ${Object.keys(request.headers).filter((h) => h.startsWith('x-') && h !== 'x-ms-version').join(',')}`);
    return answer(200);
  });
  await send(fakeRequest());
  assert.deepEqual(trace, ['a in', 'b in', 'transport x-a,x-b', 'b out', 'a out']);
});

test('the caller\'s policies are split by position, perRetry by default, in their order', () => {
  const [one, two, three]: PipelinePolicy[] = [async (r, n) => n(r), async (r, n) => n(r), async (r, n) => n(r)];
  const policies: CustomPolicy[] = [
    { name: 'one', policy: one!, position: 'perCall' }, { name: 'two', policy: two! }, { name: 'three', policy: three!, position: 'perRetry' },
  ];
  assert.deepEqual(customPolicies(policies, 'perCall'), [one]);
  assert.deepEqual(customPolicies(policies, 'perRetry'), [two, three]);
  assert.deepEqual(customPolicies(undefined, 'perCall'), []);
});

test('a malformed policy entry is a TypeError naming the entry and the rule', () => {
  const policy: PipelinePolicy = async (r, n) => n(r);
  const cases: Array<[unknown, RegExp]> = [
    [{ policy }, /^policies\[0\]\.name: must be a non-empty string$/],
    [{ name: 'trace', policy: 'no' }, /^policies\[0\]\.policy \(trace\): must be a function/],
    [{ name: 'trace', policy, position: 'perAttempt' }, /^policies\[0\]\.position \(trace\): must be 'perCall' or 'perRetry'$/],
    [null, /^policies\[0\]: must be an object/],
  ];
  for (const [entry, message] of cases) {
    assert.throws(() => customPolicies([entry] as CustomPolicy[], 'perCall'), (err: unknown) => err instanceof TypeError && message.test(err.message));
  }
  assert.throws(() => customPolicies({} as CustomPolicy[], 'perCall'), /policies: must be an array/);
});
