/**
 * Credentials: a management certificate (PEM key and certificate, a combined PEM, or PKCS#12) presented as the TLS
 * client certificate, or a bearer token. Key material lives in private fields, so it never shows in a log, an
 * error, JSON.stringify or util.inspect of a credential.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { CredentialError } from './errors.js';

/** The TLS options that carry a client certificate. */
export type ClientTlsOptions = { key: string; cert: string } | { pfx: Buffer; passphrase?: string };

export class CertificateCredential {
  readonly kind = 'certificate';
  readonly #tls: ClientTlsOptions;
  /** SHA-1 thumbprint (uppercase hex), as the management portal shows it. */
  readonly thumbprint: string;
  readonly notAfter: Date;
  readonly subject: string;

  constructor(tls: ClientTlsOptions, certificate: X509Certificate) {
    this.#tls = tls;
    this.thumbprint = certificate.fingerprint.replace(/:/g, '');
    this.notAfter = new Date(certificate.validTo);
    this.subject = certificate.subject;
  }

  /** For the transport only. */
  tlsOptions(): ClientTlsOptions {
    return this.#tls;
  }

  isExpired(now = new Date()): boolean {
    return this.notAfter.getTime() < now.getTime();
  }

  toJSON(): Record<string, string> {
    return { kind: this.kind, thumbprint: this.thumbprint, subject: this.subject };
  }
}

export interface AccessToken {
  token: string;
  /** Epoch milliseconds; the token is fetched again shortly before. */
  expiresOnTimestamp: number;
}

export class TokenCredential {
  readonly kind = 'token';
  readonly #getToken: () => Promise<AccessToken>;
  #cached: AccessToken | undefined;
  #pending: Promise<AccessToken> | undefined;

  constructor(getToken: () => Promise<AccessToken>) {
    this.#getToken = getToken;
  }

  /** The current token, refreshed when it expires within a minute; concurrent callers share one refresh. */
  async token(): Promise<string> {
    if (this.#cached && this.#cached.expiresOnTimestamp - 60_000 > Date.now()) return this.#cached.token;
    this.#pending ??= this.#getToken().finally(() => { this.#pending = undefined; });
    this.#cached = await this.#pending;
    return this.#cached.token;
  }

  toJSON(): Record<string, string> {
    return { kind: this.kind };
  }
}

export type Credential = CertificateCredential | TokenCredential;

export interface PemSource {
  /** PEM private key text, or a combined PEM holding key and certificate. */
  key?: string;
  /** PEM certificate text. */
  cert?: string;
  keyFile?: string;
  certFile?: string;
}

export interface PfxSource {
  pfx?: Buffer;
  pfxFile?: string;
  passphrase?: string;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CredentialError(`cannot read the ${what} file ${path}${code ? ` (${code})` : ''}`);
  }
}

const PEM_KEY = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

function parseKey(pem: string, origin: string): KeyObject {
  const match = PEM_KEY.exec(pem);
  if (!match) throw new CredentialError(`no PEM private key found in ${origin}`);
  try {
    return createPrivateKey(match[0]);
  } catch {
    throw new CredentialError(`the private key in ${origin} cannot be read (encrypted or corrupt)`);
  }
}

function parseCertificate(pem: string, origin: string): X509Certificate {
  const match = PEM_CERT.exec(pem);
  if (!match) throw new CredentialError(`no PEM certificate found in ${origin}`);
  try {
    return new X509Certificate(match[0]);
  } catch {
    throw new CredentialError(`the certificate in ${origin} cannot be read`);
  }
}

/** A management certificate from PEM text or files; a combined PEM may hold both parts. Checks that they match. */
export function certificateFromPem(source: PemSource): CertificateCredential {
  const keyText = source.key ?? (source.keyFile !== undefined ? readText(source.keyFile, 'key') : undefined);
  const certText = source.cert ?? (source.certFile !== undefined ? readText(source.certFile, 'certificate') : undefined) ?? keyText;
  const keyOrigin = source.key !== undefined ? 'the key text' : source.keyFile ?? 'the certificate text';
  const certOrigin = source.cert !== undefined ? 'the certificate text' : source.certFile ?? keyOrigin;
  if (keyText === undefined && certText === undefined) throw new CredentialError('a certificate credential needs a key and a certificate');
  const key = parseKey(keyText ?? certText!, keyText !== undefined ? keyOrigin : certOrigin);
  const certificate = parseCertificate(certText!, certOrigin);
  if (!certificate.checkPrivateKey(key)) {
    throw new CredentialError(`the private key (${keyOrigin}) does not match the certificate (${certOrigin}, thumbprint ${certificate.fingerprint.replace(/:/g, '')})`);
  }
  const keyPem = key.export({ format: 'pem', type: 'pkcs8' }).toString();
  return new CertificateCredential({ key: keyPem, cert: certificate.toString() }, certificate);
}

/** A management certificate from a PKCS#12 (.pfx) file or buffer, as Node's TLS reads it natively. */
export function certificateFromPfx(source: PfxSource): CertificateCredential {
  const origin = source.pfxFile ?? 'the PKCS#12 data';
  let pfx = source.pfx;
  if (pfx === undefined) {
    if (source.pfxFile === undefined) throw new CredentialError('a PKCS#12 credential needs pfx or pfxFile');
    try {
      pfx = readFileSync(source.pfxFile);
    } catch (err) {
      throw new CredentialError(`cannot read the PKCS#12 file ${source.pfxFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const tls: ClientTlsOptions = { pfx, passphrase: source.passphrase ?? '' };
  try {
    createSecureContext(tls);
  } catch (err) {
    const message = (err as Error).message;
    if (/mac verify|password|decrypt/i.test(message)) throw new CredentialError(`wrong passphrase for ${origin}`);
    throw new CredentialError(`${origin} is not a readable PKCS#12 file`);
  }
  return new CertificateCredential(tls, certificateOfPfx(tls, origin));
}

/** Reads the leaf certificate of a PKCS#12 bundle by letting a TLS context load it. */
function certificateOfPfx(tls: ClientTlsOptions, origin: string): X509Certificate {
  const context = createSecureContext(tls).context as { getCertificate?: () => Buffer | null };
  const der = context.getCertificate?.();
  if (!der) throw new CredentialError(`${origin} holds no certificate`);
  return new X509Certificate(der);
}

export function tokenCredential(getToken: () => Promise<AccessToken | string>): TokenCredential {
  return new TokenCredential(async () => {
    const token = await getToken();
    // A bare string has no known expiry: ask again for every request after an hour.
    return typeof token === 'string' ? { token, expiresOnTimestamp: Date.now() + 3_600_000 } : token;
  });
}
