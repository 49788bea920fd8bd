/**
 * Credentials: a management certificate (PEM key and certificate, a combined PEM, or PKCS#12) presented as the TLS
 * client certificate, or a bearer token. Key material lives in private fields, so it never shows in a log, an
 * error, JSON.stringify or util.inspect of a credential; error messages name the file or field, never its content.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { CredentialError } from '../core/errors.js';
import { decodeLegacyPkcs12 } from './pkcs12-legacy.js';
import { checkPkcs12Cost } from './pkcs12-limits.js';

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

/** The token each credential holds now, for scrubbing it from what a client reports (never shown). */
const currentTokens = new WeakMap<TokenCredential, string>();

/** The bearer token a credential last handed out, if any: the client scrubs it from its errors and logs. */
export function currentToken(credential: Credential): string | undefined {
  return credential instanceof TokenCredential ? currentTokens.get(credential) : undefined;
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
    if (this.#cached && this.#cached.expiresOnTimestamp - TOKEN_REFRESH_MARGIN_MS > Date.now()) return this.#cached.token;
    this.#pending ??= this.#fetch().finally(() => { this.#pending = undefined; });
    this.#cached = await this.#pending;
    currentTokens.set(this, this.#cached.token);
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

/**
 * The largest credential file read: PEM and PKCS#12 files are a few KiB, a .publishsettings file with many
 * subscriptions some hundreds. Anything larger is not a credential, and reading it whole would cost its size in
 * memory (a 600 MB file ends in ERR_STRING_TOO_LONG, a link to /dev/zero never ends).
 */
export const MAX_CREDENTIAL_FILE_BYTES = 4 * 1024 * 1024;

const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist', EACCES: 'is not readable (permission denied)', EISDIR: 'is a directory', ELOOP: 'is a symbolic link loop',
};

function kindOf(stats: ReturnType<typeof fstatSync>): string {
  return stats.isDirectory() ? 'a directory' : stats.isFIFO() ? 'a FIFO' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : stats.isSocket() ? 'a socket' : 'not a regular file';
}

/**
 * Reads a credential file: a regular file (symbolic links followed) of at most MAX_CREDENTIAL_FILE_BYTES. It is
 * opened without blocking and checked through the open descriptor, so a FIFO cannot block the process and a file
 * swapped after a check is still the one checked. A file that is missing, unreadable, not regular or too large is
 * named, with the reason, in a CredentialError.
 */
export function readCredentialFile(path: string, what: string): Buffer {
  const refuse = (reason: string): never => { throw new CredentialError(`the ${what} file ${path} ${reason}`); };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return refuse(FILE_ERRORS[code ?? ''] ?? `cannot be read (${code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse(`is ${kindOf(stats)}, not a regular file`);
    if (stats.size > MAX_CREDENTIAL_FILE_BYTES) return refuse(`is larger than ${MAX_CREDENTIAL_FILE_BYTES / 1024 / 1024} MiB: not a credential file`);
    // One byte more than the size found, to notice a file that grows while it is read.
    const buffer = Buffer.alloc(stats.size + 1);
    let size = 0;
    for (let n; size < buffer.length && (n = readSync(fd, buffer, size, buffer.length - size, null)) > 0;) size += n;
    if (size > stats.size) return refuse('changed while it was read');
    return buffer.subarray(0, size);
  } catch (err) {
    if (err instanceof CredentialError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    return refuse(FILE_ERRORS[code ?? ''] ?? `cannot be read (${code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

const KEY_BEGIN = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/g;
const KEY_END = /-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/g;
const CERT_BEGIN = /-----BEGIN CERTIFICATE-----/g;
const CERT_END = /-----END CERTIFICATE-----/g;

/**
 * The first PEM block between a BEGIN and the first END after it, found in one pass: a lazy pattern spanning the
 * two would rescan the text from every BEGIN marker (40,000 of them took over 10 s). When the first BEGIN has no
 * END after it, no later one has either.
 */
function pemBlock(text: string, begin: RegExp, end: RegExp): string | undefined {
  begin.lastIndex = 0;
  const start = begin.exec(text);
  if (start === null) return undefined;
  end.lastIndex = start.index + start[0].length;
  const stop = end.exec(text);
  return stop === null || stop.index === start.index + start[0].length ? undefined : text.slice(start.index, end.lastIndex);
}

function parseKey(pem: string, origin: string, passphrase: string | undefined): KeyObject {
  const block = pemBlock(pem, KEY_BEGIN, KEY_END);
  if (block === undefined) {
    const hint = pemBlock(pem, CERT_BEGIN, CERT_END) !== undefined ? ' (it holds a certificate: are the key and the certificate swapped?)' : '';
    throw new CredentialError(`no PEM private key found in ${origin}${hint}`);
  }
  const encrypted = /ENCRYPTED/.test(block.slice(0, 40));
  try {
    return createPrivateKey({ key: block, format: 'pem', ...(passphrase !== undefined ? { passphrase } : {}) });
  } catch (err) {
    if (encrypted && passphrase === undefined) throw new CredentialError(`the private key in ${origin} is encrypted: pass its passphrase`);
    if (encrypted) throw new CredentialError(`wrong passphrase for the private key in ${origin}`);
    throw new CredentialError(`the private key in ${origin} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'corrupt or not a private key'})`);
  }
}

function parseCertificate(pem: string, origin: string): X509Certificate {
  const block = pemBlock(pem, CERT_BEGIN, CERT_END);
  if (block === undefined) throw new CredentialError(`no PEM certificate found in ${origin}`);
  try {
    return new X509Certificate(block);
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
  // Before either reader runs: both derive keys synchronously, for as many iterations as the bundle asks.
  checkPkcs12Cost(pfx, origin, passphrase);
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
