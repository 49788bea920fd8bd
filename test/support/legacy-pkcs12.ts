/**
 * A PKCS#12 encrypted the old way (RC2-40 for the certificates, 3DES for the key), as Windows exported them and as
 * real .publishsettings files hold them. Only the openssl command line can still write one; without it the
 * function returns undefined and the tests that need it are skipped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyAndCertificate } from '../../src/emulator/certs.js';

export function legacyPkcs12(certificate: KeyAndCertificate, passphrase: string): Buffer | undefined {
  return opensslPkcs12(certificate, passphrase, true);
}

/** A PKCS#12 as the openssl command line writes it: legacy, or OpenSSL 3's default (AES-256, PBKDF2, 2,048). */
export function opensslPkcs12(certificate: KeyAndCertificate, passphrase: string, legacy: boolean): Buffer | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'legacy-p12-'));
  try {
    writeFileSync(join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
    writeFileSync(join(dir, 'cert.pem'), certificate.cert);
    execFileSync('openssl', [
      'pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'),
      '-passout', `pass:${passphrase}`, '-out', join(dir, 'bundle.pfx'),
    ], { stdio: 'ignore' });
    return readFileSync(join(dir, 'bundle.pfx'));
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
