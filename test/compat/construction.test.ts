/**
 * Construction as the documents show it — createServiceManagementService(subscriptionId, auth, options) and
 * new IaasClient(...) — with every documented way of giving the certificate (values, files, a value winning over
 * a file, CLIENT_AUTH_KEYFILE/CLIENT_AUTH_CERTFILE, priv.pem/pub.pem) and every option (host in its forms,
 * apiversion, serializetype, ca).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import azure, { createServiceManagementService, IaasClient, ServiceManagementService } from '../../src/compat/index.js';
import type { Auth, HostOptions } from '../../src/compat/types.js';
import { createSelfSignedClientCertificate } from '../../src/emulator/certs.js';
import type { Emulator } from '../../src/emulator/server.js';
import { CredentialError } from '../../src/core/errors.js';
import { startTestEmulator } from '../support/emulator.js';
import { clearProxyEnvironment, withEnvironment } from '../support/environment.js';
import { facadeFor, lastRequest } from './support.js';

clearProxyEnvironment();
const CERT_VARIABLES = { CLIENT_AUTH_KEYFILE: undefined, CLIENT_AUTH_CERTFILE: undefined, AZURE_KEYFILE: undefined, AZURE_CERTFILE: undefined };
for (const name of Object.keys(CERT_VARIABLES)) delete process.env[name];

const dir = mkdtempSync(join(tmpdir(), 'compat-construction-'));
let emulator: Emulator;
let keyFile: string;
let certFile: string;

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

before(async () => {
  emulator = await startTestEmulator();
  keyFile = file('key.pem', emulator.clientCert.key);
  certFile = file('cert.pem', emulator.clientCert.cert);
});
after(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Lists hosted services with a client made from `auth` and `options`; resolves with the response object. */
async function listWith(auth: Auth | null | undefined, options: HostOptions = {}) {
  const client = new IaasClient(emulator.subscriptionId, auth, { host: emulator.host, ca: emulator.caCert, ...options });
  try {
    return await client.ListHostedServices();
  } finally {
    await client.close();
  }
}

async function assertAccepted(auth: Auth | null | undefined, options: HostOptions = {}): Promise<void> {
  const rsp = await listWith(auth, options);
  assert.equal(rsp.isSuccessful, true, JSON.stringify(rsp.error));
  assert.equal(rsp.statusCode, 200);
}

test('createServiceManagementService and new IaasClient make the same client; the module also has a default export', async () => {
  const made = createServiceManagementService(emulator.subscriptionId, { keyfile: keyFile, certfile: certFile }, { host: emulator.host, ca: emulator.caCert });
  assert.ok(made instanceof IaasClient);
  assert.equal(ServiceManagementService, IaasClient);
  assert.equal(azure.createServiceManagementService, createServiceManagementService);
  assert.equal(azure.IaasClient, IaasClient);
  assert.equal((await made.ListHostedServices()).isSuccessful, true);
  await made.close();
});

test('the subscription id is required', () => {
  for (const bad of [undefined, '', '  ', 42]) {
    assert.throws(() => new IaasClient(bad as unknown as string, { keyfile: keyFile, certfile: certFile }), TypeError);
  }
});

test('auth: keyfile and certfile', async () => {
  await assertAccepted({ keyfile: keyFile, certfile: certFile });
});

test('auth: keyvalue and certvalue', async () => {
  await assertAccepted({ keyvalue: emulator.clientCert.key, certvalue: emulator.clientCert.cert });
  await assertAccepted({ keyvalue: Buffer.from(emulator.clientCert.key), certvalue: Buffer.from(emulator.clientCert.cert) });
});

test('auth: a value wins over a file (the files named here do not exist)', async () => {
  await assertAccepted({ keyvalue: emulator.clientCert.key, keyfile: join(dir, 'missing-key.pem'), certvalue: emulator.clientCert.cert, certfile: join(dir, 'missing-cert.pem') });
  await assertAccepted({ keyvalue: emulator.clientCert.key, certfile: certFile, keyfile: join(dir, 'missing-key.pem') });
});

test('auth: one keyvalue holding the key and the certificate, as the first document shows', async () => {
  await assertAccepted({ keyvalue: `${emulator.clientCert.key}\n${emulator.clientCert.cert}` });
});

test('auth absent or empty: CLIENT_AUTH_KEYFILE and CLIENT_AUTH_CERTFILE', async () => {
  await withEnvironment({ ...CERT_VARIABLES, CLIENT_AUTH_KEYFILE: keyFile, CLIENT_AUTH_CERTFILE: certFile }, async () => {
    await assertAccepted(undefined);
    await assertAccepted(null);
    await assertAccepted({});
  });
});

test('auth absent, no variables: priv.pem and pub.pem in the working directory', async () => {
  const cwd = mkdtempSync(join(dir, 'cwd-'));
  writeFileSync(join(cwd, 'priv.pem'), emulator.clientCert.key, { mode: 0o600 });
  writeFileSync(join(cwd, 'pub.pem'), emulator.clientCert.cert);
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    await withEnvironment(CERT_VARIABLES, () => assertAccepted(undefined));
  } finally {
    process.chdir(previous);
  }
});

