/**
 * Test PKI made at run time: a CA, a server certificate it issues for the emulator, and self-signed client
 * certificates (ASM management certificates are self-signed). Keys come from node:crypto; node-forge only
 * assembles and signs the X.509 structures. Nothing here is ever written into the repository.
 */
import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

/** A PEM private key (PKCS#8), its PEM certificate and the certificate's SHA-1 thumbprint. */
export interface KeyAndCertificate {
  key: string;
  cert: string;
  /** SHA-1 of the DER certificate, uppercase hex without separators, as the Azure portal shows it. */
  thumbprint: string;
}

export type CertificateAuthority = KeyAndCertificate;

interface CertificateRequest {
  subject: forge.pki.CertificateField[];
  issuer?: { subject: forge.pki.CertificateField[]; key: string };
  extensions: object[];
  validDays: number;
}

/** Uppercase hex SHA-1 of a PEM certificate's DER form. */
export function thumbprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint.replace(/:/g, '').toUpperCase();
}

function newRsaKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * A positive serial number in minimal DER form: DER integers are signed (top bit clear) and may not start with a
 * zero byte before one whose top bit is clear — OpenSSL refuses that as "illegal padding", which a random first
 * byte of 0x00 made happen about once in 256 certificates. Bit 6 set keeps the first byte in 0x40-0x7f.
 */
export function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes.toString('hex');
}

function buildCertificate(request: CertificateRequest): KeyAndCertificate {
  const key = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(key.publicPem);
  cert.serialNumber = serialNumber();
  // Back-date a little so that clock skew between processes never makes a fresh certificate "not yet valid".
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + request.validDays * 24 * 3600 * 1000);
  cert.setSubject(request.subject);
  cert.setIssuer(request.issuer?.subject ?? request.subject);
  cert.setExtensions([...request.extensions, { name: 'subjectKeyIdentifier' }]);
  const signingKey = forge.pki.privateKeyFromPem(request.issuer?.key ?? key.privatePem);
  cert.sign(signingKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { key: key.privatePem, cert: certPem, thumbprint: thumbprintOf(certPem) };
}

function subjectOf(certPem: string): forge.pki.CertificateField[] {
  return forge.pki.certificateFromPem(certPem).subject.attributes;
}

/** A root CA for one emulator run; clients trust its certificate (caCert / ca.pem). */
export function createCertificateAuthority(commonName = 'ASM Emulator Test CA'): CertificateAuthority {
  return buildCertificate({
    subject: [{ shortName: 'CN', value: commonName }, { shortName: 'O', value: 'asm-sdk emulator' }],
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
    validDays: 30,
  });
}

/** A TLS server certificate signed by `ca`, valid for the given DNS names and IP addresses (plus localhost and 127.0.0.1). */
export function issueServerCertificate(ca: CertificateAuthority, hostnames: string[] = []): KeyAndCertificate {
  const names = [...new Set(['localhost', '127.0.0.1', ...hostnames])];
  const altNames = names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name }));
  return buildCertificate({
    subject: [{ shortName: 'CN', value: names[0]! }],
    issuer: { subject: subjectOf(ca.cert), key: ca.key },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
    validDays: 30,
  });
}

/** A self-signed client certificate, the kind uploaded to a subscription as a management certificate. */
export function createSelfSignedClientCertificate(commonName = 'ASM Emulator Management Certificate'): KeyAndCertificate {
  return buildCertificate({
    subject: [{ shortName: 'CN', value: commonName }],
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
    validDays: 365,
  });
}

/** A PKCS#12 (PFX) file holding the key and certificate, the key encrypted with AES-256 under `passphrase`. */
export function createPkcs12(keyPem: string, certPem: string, passphrase: string): Buffer {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.certificateFromPem(certPem);
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: 'aes256', friendlyName: 'management' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/**
 * The PKCS#12 of the portal's .publishsettings: the key encrypted with 3DES (PKCS#12 PBE with SHA-1) under the
 * empty password read as zero bytes, without a MAC. The classic CLI reads it with a decoder of its own
 * (azure-cli lib/util/certificates/pkcs.js) that knows only the PKCS#12 PBE schemes (an AES bag fails with
 * "'UNIVERSAL-constructed-10' == 'UNIVERSAL-primative-4'") and derives the key from zero password bytes, where
 * node-forge writes '' as a two-byte terminator ("bad decrypt"); OpenSSL accepts both forms of the empty password.
 */
export function createPortalPkcs12(keyPem: string, certPem: string): Buffer {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.certificateFromPem(certPem);
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], '', { algorithm: '3des', useMac: false, friendlyName: 'management' });
  const encrypted = forge.pki.encryptPrivateKeyInfo(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key)), null as unknown as string, { algorithm: '3des' });
  replaceShroudedKey(asn1, encrypted);
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

const SHROUDED_KEY_BAG = forge.asn1.oidToDer(forge.pki.oids['pkcs8ShroudedKeyBag']!).getBytes();

/** Puts `encrypted` in place of the EncryptedPrivateKeyInfo of the PFX's key bag (inside the key ContentInfo's octets). */
function replaceShroudedKey(pfx: forge.asn1.Asn1, encrypted: forge.asn1.Asn1): void {
  const authSafeOctets = ((pfx.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[];
  const safe = forge.asn1.fromDer(authSafeOctets[0]!.value as string);
  for (const info of safe.value as forge.asn1.Asn1[]) {
    const octets = ((info.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!;
    const contents = forge.asn1.fromDer(octets.value as string);
    const bag = (contents.value as forge.asn1.Asn1[])[0]!;
    const parts = bag.value as forge.asn1.Asn1[];
    if (parts[0]!.value !== SHROUDED_KEY_BAG) continue;
    (parts[1]!.value as forge.asn1.Asn1[])[0] = encrypted;
    octets.value = forge.asn1.toDer(contents).getBytes();
  }
  authSafeOctets[0]!.value = forge.asn1.toDer(safe).getBytes();
}
