/** The redirect policy against a scripted `next`: which redirects are followed, how far, and with which headers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServiceError } from '../../../src/core/errors.js';
import { redirectPolicy } from '../../../src/client/policies/redirect.js';
import { OWN_ORIGIN, answer, fakeRequest, scriptedNext } from '../../support/pipeline-fakes.js';

const redirect = redirectPolicy(3, OWN_ORIGIN);

test('307 and 308 are followed to the Location (relative or absolute), with the same method and body', async () => {
  const { next, seen } = scriptedNext(
    answer(307, { location: 'moved' }), answer(308, { location: `${OWN_ORIGIN}/elsewhere?x=1` }), answer(201),
  );
  const response = await redirect(fakeRequest({ method: 'POST', body: '<CreateHostedService/>' }), next);
  assert.equal(response.statusCode, 201);
  assert.deepEqual(seen.map((r) => r.url), [
    `${OWN_ORIGIN}/sub/services/hostedservices/svc`, `${OWN_ORIGIN}/sub/services/hostedservices/moved`, `${OWN_ORIGIN}/elsewhere?x=1`,
  ]);
  assert.ok(seen.every((r) => r.method === 'POST' && r.body === '<CreateHostedService/>' && r.attempt === 1));
});

test('redirects are capped: past maxRedirects the last redirect is returned as it is', async () => {
  const { next, seen } = scriptedNext(answer(307, { location: '/loop' }));
  assert.equal((await redirect(fakeRequest(), next)).statusCode, 307);
  assert.equal(seen.length, 4, 'the request and three redirects');
});

test('a redirect without Location, and other 3xx statuses, are returned as they are', async () => {
  for (const reply of [answer(307), answer(302, { location: '/x' })]) {
    const { next, seen } = scriptedNext(reply);
    assert.equal((await redirect(fakeRequest(), next)).statusCode, reply.statusCode);
    assert.equal(seen.length, 1);
  }
});

test('a hop to another origin drops the Authorization header; a hop back on the own origin keeps what it is given', async () => {
  const { next, seen } = scriptedNext(answer(307, { location: 'https://other.example.test/x' }), answer(200));
  await redirect(fakeRequest({ headers: { authorization: 'Bearer secret', 'x-ms-version': 'v' } }), next);
  assert.equal(seen[0]!.headers['authorization'], 'Bearer secret');
  assert.deepEqual(seen[1]!.headers, { 'x-ms-version': 'v' });

  const own = scriptedNext(answer(307, { location: '/same-origin' }), answer(200));
  await redirect(fakeRequest({ headers: { authorization: 'Bearer secret' } }), own.next);
  assert.equal(own.seen[1]!.headers['authorization'], 'Bearer secret');
});

test('a port or user-info trick is another origin, not the own one', async () => {
  for (const location of [`${OWN_ORIGIN}:8443/x`, `https://management.example.test@evil.example.test/x`]) {
    const { next, seen } = scriptedNext(answer(307, { location }), answer(200));
    await redirect(fakeRequest({ headers: { authorization: 'Bearer secret' } }), next);
    assert.equal(seen[1]!.headers['authorization'], undefined, location);
  }
});

test('a redirect to http: is refused with InsecureRedirect, and nothing more is sent', async () => {
  const { next, seen } = scriptedNext(answer(307, { location: 'http://management.example.test/x', 'x-ms-request-id': 'r1' }), answer(200));
  await assert.rejects(redirect(fakeRequest(), next), (err: unknown) => {
    assert.ok(err instanceof ServiceError);
    assert.equal(err.code, 'InsecureRedirect');
    assert.equal(err.statusCode, 307);
    assert.equal(err.requestId, 'r1');
    assert.match(err.message, /refused to follow a redirect to a http: URL \(https only\)/);
    return true;
  });
  assert.equal(seen.length, 1);
});

test('a Location that is no URL is a typed InvalidRedirect error', async () => {
  const { next } = scriptedNext(answer(308, { location: 'https://exa mple.com/' }));
  await assert.rejects(redirect(fakeRequest(), next), (err: unknown) => err instanceof ServiceError && err.code === 'InvalidRedirect');
});