test('no certificate anywhere: construction throws, naming where it looked and never key material', async () => {
  const empty = mkdtempSync(join(dir, 'empty-'));
  const previous = process.cwd();
  process.chdir(empty);
  try {
    await withEnvironment(CERT_VARIABLES, async () => {
      assert.throws(() => new IaasClient(emulator.subscriptionId), (err: unknown) =>
        err instanceof CredentialError && /CLIENT_AUTH_KEYFILE/.test(err.message) && /priv\.pem/.test(err.message));
    });
  } finally {
    process.chdir(previous);
  }
  assert.throws(() => new IaasClient(emulator.subscriptionId, { keyfile: join(dir, 'nope.pem'), certfile: certFile }), /nope\.pem does not exist/);
  assert.throws(() => new IaasClient(emulator.subscriptionId, { keyvalue: emulator.clientCert.cert, certvalue: emulator.clientCert.cert }), (err: unknown) =>
    err instanceof CredentialError && !err.message.includes('BEGIN'));
});

test('a certificate the subscription does not know: 403 in the response object', async () => {
  const stranger = createSelfSignedClientCertificate('stranger');
  const rsp = await listWith({ keyvalue: stranger.key, certvalue: stranger.cert });
  assert.equal(rsp.isSuccessful, false);
  assert.equal(rsp.statusCode, 403);
  assert.equal(rsp.error?.Code, 'ForbiddenError');
});

test('options.host: host:port, an https URL, a name with options.port, and localhost', async () => {
  const auth = { keyfile: keyFile, certfile: certFile };
  await assertAccepted(auth, { host: emulator.host });
  await assertAccepted(auth, { host: emulator.url });
  await assertAccepted(auth, { host: '127.0.0.1', port: emulator.port });
  await assertAccepted(auth, { host: 'localhost', port: String(emulator.port) });
  await assertAccepted(auth, { host: `https://localhost:${emulator.port}` });
});

test('options.host: the public host by default; plain http is refused at construction', () => {
  const client = new IaasClient(emulator.subscriptionId, { keyfile: keyFile, certfile: certFile });
  assert.equal(client.typedClient.endpoint.origin, 'https://management.core.windows.net');
  assert.throws(() => new IaasClient(emulator.subscriptionId, { keyfile: keyFile, certfile: certFile }, { host: `http://${emulator.host}` }), /https/);
  assert.throws(() => new IaasClient(emulator.subscriptionId, { keyfile: keyFile, certfile: certFile }, { host: 'https://example.com/path' }), /path/);
});

test('options.apiversion is the x-ms-version header; the default is the spec\'s; apiversion can be assigned', async () => {
  const client = facadeFor(emulator, { apiversion: '2013-06-01' });
  try {
    await client.ListHostedServices();
    assert.equal(lastRequest(emulator, 'ListHostedServices').headers['x-ms-version'], '2013-06-01');
    client.apiversion = '2014-06-01';
    const rsp = await client.ListHostedServices();
    assert.equal(lastRequest(emulator, 'ListHostedServices').headers['x-ms-version'], '2014-06-01');
    assert.equal(rsp.reqopts?.headers['x-ms-version'], '2014-06-01');
  } finally {
    await client.close();
  }
  const plain = facadeFor(emulator);
  assert.equal(plain.apiversion, '2014-10-01');
  await plain.ListHostedServices();
  assert.equal(lastRequest(emulator, 'ListHostedServices').headers['x-ms-version'], '2014-10-01');
  await plain.close();
});

test('options.serializetype JSON sends and reads JSON; XML is the default; anything else is refused', async () => {
  const client = facadeFor(emulator, { serializetype: 'JSON', location: 'West US' });
  try {
    const created = await client.CreateHostedService('jsonsvc', { Description: 'made as JSON' });
    assert.equal(created.isSuccessful, true, JSON.stringify(created.error));
    const request = lastRequest(emulator, 'CreateHostedService');
    assert.match(request.headers['content-type'] ?? '', /application\/json/);
    assert.equal(JSON.parse(request.body).Description, 'made as JSON');
    const read = await client.GetHostedService('jsonsvc');
    assert.match(read.headers['content-type'] ?? '', /json/);
    assert.equal((read.response as { HostedServiceProperties: { Description: string } }).HostedServiceProperties.Description, 'made as JSON');
  } finally {
    await client.close();
  }
  const xml = facadeFor(emulator, { serializetype: 'xml' });
  await xml.ListHostedServices();
  assert.equal(lastRequest(emulator, 'ListHostedServices').headers['accept'], 'application/xml');
  await xml.close();
  assert.throws(() => facadeFor(emulator, { serializetype: 'YAML' }), /serializetype/);
});

test('options.ca trusts the emulator\'s CA; without it the server certificate is not trusted', async () => {
  const untrusted = new IaasClient(emulator.subscriptionId, { keyfile: keyFile, certfile: certFile }, { host: emulator.host });
  try {
    const rsp = await untrusted.ListHostedServices();
    assert.equal(rsp.isSuccessful, false);
    assert.equal(rsp.statusCode, undefined);
    assert.equal(rsp.error?.Code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  } finally {
    await untrusted.close();
  }
  await assertAccepted({ keyfile: keyFile, certfile: certFile }, { ca: [emulator.caCert] });
});
