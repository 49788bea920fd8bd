/**
 * Every way of loading a management certificate, proven against the emulator over real HTTPS: the emulator only
 * answers when the presented client certificate is registered for the subscription.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createPkcs12 } from '../../src/emulator/certs.js';
import type { Emulator } from '../../src/emulator/server.js';
import { ServiceManagementClient } from '../../generated/client.js';
import { certificateFromEnvironment } from '../../src/client/credential-environment.js';
import { certificateFromPem, certificateFromPfx, tokenCredential, type Credential } from '../../src/client/credentials.js';
import { AuthenticationError } from '../../src/core/errors.js';
import { fromPublishSettings } from '../../src/client/publish-settings.js';
import { captureLogger } from '../support/capture-logger.js';
import { startTestEmulator } from '../support/emulator.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { legacyPkcs12 } from '../support/legacy-pkcs12.js';
import { expiredClientCertificate, testPki } from '../support/pki.js';
import { publishSettingsV1, publishSettingsV2 } from '../support/publish-settings.js';

clearProxyEnvironment();
const pki = testPki();
const dir = mkdtempSync(join(tmpdir(), 'credentials-e2e-'));
let emulator: Emulator;

before(async () => {
  emulator = await startTestEmulator({ ca: pki.ca, clientCert: pki.client, bearerTokens: ['token-one', 'token-two'] });
});
after(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

/** Lists locations with the credential: resolves only if the emulator accepted it. */
async function accepted(credential: Credential, subscriptionId = emulator.subscriptionId, options: { logger?: ReturnType<typeof captureLogger>['logger'] } = {}): Promise<void> {
  const client = new ServiceManagementClient({ subscriptionId, credential, endpoint: emulator.url, ca: emulator.caCert, ...options });
  try {
    const locations = await client.listLocations({});
    assert.ok(locations.length > 0);
  } finally {
    await client.close();
  }
}

test('PEM key and certificate as strings', async () => {
  await accepted(certificateFromPem({ key: pki.client.key, cert: pki.client.cert }));
});

test('PEM key and certificate as file paths', async () => {
  await accepted(certificateFromPem({ keyFile: file('key.pem', pki.client.key), certFile: file('cert.pem', pki.client.cert) }));
});

test('a single combined PEM file', async () => {
  await accepted(certificateFromPem({ pemFile: file('combined.pem', `${pki.client.key}${pki.client.cert}`) }));
});

test('PKCS#12 with a passphrase', async () => {
  await accepted(certificateFromPfx({ pfxFile: file('client.pfx', createPkcs12(pki.client.key, pki.client.cert, 'pfx-pass')), passphrase: 'pfx-pass' }));
});

const legacy = legacyPkcs12(pki.client, 'legacy-pass');
test('legacy-encrypted PKCS#12 (RC2-40)', { skip: legacy === undefined && 'no openssl command line' }, async () => {
  await accepted(certificateFromPfx({ pfx: legacy!, passphrase: 'legacy-pass' }));
});

test('environment: CLIENT_AUTH_KEYFILE and CLIENT_AUTH_CERTFILE', async () => {
  const env = { CLIENT_AUTH_KEYFILE: file('env.key', pki.client.key), CLIENT_AUTH_CERTFILE: file('env.crt', pki.client.cert) };
  await accepted(certificateFromEnvironment({ cwd: dir, env }));
});

test('a certificate the subscription does not know is refused by the service (403)', async () => {
  await assert.rejects(accepted(certificateFromPem(pki.otherClient)), (err: unknown) =>
    err instanceof AuthenticationError && err.statusCode === 403 && err.code === 'ForbiddenError');
});

test('publishsettings 1.0: credential, subscription id and endpoint all come from the file', async () => {
  const path = file('v1.publishsettings', publishSettingsV1(`${emulator.url}/`, pki.client, [{ id: emulator.subscriptionId, name: 'Emulated' }]));
  const settings = fromPublishSettings({ file: path });
  assert.equal(settings.endpoint, emulator.url);
  const client = new ServiceManagementClient({ ...settings, ca: emulator.caCert });
  try {
    await client.createHostedService({ ServiceName: 'from-publishsettings', Label: 'ps', Location: 'West US' });
    const service = await client.getHostedService({ ServiceName: 'from-publishsettings' });
    assert.equal(service.ServiceName, 'from-publishsettings');
  } finally {
    await client.close();
  }
});

test('publishsettings 2.0 with two subscriptions: each selected by name or id uses its own certificate', async () => {
  const second = emulator.addSubscription({ certificate: pki.otherClient.cert });
  const path = file('v2.publishsettings', publishSettingsV2([
    { id: emulator.subscriptionId, name: 'First', certificate: pki.client, url: emulator.url },
    { id: second, name: 'Second', certificate: pki.otherClient, url: emulator.url },
  ]));
  for (const [subscription, expected] of [['Second', second], [emulator.subscriptionId, emulator.subscriptionId]] as const) {
    const settings = fromPublishSettings({ file: path, subscription });
    assert.equal(settings.subscriptionId, expected);
    await accepted(settings.credential, settings.subscriptionId);
  }
  // The first subscription's certificate is not registered with the second: selection really matters.
  const first = fromPublishSettings({ file: path, subscription: 'First' });
  await assert.rejects(accepted(first.credential, second), AuthenticationError);
});

test('an expired certificate: the SDK warns through the logger, and the emulator refuses it with 403 as the service did', async () => {
  const expired = expiredClientCertificate();
  emulator.registerManagementCertificate(emulator.subscriptionId, expired.cert);
  const credential = certificateFromPem(expired);
  assert.equal(credential.isExpired(), true);
  const log = captureLogger();
  await assert.rejects(accepted(credential, emulator.subscriptionId, { logger: log.logger }), AuthenticationError);
  const warning = log.entries.find((entry) => entry.level === 'warn' && /expired/.test(entry.message));
  assert.ok(warning, 'an expiry warning');
  assert.match(warning.message, new RegExp(`management certificate ${expired.thumbprint} expired on \\d{4}-`));
  assert.doesNotMatch(log.text(), /PRIVATE KEY/);
});

test('bearer token: sent as Authorization, fetched again when it is about to expire', async () => {
  const tokens = [
    { token: 'token-one', expiresOnTimestamp: Date.now() + 30_000 }, // inside the refresh margin: used once
    { token: 'token-two', expiresOnTimestamp: Date.now() + 3_600_000 },
  ];
  let calls = 0;
  const credential = tokenCredential(async () => tokens[Math.min(calls++, tokens.length - 1)]!);
  const client = new ServiceManagementClient({ subscriptionId: emulator.subscriptionId, credential, endpoint: emulator.url, ca: emulator.caCert });
  try {
    const before = emulator.requests.length;
    for (let i = 0; i < 3; i++) await client.listLocations({});
    // The request log names which configured token came, never the token itself.
    const seen = emulator.requests.slice(before).map((r) => r.headers.authorization);
    assert.deepEqual(seen, ['Bearer [token #1]', 'Bearer [token #2]', 'Bearer [token #2]']);
    assert.equal(calls, 2);
  } finally {
    await client.close();
  }
  const unknown = tokenCredential(async () => 'not-a-known-token');
  await assert.rejects(accepted(unknown), AuthenticationError);
});
