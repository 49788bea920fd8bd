/**
 * Typed errors and logging over real HTTPS: service error bodies become typed errors, log entries carry the
 * request facts, and headers and bodies are shown only in redacted form.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, beforeEach, test } from 'node:test';
import { ServiceManagementClient } from '../../generated/client.js';
import { serviceShape } from '../../generated/service.js';
import { ServiceClient, type ClientOptions } from '../../src/client/client.js';
import { invokeAsync } from '../../src/client/invoke.js';
import { certificateFromPem, tokenCredential } from '../../src/client/credentials.js';
import { BadRequestError, ResourceNotFoundError } from '../../src/core/errors.js';
import { AddRoleOperation } from '../core/fixtures.js';
import { captureLogger } from '../support/capture-logger.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { testPki } from '../support/pki.js';
import { errorXml, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

clearProxyEnvironment();
const pki = testPki();
const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000cc';
let server: ScriptedServer;

before(async () => { server = await startScriptedServer(); });
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(() => ({ status: 200 }));
});

function options(extra: Partial<ClientOptions> = {}): ClientOptions {
  return { subscriptionId: SUBSCRIPTION, credential: certificateFromPem(pki.client), endpoint: server.url, ca: pki.ca.cert, retry: { baseDelayMs: 5 }, ...extra };
}

test('a 404 ResourceNotFound body becomes ResourceNotFoundError with code, message, status, request id and operation', async () => {
  server.queue({ status: 404, headers: { 'x-ms-request-id': 'req-404' }, body: errorXml('ResourceNotFound', 'The hosted service does not exist.') });
  const client = new ServiceManagementClient(options());
  try {
    await assert.rejects(client.getHostedService({ ServiceName: 'nothing' }), (err: unknown) => {
      assert.ok(err instanceof ResourceNotFoundError, String(err));
      assert.equal(err.code, 'ResourceNotFound');
      assert.equal(err.statusCode, 404);
      assert.equal(err.requestId, 'req-404');
      assert.equal(err.operation, 'GetHostedService');
      assert.equal(err.rawBody, undefined);
      assert.equal(err.message, 'GetHostedService: 404 ResourceNotFound: The hosted service does not exist.');
      return true;
    });
  } finally {
    await client.close();
  }
});

test('a non-XML error body keeps the raw text (redacted) and falls back to an Http<status> code', async () => {
  const key = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----';
  const html = `<html><body><h1>400 Bad Request</h1><pre>${key}</pre></body></html>`;
  server.queue({ status: 400, headers: { 'content-type': 'text/html' }, body: html });
  const client = new ServiceManagementClient(options());
  try {
    await assert.rejects(client.createHostedService({ ServiceName: 'svc', Label: 'l', Location: 'West US' }), (err: unknown) => {
      assert.ok(err instanceof BadRequestError, String(err));
      assert.equal(err.code, 'Http400');
      assert.equal(err.statusCode, 400);
      assert.equal(err.rawBody, '<html><body><h1>400 Bad Request</h1><pre>REDACTED</pre></body></html>');
      assert.equal(err.message.includes('<html>'), false, 'the body stays out of the message');
      return true;
    });
  } finally {
    await client.close();
  }
});

test('each response is logged with method, path, status, timing, attempt and request id', async () => {
  server.queue({ status: 200, headers: { 'x-ms-request-id': 'req-logged' } });
  const log = captureLogger();
  const client = new ServiceManagementClient(options({ logger: log.logger }));
  try {
    await client.getHostedService({ ServiceName: 'svc' });
  } finally {
    await client.close();
  }
  const entry = log.entries.find((e) => e.level === 'info');
  assert.ok(entry);
  assert.equal(entry.method, 'GET');
  assert.equal(entry.path, `/${SUBSCRIPTION}/services/hostedservices/svc`);
  assert.equal(entry.status, 200);
  assert.equal(entry.operation, 'GetHostedService');
  assert.equal(entry.attempt, 1);
  assert.equal(entry.requestId, 'req-logged');
  assert.equal(typeof entry.durationMs, 'number');
  assert.ok(entry.durationMs! >= 0);
});

test('headers are logged by allow-list: everything else reads REDACTED; the token never appears', async () => {
  server.queue({ status: 200, headers: { 'x-ms-request-id': 'req-h', 'set-cookie': 'session=abc123', 'x-internal-secret': 'shh' } });
  const log = captureLogger();
  const credential = tokenCredential(async () => 'bearer-value-xyz');
  const client = new ServiceManagementClient(options({ logger: log.logger, credential }));
  try {
    await client.getHostedService({ ServiceName: 'svc' });
  } finally {
    await client.close();
  }
  const request = log.entries.find((e) => e.message === 'request')!;
  const response = log.entries.find((e) => e.message === 'response')!;
  assert.equal(request.headers!['x-ms-version'], serviceShape.apiVersion);
  assert.match(request.headers!['user-agent']!, /asm-sdk-typescript/);
  assert.equal(response.headers!['x-ms-request-id'], 'req-h');
  assert.equal(response.headers!['set-cookie'], 'REDACTED');
  assert.equal(response.headers!['x-internal-secret'], 'REDACTED');
  assert.equal(server.requests[0]!.headers.authorization, 'Bearer bearer-value-xyz');
  for (const secret of ['bearer-value-xyz', 'abc123', 'shh']) assert.equal(log.text().includes(secret), false, `${secret} leaked`);
});

test('secret body fields are redacted in debug logs: passwords, private keys, certificate data', async () => {
  const pem = `-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFE\n-----END PRIVATE KEY-----`;
  const responseBody = '<Result xmlns="http://schemas.microsoft.com/windowsazure"><UserPassword>user-pw-1</UserPassword>'
    + '<CertificateFile><Data>cGZ4LWJ5dGVz</Data><Password>pfx-pw-2</Password></CertificateFile>'
    + `<PrivateKey>raw-key-3</PrivateKey><Note>${pem}</Note></Result>`;
  server.queue({ status: 202, headers: { 'x-ms-request-id': 'req-secret' }, body: responseBody });
  const log = captureLogger();
  const client = new ServiceClient(options({ logger: log.logger }), serviceShape);
  try {
    await invokeAsync(client, AddRoleOperation, {
      ServiceName: 'svc', DeploymentName: 'dep', RoleName: 'vm1',
      ConfigurationSets: [{ ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: 'vm1', AdminPassword: 'admin-pw-0' }],
    });
  } finally {
    await client.close();
  }
  assert.match(server.requests[0]!.body, /<AdminPassword>admin-pw-0<\/AdminPassword>/, 'the service got the real value');
  const request = log.entries.find((e) => e.message === 'request')!;
  const response = log.entries.find((e) => e.message === 'response')!;
  assert.match(request.body!, /<AdminPassword>REDACTED<\/AdminPassword>/);
  assert.match(request.body!, /<ComputerName>vm1<\/ComputerName>/, 'non-secret fields stay readable');
  assert.match(response.body!, /<UserPassword>REDACTED<\/UserPassword>/);
  assert.match(response.body!, /<Data>REDACTED<\/Data>/);
  assert.match(response.body!, /<Password>REDACTED<\/Password>/);
  assert.match(response.body!, /<PrivateKey>REDACTED<\/PrivateKey>/);
  for (const secret of ['admin-pw-0', 'user-pw-1', 'cGZ4LWJ5dGVz', 'pfx-pw-2', 'raw-key-3', 'TUlJRXZRSUJBREFO']) {
    assert.equal(log.text().includes(secret), false, `${secret} leaked`);
  }
});

const child = fileURLToPath(new URL('../support/log-child.js', import.meta.url));

async function runChild(env: Record<string, string>): Promise<string> {
  const input = JSON.stringify({ endpoint: server.url, ca: pki.ca.cert, key: pki.client.key, cert: pki.client.cert });
  const { stderr } = await promisify(execFile)(process.execPath, [child], { env: { PATH: process.env['PATH'] ?? '', LOG_CHILD: input, ...env } });
  return stderr;
}

test('ASM_SDK_LOG=debug switches on stderr logging without a logger; unset, nothing is written', async () => {
  const stderr = await runChild({ ASM_SDK_LOG: 'debug' });
  const entries = stderr.split('\n').filter((line) => line.startsWith('[asm-sdk] ')).map((line) => JSON.parse(line.slice('[asm-sdk] '.length)) as { level: string; method?: string; status?: number; message: string });
  assert.ok(entries.some((e) => e.level === 'info' && e.method === 'GET' && e.status === 200), stderr);
  assert.ok(entries.some((e) => e.level === 'debug' && e.message === 'request'));
  assert.doesNotMatch(stderr, /PRIVATE KEY/);
  assert.equal(await runChild({}), '');
  const infoOnly = await runChild({ ASM_SDK_LOG: 'info' });
  assert.match(infoOnly, /"level":"info"/);
  assert.doesNotMatch(infoOnly, /"level":"debug"/);
});
