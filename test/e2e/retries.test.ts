/**
 * Retries over real HTTPS against a scripted server: which verbs and failures are sent again, how Retry-After is
 * honoured, and that a POST the server may have seen is never repeated.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { ServiceManagementClient } from '../../generated/client.js';
import type { ClientOptions } from '../../src/client/client.js';
import { certificateFromPem } from '../../src/client/credentials.js';
import { NetworkError, ServerError, ThrottledError } from '../../src/core/errors.js';
import type { LogEntry } from '../../src/client/logging.js';
import { captureLogger } from '../support/capture-logger.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { testPki } from '../support/pki.js';
import { errorXml, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

clearProxyEnvironment();
const pki = testPki();
const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000aa';
const SERVICE_PATH = `/${SUBSCRIPTION}/services/hostedservices`;
let server: ScriptedServer;

before(async () => { server = await startScriptedServer(); });
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle((request) => ({ status: request.method === 'POST' ? 201 : 200 }));
});

function clientFor(endpoint: string, options: Partial<ClientOptions> = {}): ServiceManagementClient {
  return new ServiceManagementClient({
    subscriptionId: SUBSCRIPTION, credential: certificateFromPem(pki.client), endpoint, ca: pki.ca.cert,
    retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options,
  });
}

async function using<T>(client: ServiceManagementClient, call: (client: ServiceManagementClient) => Promise<T>): Promise<T> {
  try {
    return await call(client);
  } finally {
    await client.close();
  }
}

const create = { ServiceName: 'svc', Label: 'label', Location: 'West US' };
const busy = (status: number) => ({ status, body: errorXml('ServerBusy', 'Try again later.') });

test('GET is retried on 408, 429, 500, 502, 503 and 504', async () => {
  for (const status of [408, 429, 500, 502, 503, 504]) {
    server.requests.length = 0;
    server.queue(busy(status));
    await using(clientFor(server.url), (client) => client.getHostedService({ ServiceName: 'svc' }));
    assert.deepEqual(server.requests.map((r) => r.method), ['GET', 'GET'], `status ${status}`);
  }
});

test('PUT and DELETE are retried too, the PUT with the same body', async () => {
  server.queue(busy(503), busy(500));
  await using(clientFor(server.url), (client) => client.updateHostedService({ ServiceName: 'svc', Label: 'new label' }));
  assert.equal(server.requests.length, 3);
  assert.ok(server.requests.every((r) => r.method === 'PUT' && r.body === server.requests[0]!.body && r.body.includes('<Label>')));
  server.requests.length = 0;
  server.queue(busy(502));
  const done = await using(clientFor(server.url), (client) => client.deleteHostedService({ ServiceName: 'svc' }));
  assert.equal(done.completed, true);
  assert.deepEqual(server.requests.map((r) => r.method), ['DELETE', 'DELETE']);
});

test('a connection reset is retried for GET, PUT and DELETE', async () => {
  server.queue({ reset: true });
  await using(clientFor(server.url), (client) => client.getHostedService({ ServiceName: 'svc' }));
  server.queue({ reset: true });
  await using(clientFor(server.url), (client) => client.updateHostedService({ ServiceName: 'svc', Label: 'l' }));
  server.queue({ reset: true });
  await using(clientFor(server.url), (client) => client.deleteHostedService({ ServiceName: 'svc' }));
  assert.deepEqual(server.requests.map((r) => r.method), ['GET', 'GET', 'PUT', 'PUT', 'DELETE', 'DELETE']);
});

test('retries stop after maxRetries; the last answer becomes the error', async () => {
  server.handle(() => busy(503));
  await assert.rejects(using(clientFor(server.url, { retry: { baseDelayMs: 5, maxRetries: 2 } }), (client) => client.getHostedService({ ServiceName: 'svc' })),
    (err: unknown) => err instanceof ThrottledError && err.statusCode === 503 && err.code === 'ServerBusy');
  assert.equal(server.requests.length, 3);
});

function retryEntries(entries: LogEntry[]): LogEntry[] {
  return entries.filter((entry) => entry.retryInMs !== undefined);
}

test('Retry-After in seconds is honoured over the backoff', async () => {
  server.queue({ status: 503, headers: { 'retry-after': '1' } });
  const log = captureLogger();
  await using(clientFor(server.url, { logger: log.logger, retry: { baseDelayMs: 5, maxDelayMs: 5_000 } }), (client) => client.getHostedService({ ServiceName: 'svc' }));
  const [retry] = retryEntries(log.entries);
  assert.equal(retry?.retryInMs, 1000);
  assert.match(retry!.message, /-> 503 \(Retry-After\); retry 1 of 3 in 1000 ms/);
  // The wait really happened (a lower bound only; timers may fire a millisecond early).
  assert.ok(server.requests[1]!.at - server.requests[0]!.at >= 990);
});

test('Retry-After as an HTTP date is honoured', async () => {
  server.queue({ status: 429, headers: { 'retry-after': new Date(Date.now() + 1500).toUTCString() } });
  const log = captureLogger();
  await using(clientFor(server.url, { logger: log.logger, retry: { baseDelayMs: 5, maxDelayMs: 5_000 } }), (client) => client.getHostedService({ ServiceName: 'svc' }));
  const [retry] = retryEntries(log.entries);
  // The date has whole seconds: 0.5 to 1.5 s from now, far above the 5 ms backoff.
  assert.ok(retry!.retryInMs! > 300 && retry!.retryInMs! <= 1500, `waited ${retry!.retryInMs} ms`);
  assert.match(retry!.message, /-> 429 \(Retry-After\)/);
});

test('a POST is not retried after a 503: the server saw it once', async () => {
  server.queue({ status: 503, body: errorXml('InternalError', 'The server encountered an internal error.') });
  await assert.rejects(using(clientFor(server.url), (client) => client.createHostedService(create)),
    (err: unknown) => err instanceof ServerError && err.statusCode === 503 && err.code === 'InternalError');
  assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path}`), [`POST ${SERVICE_PATH}`]);
});

test('a POST is not retried after a connection reset', async () => {
  server.queue({ reset: true });
  await assert.rejects(using(clientFor(server.url), (client) => client.createHostedService(create)), (err: unknown) => {
    assert.ok(err instanceof NetworkError, String(err));
    assert.match(err.message, /POST .* failed: the connection to 127\.0\.0\.1:\d+ closed before a response arrived/);
    return true;
  });
  assert.equal(server.requests.length, 1);
});

test('a POST is retried when the connection was refused: it never left the client', async () => {
  const reserved = createServer().listen(0, '127.0.0.1');
  await once(reserved, 'listening');
  const port = (reserved.address() as AddressInfo).port;
  reserved.close();
  await once(reserved, 'close');
  let late: ScriptedServer | undefined;
  let starting: Promise<void> | undefined;
  const log = captureLogger();
  const logger = (entry: LogEntry): void => {
    log.logger(entry);
    // The first attempt was refused: bring the server up during the backoff.
    if (/ECONNREFUSED/.test(entry.message)) starting ??= startScriptedServer({ port }).then((s) => { late = s; });
  };
  try {
    const client = clientFor(`https://127.0.0.1:${port}`, { logger, retry: { baseDelayMs: 200, maxDelayMs: 400 } });
    const created = await using(client, (c) => c.createHostedService(create));
    assert.equal(created.statusCode, 200);
    assert.ok(log.entries.some((e) => /ECONNREFUSED/.test(e.message) && e.retryInMs !== undefined));
    assert.deepEqual(late!.requests.map((r) => r.method), ['POST']);
    assert.match(late!.requests[0]!.body, /<ServiceName>svc<\/ServiceName>/);
  } finally {
    await starting;
    await late?.close();
  }
});
