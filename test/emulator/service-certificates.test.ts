/**
 * Certificates of a cloud service: a PFX (read with its password) or a .cer is added asynchronously, listed and
 * read as the public certificate under its SHA-1 thumbprint, and deleted; a wrong password is refused.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createPkcs12, createSelfSignedClientCertificate } from '../../src/emulator/certs.js';
import type { Emulator } from '../../src/emulator/server.js';
import { createService, succeed } from './compute-fixtures.js';
import { NS, clientFor, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;
const path = '/services/hostedservices/cert-svc/certificates';
const file = (data: string, format: string, password = '') => `<CertificateFile xmlns="${NS}"><Data>${data}</Data><CertificateFormat>${format}</CertificateFormat><Password>${password}</Password></CertificateFile>`;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = clientFor(emulator);
  await createService(client, 'cert-svc');
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('a PFX is added with its password and answered as its public certificate, by thumbprint', async () => {
  const cert = emulator.clientCert;
  const pfx = createPkcs12(cert.key, cert.cert, 'pfx-password').toString('base64');
  assert.equal((await client.call('POST', path, { body: file(pfx, 'pfx', 'wrong') })).status, 400);
  await succeed(client, 'POST', path, file(pfx, 'pfx', 'pfx-password'));
  const got = await client.call('GET', `${path}/sha1-${cert.thumbprint}`);
  assert.equal(got.status, 200);
  assert.equal(elementText(got.text, 'CertificateUrl'), `${emulator.url}/${emulator.subscriptionId}/services/hostedservices/cert-svc/certificates/sha1-${cert.thumbprint}`);
  assert.equal(elementText(got.text, 'Data'), new X509Certificate(cert.cert).raw.toString('base64'));
});

test('a .cer is added too; the list shows both; deleting one leaves the other', async () => {
  const other = createSelfSignedClientCertificate('service cert');
  await succeed(client, 'POST', path, file(new X509Certificate(other.cert).raw.toString('base64'), 'cer'));
  const listed = (await client.call('GET', path)).text;
  assert.deepEqual([...listed.matchAll(/<Thumbprint>([^<]*)<\/Thumbprint>/g)].map((m) => m[1]).sort(), [emulator.clientCert.thumbprint, other.thumbprint].sort());
  await succeed(client, 'DELETE', `${path}/sha1-${other.thumbprint}`);
  assert.deepEqual(errorOf((await client.call('GET', `${path}/sha1-${other.thumbprint}`)).text), { code: 'ResourceNotFound', message: 'The certificate was not found.' });
  assert.equal((await client.call('GET', `${path}/sha1-${emulator.clientCert.thumbprint}`)).status, 200);
});
