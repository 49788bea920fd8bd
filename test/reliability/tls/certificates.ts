/**
 * Server certificates a client must refuse, each issued by the CA the client trusts (so that only the one flaw
 * matters): one that expired yesterday, and one issued for another host name. The untrusted-CA case uses
 * test/support/pki.ts.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateAuthority, KeyAndCertificate } from '../../../src/emulator/certs.js';
import { thumbprintOf } from '../../../src/emulator/certs.js';

const DAY = 24 * 3600 * 1000;

function issue(ca: CertificateAuthority, altNames: object[], notBefore: Date, notAfter: Date): KeyAndCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // Minimal positive DER integer: a first byte of 0x40-0x7f (a leading 0x00 can make OpenSSL refuse it).
  cert.serialNumber = `4${randomBytes(8).toString('hex').slice(1)}`;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ shortName: 'CN', value: 'reliability server' }]);
  cert.setIssuer(forge.pki.certificateFromPem(ca.cert).subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.key), forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  return { key, cert: pem, thumbprint: thumbprintOf(pem) };
}

const LOCAL = [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }];

export function expiredServerCertificate(ca: CertificateAuthority): KeyAndCertificate {
  return issue(ca, LOCAL, new Date(Date.now() - 10 * DAY), new Date(Date.now() - DAY));
}

export function wrongHostServerCertificate(ca: CertificateAuthority): KeyAndCertificate {
  return issue(ca, [{ type: 2, value: 'management.core.windows.net' }], new Date(Date.now() - DAY), new Date(Date.now() + 10 * DAY));
}
