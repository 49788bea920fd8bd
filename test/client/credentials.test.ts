import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inspect } from 'node:util';
import { createPkcs12 } from '../../src/emulator/certs.js';
import { certificateFromPem, certificateFromPfx, tokenCredential, type Credential } from '../../src/client/credentials.js';
import { CredentialError } from '../../src/core/errors.js';
import { legacyPkcs12 } from '../support/legacy-pkcs12.js';
import { testPki } from '../support/pki.js';

const { client, otherClient } = testPki();
const dir = mkdtempSync(join(tmpdir(), 'credentials-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

/** A line from the middle of a PEM body: if it shows up anywhere, key material leaked. */
function secretLine(pem: string): string {
  const lines = pem.trim().split('\n');
  return lines[Math.floor(lines.length / 2)]!;
}

function assertNoKeyMaterial(text: string, ...secrets: string[]): void {
  assert.doesNotMatch(text, /PRIVATE KEY/);
  for (const secret of [secretLine(client.key), secretLine(otherClient.key), ...secrets]) assert.equal(text.includes(secret), false, `leaked: ${secret}`);
}

function assertHidden(credential: Credential): void {
  assertNoKeyMaterial(JSON.stringify(credential));
  assertNoKeyMaterial(inspect(credential, { showHidden: true, depth: Infinity, getters: true }));
  assertNoKeyMaterial(String(credential));
}

function credentialError(fn: () => unknown, pattern: RegExp, ...secrets: string[]): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CredentialError, `expected CredentialError, got ${String(err)}`);
    assert.match(err.message, pattern);
    assertNoKeyMaterial(`${err.message}\n${err.stack ?? ''}\n${inspect(err)}`, ...secrets);
    return true;
  });
}

test('PEM key and certificate, as strings or files, give the same credential', () => {
  const fromText = certificateFromPem({ key: client.key, cert: client.cert });
  const fromFiles = certificateFromPem({ keyFile: file('key.pem', client.key), certFile: file('cert.pem', client.cert) });
  assert.equal(fromText.thumbprint, client.thumbprint);
  assert.equal(fromFiles.thumbprint, client.thumbprint);
  assert.match(fromText.subject, /Runtime Test Management Certificate/);
  assert.equal(fromText.isExpired(), false);
  assertHidden(fromText);
  assertHidden(fromFiles);
});

test('a single combined PEM, as text or file, or given as the key', () => {
  const combined = `${client.cert}\n${client.key}`;
  assert.equal(certificateFromPem({ pem: combined }).thumbprint, client.thumbprint);
  assert.equal(certificateFromPem({ pemFile: file('combined.pem', combined) }).thumbprint, client.thumbprint);
  assert.equal(certificateFromPem({ keyFile: file('combined-as-key.pem', combined) }).thumbprint, client.thumbprint);
});

