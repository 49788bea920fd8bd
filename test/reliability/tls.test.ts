/**
 * A short sample of the TLS suite (the full run is `npm run reliability tls`): flawed server certificates are
 * refused before any request, directly and through a CONNECT proxy.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expiredServerCertificate, wrongHostServerCertificate } from './tls/certificates.js';
import { probe } from './tls/probe.js';
import { testPki } from '../support/pki.js';

const pki = testPki();

for (const [name, server, reason, viaProxy] of [
  ['an untrusted CA', () => pki.untrustedServer, /not trusted/, false],
  ['an expired certificate, through a proxy', () => expiredServerCertificate(pki.ca), /expired/, true],
  ['a certificate for another host', () => wrongHostServerCertificate(pki.ca), /not issued for/, false],
] as const) {
  test(`${name} is refused with a NetworkError saying why, before any request`, async () => {
    const result = await probe({ server: server(), client: pki.client, ca: pki.ca.cert, viaProxy });
    assert.equal(result.ending, 'NetworkError');
    assert.match(result.message, reason);
    assert.equal(result.requestsReceived, 0);
  });
}
