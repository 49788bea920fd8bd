/**
 * Test PKI shared by the tests of one process: a trusted CA with a server certificate for 127.0.0.1, a second CA
 * nobody trusts, client certificates, and an expired client certificate. RSA key generation is the slow part,
 * so everything is made once, on first use.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import {
  createCertificateAuthority, createSelfSignedClientCertificate, issueServerCertificate, thumbprintOf,
  type CertificateAuthority, type KeyAndCertificate,
} from '../../src/emulator/certs.js';

export interface TestPki {
  ca: CertificateAuthority;
  /** Issued by `ca` for localhost and 127.0.0.1. */
  server: KeyAndCertificate;
  /** Issued by a CA the clients do not trust. */
  untrustedServer: KeyAndCertificate;
  client: KeyAndCertificate;
  otherClient: KeyAndCertificate;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const ca = once(() => createCertificateAuthority('Runtime Test CA'));
const server = once(() => issueServerCertificate(ca()));
const untrustedServer = once(() => issueServerCertificate(createCertificateAuthority('Untrusted Test CA')));
const client = once(() => createSelfSignedClientCertificate('Runtime Test Management Certificate'));
const otherClient = once(() => createSelfSignedClientCertificate('Another Management Certificate'));

/** Each part is made on first access, so a test file pays only for what it uses. */
export function testPki(): TestPki {
  return {
    get ca() { return ca(); },
    get server() { return server(); },
    get untrustedServer() { return untrustedServer(); },
    get client() { return client(); },
    get otherClient() { return otherClient(); },
  };
}

let expired: KeyAndCertificate | undefined;
let notYetValid: KeyAndCertificate | undefined;

/** A self-signed client certificate valid only between the two dates. */
export function clientCertificateValidBetween(notBefore: Date, notAfter: Date, commonName: string): KeyAndCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '0badc0de';
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const subject = [{ shortName: 'CN', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { key: keyPem, cert: certPem, thumbprint: thumbprintOf(certPem) };
}

const DAY = 24 * 3600 * 1000;

/** A self-signed client certificate whose validity ended yesterday. */
export function expiredClientCertificate(): KeyAndCertificate {
  expired ??= clientCertificateValidBetween(new Date(Date.now() - 10 * DAY), new Date(Date.now() - DAY), 'Expired Management Certificate');
  return expired;
}

/** A self-signed client certificate whose validity starts tomorrow. */
export function notYetValidClientCertificate(): KeyAndCertificate {
  notYetValid ??= clientCertificateValidBetween(new Date(Date.now() + DAY), new Date(Date.now() + 10 * DAY), 'Future Management Certificate');
  return notYetValid;
}