test('a missing file is named, with the reason', () => {
  const missing = join(dir, 'nowhere', 'key.pem');
  credentialError(() => certificateFromPem({ keyFile: missing, certFile: file('c.pem', client.cert) }), new RegExp(`the key file ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist`));
  credentialError(() => certificateFromPfx({ pfxFile: missing }), /the PKCS#12 file .*nowhere.* does not exist/);
  credentialError(() => certificateFromPem({ keyFile: dir, certFile: file('c2.pem', client.cert) }), /is a directory/);
});

test('an unreadable key, a swapped pair and an empty source are told apart', () => {
  const corrupt = '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n';
  credentialError(() => certificateFromPem({ key: corrupt, cert: client.cert }), /the private key in the key text cannot be read/);
  credentialError(() => certificateFromPem({ keyFile: file('swapped-key.pem', client.cert), certFile: file('swapped-cert.pem', client.key) }), /no PEM private key found in .*swapped-key\.pem \(it holds a certificate: are the key and the certificate swapped\?\)/);
  credentialError(() => certificateFromPem({ key: client.key, cert: 'not a certificate' }), /no PEM certificate found in the certificate text/);
  credentialError(() => certificateFromPem({}), /needs key and cert/);
});

test('a key and a certificate that do not belong together are refused', () => {
  credentialError(() => certificateFromPem({ key: otherClient.key, cert: client.cert }), new RegExp(`do not match \\(certificate thumbprint ${client.thumbprint}\\)`));
  const keyFile = file('other-key.pem', otherClient.key);
  credentialError(() => certificateFromPem({ keyFile, certFile: file('mine.pem', client.cert) }), /other-key\.pem and .*mine\.pem do not match/);
});

test('an encrypted PEM key needs its passphrase', () => {
  const encrypted = createPrivateKey(client.key).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pem-secret' }).toString();
  credentialError(() => certificateFromPem({ key: encrypted, cert: client.cert }), /is encrypted: pass its passphrase/);
  credentialError(() => certificateFromPem({ key: encrypted, cert: client.cert, passphrase: 'wrong-guess' }), /wrong passphrase for the private key in the key text/, 'wrong-guess', 'pem-secret');
  const credential = certificateFromPem({ key: encrypted, cert: client.cert, passphrase: 'pem-secret' });
  assert.equal(credential.thumbprint, client.thumbprint);
  assertHidden(credential);
  assert.equal(JSON.stringify(credential).includes('pem-secret'), false);
});

test('PKCS#12 with a passphrase, from a buffer or a file; a wrong passphrase is named as such', () => {
  const pfx = createPkcs12(client.key, client.cert, 'pfx-secret');
  const pfxFile = file('client.pfx', pfx);
  assert.equal(certificateFromPfx({ pfx, passphrase: 'pfx-secret' }).thumbprint, client.thumbprint);
  const credential = certificateFromPfx({ pfxFile, passphrase: 'pfx-secret' });
  assert.equal(credential.thumbprint, client.thumbprint);
  assertHidden(credential);
  assert.equal(inspect(credential, { showHidden: true, depth: Infinity }).includes('pfx-secret'), false);
  credentialError(() => certificateFromPfx({ pfxFile, passphrase: 'not-it' }), new RegExp(`wrong passphrase for ${pfxFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), 'not-it', 'pfx-secret');
  credentialError(() => certificateFromPfx({ pfx: Buffer.from('definitely not DER') }), /the PKCS#12 data is not a readable PKCS#12 file/);
  credentialError(() => certificateFromPfx({}), /needs pfx or pfxFile/);
});

const legacy = legacyPkcs12(client, 'legacy-secret');

test('legacy-encrypted PKCS#12 (RC2-40, refused by OpenSSL 3) is still read', { skip: legacy === undefined && 'no openssl command line' }, () => {
  const credential = certificateFromPfx({ pfx: legacy!, passphrase: 'legacy-secret' });
  assert.equal(credential.thumbprint, client.thumbprint);
  assertHidden(credential);
  credentialError(() => certificateFromPfx({ pfx: legacy!, passphrase: 'nope' }), /wrong passphrase for the PKCS#12 data/, 'nope', 'legacy-secret');
});

test('a token credential is fetched once, shared by concurrent callers, and fetched again before it expires', async () => {
  let calls = 0;
  let expiresIn = 30_000; // inside the one-minute margin: already due for refresh
  const credential = tokenCredential(async () => {
    calls++;
    await new Promise((resolve) => setImmediate(resolve));
    return { token: `token-${calls}`, expiresOnTimestamp: Date.now() + expiresIn };
  });
  assert.deepEqual(await Promise.all([credential.token(), credential.token(), credential.token()]), ['token-1', 'token-1', 'token-1']);
  assert.equal(calls, 1);
  expiresIn = 3_600_000;
  assert.equal(await credential.token(), 'token-2');
  assert.equal(await credential.token(), 'token-2');
  assert.equal(calls, 2);
  assert.equal(JSON.stringify(credential), '{"kind":"token"}');
  assert.equal(inspect(credential, { showHidden: true, depth: Infinity }).includes('token-2'), false);
});

test('a failing or empty token callback is a CredentialError that does not repeat the callback message', async () => {
  const failing = tokenCredential(async () => { throw new Error('refresh failed for secret=abc123'); });
  await assert.rejects(failing.token(), (err: unknown) => {
    assert.ok(err instanceof CredentialError);
    assert.match(err.message, /the bearer token callback failed \(Error\)/);
    assert.equal(err.message.includes('abc123'), false);
    assert.match(String((err.cause as Error).message), /refresh failed/);
    return true;
  });
  await assert.rejects(tokenCredential(async () => '').token(), /token: must be a non-empty string/);
});
