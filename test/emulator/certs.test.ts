import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import {
  createCertificateAuthority, createPkcs12, createSelfSignedClientCertificate, issueServerCertificate, serialNumber, thumbprintOf,
} from '../../src/emulator/certs.js';
import { sharedPki } from './helpers.js';

test('the CA is a CA and signs a server certificate for localhost and 127.0.0.1', () => {
  const ca = createCertificateAuthority('Test CA');
  const server = issueServerCertificate(ca, ['emulator.test']);
  const caX509 = new X509Certificate(ca.cert);
  const serverX509 = new X509Certificate(server.cert);
  assert.equal(caX509.ca, true);
  assert.equal(serverX509.ca, false);
  assert.ok(serverX509.verify(caX509.publicKey), 'the server certificate is signed by the CA');
  assert.ok(serverX509.checkIssued(caX509));
  assert.equal(serverX509.checkHost('localhost'), 'localhost');
  assert.equal(serverX509.checkHost('emulator.test'), 'emulator.test');
  assert.equal(serverX509.checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(createPrivateKey(server.key).asymmetricKeyDetails?.modulusLength, 2048);
});

test('a client certificate is self-signed, like an ASM management certificate, with an uppercase SHA-1 thumbprint', () => {
  const client = createSelfSignedClientCertificate('my-mgmt');
  const x509 = new X509Certificate(client.cert);
  assert.match(x509.subject, /CN=my-mgmt/);
  assert.equal(x509.subject, x509.issuer);
  assert.ok(x509.verify(x509.publicKey));
  assert.match(client.thumbprint, /^[0-9A-F]{40}$/);
  assert.equal(client.thumbprint, x509.fingerprint.replace(/:/g, ''));
  assert.equal(thumbprintOf(client.cert), client.thumbprint);
  assert.match(client.key, /^-----BEGIN PRIVATE KEY-----/);
});

test('createPkcs12 makes a PFX that TLS loads with its passphrase, and only with it', () => {
  const { client } = sharedPki();
  const pfx = createPkcs12(client.key, client.cert, 's3cret');
  assert.ok(Buffer.isBuffer(pfx) && pfx.length > 1000);
  assert.doesNotThrow(() => createSecureContext({ pfx, passphrase: 's3cret' }));
  assert.throws(() => createSecureContext({ pfx, passphrase: 'wrong' }));
});

test('serial numbers are minimal positive DER integers, so OpenSSL never refuses a certificate for "illegal padding"', () => {
  // The earlier form (top bit cleared only) started with 0x00 about once in 256 draws, and a fresh emulator's
  // server certificate then failed to load: 4,000 draws would all but surely have shown it.
  for (let i = 0; i < 4000; i++) {
    const first = Number.parseInt(serialNumber().slice(0, 2), 16);
    assert.ok(first >= 0x40 && first <= 0x7f, `first byte 0x${first.toString(16)}`);
  }
});
