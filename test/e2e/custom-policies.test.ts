/**
 * Policies of the caller's own (ClientOptions.policies) over real HTTPS: a perRetry policy adds a header the
 * server sees on every attempt and observes each retry; a perCall policy runs once per call around the retries.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { ServiceManagementClient } from '../../generated/client.js';
import type { ClientOptions } from '../../src/client/client.js';
import type { CustomPolicy } from '../../src/client/pipeline.js';
import { ResourceNotFoundError } from '../../src/core/errors.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { errorXml, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { typedClientForServer } from '../support/typed-client.js';

clearProxyEnvironment();
let server: ScriptedServer;

before(async () => { server = await startScriptedServer(); });
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(() => ({ status: 200 }));
});

async function withClient<T>(policies: ClientOptions['policies'], call: (client: ServiceManagementClient) => Promise<T>): Promise<T> {
  const client = typedClientForServer(server, { retry: { baseDelayMs: 5, maxDelayMs: 10 }, policies });
  try {
    return await call(client);
  } finally {
    await client.close();
  }
}

test('a perRetry policy adds a header the server sees on every attempt, and sees each retry with its outcome', async () => {
  const attempts: string[] = [];
  const tracing: CustomPolicy = {
    name: 'tracing',
    position: 'perRetry',
    policy: async (request, next) => {
      const response = await next({ ...request, headers: { ...request.headers, 'x-trace-id': `trace-${request.attempt}` } });
      attempts.push(`${request.method} attempt ${request.attempt} -> ${response.statusCode}`);
      return response;
    },
  };
  server.queue({ status: 503, body: errorXml('ServerBusy', 'Try again.') }, { status: 500 });
  await withClient([tracing], (client) => client.getHostedService({ ServiceName: 'svc' }));
  assert.deepEqual(server.requests.map((r) => r.headers['x-trace-id']), ['trace-1', 'trace-2', 'trace-3']);
  assert.deepEqual(attempts, ['GET attempt 1 -> 503', 'GET attempt 2 -> 500', 'GET attempt 3 -> 200']);
});

test('a perCall policy runs once per call, outside the retries, and sees the final answer', async () => {
  const calls: string[] = [];
  const timing: CustomPolicy = {
    name: 'timing',
    position: 'perCall',
    policy: async (request, next) => {
      const response = await next({ ...request, headers: { ...request.headers, 'x-call': request.operation.name } });
      calls.push(`${request.operation.name} -> ${response.statusCode}`);
      return response;
    },
  };
  server.queue({ status: 503 });
  await withClient([timing], (client) => client.getHostedService({ ServiceName: 'svc' }));
  server.queue({ status: 404, body: errorXml('ResourceNotFound', 'No such service.') });
  await assert.rejects(withClient([timing], (client) => client.getHostedService({ ServiceName: 'gone' })), ResourceNotFoundError);
  assert.deepEqual(calls, ['GetHostedService -> 200', 'GetHostedService -> 404']);
  assert.deepEqual(server.requests.map((r) => r.headers['x-call']), ['GetHostedService', 'GetHostedService', 'GetHostedService']);
});

test('a malformed policy is refused when the client is made, naming the entry', () => {
  assert.throws(
    () => typedClientForServer(server, { policies: [{ name: 'tracing', policy: undefined as never }] }),
    /policies\[0\]\.policy \(tracing\): must be a function/,
  );
});
