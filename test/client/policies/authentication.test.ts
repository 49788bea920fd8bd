/** The bearer-token policy: the token goes to the endpoint's own origin only. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { certificateFromPem, tokenCredential } from '../../../src/client/credentials.js';
import { bearerTokenPolicy } from '../../../src/client/policies/authentication.js';
import { testPki } from '../../support/pki.js';
import { OWN_ORIGIN, answer, fakeRequest, scriptedNext } from '../../support/pipeline-fakes.js';

test('a token credential adds Authorization: Bearer to requests for the own origin, fetching the token each time', async () => {
  let fetched = 0;
  const policy = bearerTokenPolicy(tokenCredential(async () => ({ token: `token-${++fetched}`, expiresOnTimestamp: Date.now() })), OWN_ORIGIN)!;
  const { next, seen } = scriptedNext(answer(200));
  const request = fakeRequest();
  await policy(request, next);
  await policy(request, next);
  assert.deepEqual(seen.map((r) => r.headers['authorization']), ['Bearer token-1', 'Bearer token-2']);
  assert.equal(request.headers['authorization'], undefined, 'the caller\'s request is left as it was');
  assert.equal(seen[0]!.headers['x-ms-version'], '2014-10-01');
});

test('requests for another origin (host, port or user-info trick) get no token', async () => {
  const policy = bearerTokenPolicy(tokenCredential(async () => 'secret-token'), OWN_ORIGIN)!;
  for (const url of ['https://other.example.test/x', `${OWN_ORIGIN}:444/x`, `${OWN_ORIGIN}@evil.example.test/x`]) {
    const { next, seen } = scriptedNext(answer(200));
    await policy(fakeRequest({ url }), next);
    assert.equal(seen[0]!.headers['authorization'], undefined, url);
  }
});

test('a certificate credential needs no header policy: the transport presents the certificate', () => {
  assert.equal(bearerTokenPolicy(certificateFromPem(testPki().client), OWN_ORIGIN), undefined);
});

test('the wait for a token ends when the attempt\'s signal aborts: a callback that never settles holds nothing', { timeout: 10_000 }, async () => {
  const policy = bearerTokenPolicy(tokenCredential(() => new Promise<string>(() => {})), OWN_ORIGIN)!;
  const { next, seen } = scriptedNext(answer(200));
  const attempt = new AbortController();
  const pending = policy(fakeRequest({ signal: attempt.signal }), next);
  attempt.abort(new Error('attempt over'));
  await assert.rejects(pending, /attempt over/);
  assert.equal(seen.length, 0, 'nothing was sent without the token');
});
