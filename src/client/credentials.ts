/**
 * Credentials: a management certificate (PEM key and certificate, a combined PEM, or PKCS#12) presented as the TLS
 * client certificate, or a bearer token. Key material lives in private fields, so it never shows in a log, an
 * error, JSON.stringify or util.inspect of a credential; error messages name the file or field, never its content.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { CredentialError } from '../core/errors.js';
import { decodeLegacyPkcs12 } from './pkcs12-legacy.js';

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
    return { kind: this.kind, thumbprint: this.thumbprint, subject: this.subject, notAfter: this.notAfter.toISOString() };
  }
}

export interface AccessToken {
  token: string;
  /** Epoch milliseconds; the token is fetched again shortly before. */
  expiresOnTimestamp: number;
}

/** Tokens are fetched again this long before they expire, so that none expires on the way to the service. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

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
    if (this.#cached && this.#cached.expiresOnTimestamp - TOKEN_REFRESH_MARGIN_MS > Date.now()) return this.#cached.token;
    this.#pending ??= this.#fetch().finally(() => { this.#pending = undefined; });
    this.#cached = await this.#pending;
    return this.#cached.token;
  }

  async #fetch(): Promise<AccessToken> {
    let fetched: AccessToken;
    try {
      fetched = await this.#getToken();
    } catch (err) {
      // The callback's own error stays reachable as `cause`; the message does not repeat it, as it may quote a secret.
      throw new CredentialError(`the bearer token callback failed (${(err as Error)?.name ?? 'error'})`, { cause: err });
    }
    if (typeof fetched?.token !== 'string' || fetched.token === '') throw new CredentialError('the bearer token callback returned no token (token: must be a non-empty string)');
    if (!Number.isFinite(fetched.expiresOnTimestamp)) throw new CredentialError('the bearer token callback returned no expiry (expiresOnTimestamp: must be epoch milliseconds)');
    return fetched;
  }

  toJSON(): Record<string, string> {
    return { kind: this.kind };
  }
}

export type Credential = CertificateCredential | TokenCredential;

export interface PemSource {
  /** PEM private key text (or a combined PEM holding key and certificate). */
  key?: string | Buffer;
  /** PEM certificate text. */
  cert?: string | Buffer;
  keyFile?: string;
  certFile?: string;
  /** One PEM text holding both the private key and the certificate. */
  pem?: string | Buffer;
  /** A file holding both the private key and the certificate. */
  pemFile?: string;
  /** Passphrase of an encrypted private key. */
  passphrase?: string;
}

export interface PfxSource {
  pfx?: Buffer;
  pfxFile?: string;
  /** Default: empty, as in the PKCS#12 of a .publishsettings file. */
  passphrase?: string;
}

/** Reads a credential file; a missing or unreadable file is named, with the system's reason. */
export function readCredentialFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable (permission denied)' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new CredentialError(`the ${what} file ${path} ${reason}`);
  }
}

const PEM_KEY = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

function parseKey(pem: string, origin: string, passphrase: string | undefined): KeyObject {
  const match = PEM_KEY.exec(pem);
  if (!match) {
    const hint = PEM_CERT.test(pem) ? ' (it holds a certificate: are the key and the certificate swapped?)' : '';
    throw new CredentialError(`no PEM private key found in ${origin}${hint}`);
  }
  const encrypted = /ENCRYPTED/.test(match[0]);
  try {
    return createPrivateKey({ key: match[0], format: 'pem', ...(passphrase !== undefined ? { passphrase } : {}) });
  } catch (err) {
    if (encrypted && passphrase === undefined) throw new CredentialError(`the private key in ${origin} is encrypted: pass its passphrase`);
    if (encrypted) throw new CredentialError(`wrong passphrase for the private key in ${origin}`);
    throw new CredentialError(`the private key in ${origin} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'corrupt or not a private key'})`);
  }
}

function parseCertificate(pem: string, origin: string): X509Certificate {
  const match = PEM_CERT.exec(pem);
  if (!match) throw new CredentialError(`no PEM certificate found in ${origin}`);
  try {
    return new X509Certificate(match[0]);
  } catch {
    throw new CredentialError(`the certificate in ${origin} cannot be read (corrupt PEM)`);
  }
}

interface PemPart {
  text: string;
  origin: string;
}

