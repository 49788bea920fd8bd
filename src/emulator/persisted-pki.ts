/**
 * The CA and management certificate of an emulator started with a data folder: made once and kept in
 * `<dataDir>/pki.json` (readable by its owner only), so that a restarted emulator presents a server certificate
 * its clients already trust and still accepts the management certificate they hold.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCertificateAuthority, createSelfSignedClientCertificate, issueServerCertificate, type CertificateAuthority, type KeyAndCertificate,
} from './certs.js';
import { writeAtomically } from './persistence.js';

export const PKI_FILE = 'pki.json';

export interface PersistedPki {
  ca: CertificateAuthority;
  client: KeyAndCertificate;
  /** Issued by `ca` for localhost and 127.0.0.1 (kept too: RSA key generation is most of a start's time). */
  server: KeyAndCertificate;
}

/** The folder's PKI, made and saved on first use; `given` members (the caller's own) are used as they are. */
export function loadOrCreatePki(dataDir: string, given: { ca?: CertificateAuthority; clientCert?: KeyAndCertificate }): PersistedPki {
  const file = join(dataDir, PKI_FILE);
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as PersistedPki;
    return { ca: given.ca ?? saved.ca, client: given.clientCert ?? saved.client, server: saved.server };
  }
  const ca = given.ca ?? createCertificateAuthority();
  const pki = { ca, client: given.clientCert ?? createSelfSignedClientCertificate(), server: issueServerCertificate(ca, []) };
  writeAtomically(file, dataDir, JSON.stringify(pki));
  return pki;
}
