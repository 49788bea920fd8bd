/**
 * 307/308 redirects over real HTTPS: followed for every verb with the body sent again, capped, and the
 * credential (client certificate or bearer token) never handed to another host.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { ServiceManagementClient } from '../../generated/client.js';
import type { ClientOptions } from '../../src/client/client.js';
import { certificateFromPem, tokenCredential } from '../../src/client/credentials.js';
import { ServiceError } from '../../src/core/errors.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { testPki } from '../support/pki.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

clearProxyEnvironment();
const pki = testPki();
const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000bb';
const SERVICES = `/${SUBSCRIPTION}/services/hostedservices`;
let home: ScriptedServer;
/** Another origin (same address, other port): a different host as far as credentials go. */
let elsewhere: ScriptedServer;

before(async () => {
  [home, elsewhere] = await Promise.all([startScriptedServer(), startScriptedServer()]);
});
after(() => Promise.all([home.close(), elsewhere.close()]));
beforeEach(() => {
  for (const server of [home, elsewhere]) {
    server.requests.length = 0;
    server.handle((request) => ({ status: request.method === 'POST' ? 201 : 200 }));
  }
});

function clientFor(options: Partial<ClientOptions> = {}): ServiceManagementClient {
  return new ServiceManagementClient({
    subscriptionId: SUBSCRIPTION, credential: certificateFromPem(pki.client), endpoint: home.url, ca: pki.ca.cert,
    retry: { baseDelayMs: 5 }, ...options,
  });
}

async function using<T>(client: ServiceManagementClient, call: (client: ServiceManagementClient) => Promise<T>): Promise<T> {
  try {
    return await call(client);
  } finally {
    await client.close();
  }
}

const create = { ServiceName: 'moved', Label: 'label', Location: 'West US' };

test('a POST answered 307 is sent again, body included, to the Location', async () => {
  home.queue({ status: 307, headers: { location: `${SERVICES}-moved` } });
  const created = await using(clientFor(), (client) => client.createHostedService(create));
  assert.equal(created.statusCode, 201);
  assert.deepEqual(home.requests.map((r) => `${r.method} ${r.path}`), [`POST ${SERVICES}`, `POST ${SERVICES}-moved`]);
  assert.equal(home.requests[1]!.body, home.requests[0]!.body);
  assert.match(home.requests[1]!.body, /<ServiceName>moved<\/ServiceName>/);
  assert.equal(home.requests[1]!.headers['content-type'], home.requests[0]!.headers['content-type']);
});

test('PUT, DELETE and GET follow 308 and 307 too (absolute or relative Location)', async () => {
  home.queue({ status: 308, headers: { location: `${home.url}${SERVICES}/other` } });
  await using(clientFor(), (client) => client.updateHostedService({ ServiceName: 'svc', Label: 'again' }));
  home.queue({ status: 307, headers: { location: `${SERVICES}/other` } });
  await using(clientFor(), (client) => client.deleteHostedService({ ServiceName: 'svc' }));
  home.queue({ status: 307, headers: { location: 'other' } });
  await using(clientFor(), (client) => client.getHostedService({ ServiceName: 'svc' }));
  assert.deepEqual(home.requests.map((r) => `${r.method} ${r.path}`), [
    `PUT ${SERVICES}/svc`, `PUT ${SERVICES}/other`,
    `DELETE ${SERVICES}/svc`, `DELETE ${SERVICES}/other`,
    `GET ${SERVICES}/svc`, `GET ${SERVICES}/other`,
  ]);
  assert.equal(home.requests[1]!.body, home.requests[0]!.body);
});

test('redirects are capped: a loop ends with an error after maxRedirects', async () => {
  home.handle(() => ({ status: 307, headers: { location: `${SERVICES}/loop` } }));
  await assert.rejects(using(clientFor({ retry: { maxRedirects: 3 } }), (client) => client.getHostedService({ ServiceName: 'svc' })), (err: unknown) => {
    assert.ok(err instanceof ServiceError, String(err));
    assert.equal(err.statusCode, 307);
    assert.match(err.message, /too many redirects/);
    return true;
  });
  assert.equal(home.requests.length, 4);
});

test('the client certificate goes to the endpoint host only, never to a redirect target elsewhere', async () => {
  home.queue({ status: 307, headers: { location: `${elsewhere.url}${SERVICES}` } });
  await using(clientFor(), (client) => client.createHostedService(create));
  assert.equal(home.requests[0]!.clientThumbprint, pki.client.thumbprint);
  assert.equal(elsewhere.requests.length, 1);
  assert.equal(elsewhere.requests[0]!.method, 'POST');
  assert.equal(elsewhere.requests[0]!.body, home.requests[0]!.body);
  assert.equal(elsewhere.requests[0]!.clientThumbprint, undefined);
});

test('the bearer token goes to the endpoint host only, and again when redirected back there', async () => {
  home.queue({ status: 307, headers: { location: `${elsewhere.url}${SERVICES}/svc` } });
  elsewhere.queue({ status: 307, headers: { location: `${home.url}${SERVICES}/svc` } });
  const credential = tokenCredential(async () => 'home-token');
  await using(clientFor({ credential }), (client) => client.getHostedService({ ServiceName: 'svc' }));
  assert.deepEqual(home.requests.map((r) => r.headers.authorization), ['Bearer home-token', 'Bearer home-token']);
  assert.deepEqual(elsewhere.requests.map((r) => r.headers.authorization), [undefined]);
});

test('a redirect to plain http is refused: the body would travel in the clear', async () => {
  home.queue({ status: 307, headers: { location: `http://127.0.0.1:${elsewhere.port}${SERVICES}` } });
  await assert.rejects(using(clientFor(), (client) => client.createHostedService(create)), (err: unknown) => {
    assert.ok(err instanceof ServiceError, String(err));
    assert.equal(err.code, 'InsecureRedirect');
    assert.match(err.message, /refused to follow a redirect to a http: URL \(https only\)/);
    return true;
  });
  assert.equal(elsewhere.requests.length, 0);
});
