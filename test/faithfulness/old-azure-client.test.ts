/**
 * The client the seed documents describe, azure@0.7.19 (createServiceManagementService, callbacks, x-ms-version
 * 2013-06-01), against the emulator over HTTPS with a client certificate: list, create and get a cloud
 * service, read the status of the create request, and delete the service. The package is a devDependency; the
 * test skips, saying so, where it cannot be loaded.
 */
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { startTestEmulator } from '../emulator/helpers.js';

type Callback = (error: (Error & { code?: string; statusCode?: number }) | null, response: OldResponse) => void;

interface OldResponse {
  isSuccessful: boolean;
  statusCode: number;
  body: any;
  headers: Record<string, string>;
}

interface OldService {
  withFilter(filter: { handle(options: Record<string, unknown>, next: (options: unknown, callback: unknown) => void): void }): OldService;
  listHostedServices(callback: Callback): void;
  createHostedService(name: string, options: Record<string, string>, callback: Callback): void;
  getHostedService(name: string, callback: Callback): void;
  getOperationStatus(requestId: string, callback: Callback): void;
  deleteHostedService(name: string, callback: Callback): void;
}

interface OldAzure {
  createServiceManagementService(subscriptionId: string, auth: { keyvalue: string; certvalue: string }, host: { host: string; port: number }): OldService;
}

function loadOldClient(): OldAzure | undefined {
  try {
    return createRequire(import.meta.url)('azure') as OldAzure;
  } catch {
    return undefined;
  }
}

const azure = loadOldClient();
const skip = azure === undefined ? 'the azure@0.7.19 package (a devDependency) cannot be loaded here; run npm install' : false;

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

let emulator: Emulator;
let service: OldService;

/** The old client; it reads the proxy variables when it is made, so they are set aside meanwhile. */
function oldClient(): OldService {
  const saved = PROXY_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of PROXY_VARIABLES) delete process.env[name];
  try {
    const client = azure!.createServiceManagementService(emulator.subscriptionId, { keyvalue: emulator.clientCert.key, certvalue: emulator.clientCert.cert }, { host: 'localhost', port: emulator.port });
    // Trust the emulator's CA through the client's own filter pipeline, as its documentation shows.
    return client.withFilter({
      handle(options, next) {
        options['ca'] = emulator.caCert;
        next(options, (response: unknown, finalCallback: (r: unknown) => void, nextCallback?: (r: unknown) => void) => (nextCallback ? nextCallback(response) : finalCallback(response)));
      },
    });
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/** A call of the old callback API as a promise. */
function call(method: (...args: never[]) => void, ...args: unknown[]): Promise<OldResponse> {
  return new Promise((resolve, reject) => {
    const callback: Callback = (error, response) => (error ? reject(error) : resolve(response));
    (method as (...all: unknown[]) => void).call(service, ...args, callback);
  });
}

before(async () => {
  if (skip) return;
  emulator = await startTestEmulator();
  service = oldClient();
});
after(async () => {
  if (!skip) await emulator.close();
});

test('azure@0.7.19 lists, creates and reads a cloud service and the status of its request', { skip }, async () => {
  const empty = await call(service.listHostedServices);
  assert.equal(empty.statusCode, 200);
  assert.deepEqual(empty.body, []);

  const created = await call(service.createHostedService, 'oldclientsvc', { Location: 'West US', Label: 'old client' });
  assert.equal(created.statusCode, 201);
  const sent = emulator.requests.find((r) => r.method === 'POST')!;
  assert.equal(sent.headers['x-ms-version'], '2013-06-01', 'the old client speaks its own API version');

  const got = await call(service.getHostedService, 'oldclientsvc');
  assert.equal(got.body.ServiceName, 'oldclientsvc');
  assert.equal(Buffer.from(got.body.HostedServiceProperties.Label, 'base64').toString(), 'old client', 'labels come back base64, as the old client expects');
  assert.equal(got.body.HostedServiceProperties.Description, 'Service host', 'the old client\'s default description');

  const status = await call(service.getOperationStatus, created.headers['x-ms-request-id']!);
  assert.equal(status.body.Status, 'Succeeded');
  assert.equal(status.body.HttpStatusCode, '201');

  const listed = await call(service.listHostedServices);
  assert.deepEqual(listed.body.map((s: { ServiceName: string }) => s.ServiceName), ['oldclientsvc']);
});

test('azure@0.7.19 gets the service\'s errors with their codes, and deletes the service', { skip }, async () => {
  await assert.rejects(call(service.getHostedService, 'nosuchservice'), (err: Error & { code?: string; statusCode?: number }) => {
    assert.equal(err.code, 'ResourceNotFound');
    assert.equal(err.statusCode, 404);
    assert.equal(err.message, 'The hosted service does not exist.');
    return true;
  });
  const deleted = await call(service.deleteHostedService, 'oldclientsvc');
  assert.equal(deleted.statusCode, 200);
  assert.deepEqual((await call(service.listHostedServices)).body, []);
});