/** Text of one part, given inline or as a file; `label` names the inline form in messages. */
function pemPart(text: string | Buffer | undefined, file: string | undefined, label: string, what: string): PemPart | undefined {
  if (text !== undefined) return { text: text.toString(), origin: label };
  if (file !== undefined) return { text: readCredentialFile(file, what).toString('utf8'), origin: file };
  return undefined;
}

/** Builds a credential from a PEM key and certificate, checking that the two belong together. */
export function credentialFromPemParts(key: PemPart, cert: PemPart, passphrase?: string): CertificateCredential {
  const privateKey = parseKey(key.text, key.origin, passphrase);
  const certificate = parseCertificate(cert.text, cert.origin);
  if (!certificate.checkPrivateKey(privateKey)) {
    const where = key.origin === cert.origin ? key.origin : `${key.origin} and ${cert.origin}`;
    throw new CredentialError(`the private key and the certificate in ${where} do not match (certificate thumbprint ${certificate.fingerprint.replace(/:/g, '')})`);
  }
  // Handed to TLS decrypted, so that no passphrase has to be kept.
  const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return new CertificateCredential({ key: keyPem, cert: certificate.toString() }, certificate);
}

/**
 * A management certificate from PEM text or files: `key`/`keyFile` with `cert`/`certFile`, or one combined PEM
 * (`pem`/`pemFile`, or a key part that also holds the certificate). Checks that key and certificate match.
 */
export function certificateFromPem(source: PemSource): CertificateCredential {
  const combined = pemPart(source.pem, source.pemFile, 'the PEM text', 'PEM');
  const key = pemPart(source.key, source.keyFile, 'the key text', 'key') ?? combined;
  const cert = pemPart(source.cert, source.certFile, 'the certificate text', 'certificate') ?? combined ?? key;
  if (key === undefined || cert === undefined) {
    throw new CredentialError('a certificate credential needs key and cert (or keyFile and certFile), or a combined pem (or pemFile)');
  }
  return credentialFromPemParts(key, cert, source.passphrase);
}

/** A management certificate from a PKCS#12 (.pfx) file or buffer. */
export function certificateFromPfx(source: PfxSource): CertificateCredential {
  if (source.pfx === undefined && source.pfxFile === undefined) throw new CredentialError('a PKCS#12 credential needs pfx or pfxFile');
  const pfx = source.pfx ?? readCredentialFile(source.pfxFile!, 'PKCS#12');
  return credentialFromPkcs12(pfx, source.passphrase ?? '', source.pfxFile ?? 'the PKCS#12 data');
}

/**
 * Loads PKCS#12 with Node's TLS. Bundles encrypted with legacy algorithms (RC2-40, as Windows exports them and as
 * old .publishsettings files hold them) are refused by OpenSSL 3, so those are converted to PEM first.
 */
export function credentialFromPkcs12(pfx: Buffer, passphrase: string, origin: string): CertificateCredential {
  const tls = { pfx, passphrase };
  let context: ReturnType<typeof createSecureContext>;
  try {
    context = createSecureContext(tls);
  } catch (err) {
    const message = (err as Error).message;
    if (/mac verify|password|bad decrypt/i.test(message)) throw new CredentialError(`wrong passphrase for ${origin}`);
    if (/unsupported/i.test(message)) {
      const pem = decodeLegacyPkcs12(pfx, passphrase, origin);
      return credentialFromPemParts({ text: pem.key, origin }, { text: pem.cert, origin });
    }
    throw new CredentialError(`${origin} is not a readable PKCS#12 file`);
  }
  return new CertificateCredential(tls, leafCertificate(context, origin));
}

/** The certificate a TLS context loaded from a PKCS#12 bundle. */
function leafCertificate(context: ReturnType<typeof createSecureContext>, origin: string): X509Certificate {
  const der = (context.context as { getCertificate?: () => Buffer | null }).getCertificate?.();
  if (!der) throw new CredentialError(`${origin} holds no certificate`);
  return new X509Certificate(der);
}

/** A bearer-token credential; the callback is called again when the token is about to expire. */
export function tokenCredential(getToken: () => Promise<AccessToken | string>): TokenCredential {
  return new TokenCredential(async () => {
    const token = await getToken();
    // A bare string has no known expiry: ask again for every request after an hour.
    return typeof token === 'string' ? { token, expiresOnTimestamp: Date.now() + 3_600_000 } : token;
  });
}
