/**
 * The `auth` argument: keyvalue/certvalue (PEM text) or keyfile/certfile (paths), a value winning over a file.
 * Without either, the environment names the certificate: CLIENT_AUTH_KEYFILE and CLIENT_AUTH_CERTFILE, then
 * priv.pem and pub.pem in the working directory (runtime/credential-environment.ts, which also accepts the
 * AZURE_KEYFILE/AZURE_CERTFILE pair of azure@0.7.x). Errors name files and variables, never key material.
 */
import { certificateFromEnvironment } from '../client/credential-environment.js';
import { certificateFromPem, type CertificateCredential, type PemSource } from '../client/credentials.js';
import type { Auth } from './types.js';

function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The part of `auth` that names the key, and the part that names the certificate. */
function pemSource(auth: Auth): PemSource {
  const source: PemSource = {};
  if (given(auth.keyvalue)) source.key = auth.keyvalue!;
  else if (given(auth.keyfile)) source.keyFile = auth.keyfile!;
  if (given(auth.certvalue)) source.cert = auth.certvalue!;
  else if (given(auth.certfile)) source.certFile = auth.certfile!;
  return source;
}

export function credentialFromAuth(auth: Auth | null | undefined): CertificateCredential {
  const source = pemSource(auth ?? {});
  if (Object.keys(source).length === 0) return certificateFromEnvironment();
  // One part alone is enough when it holds both (the first document's keyvalue example does).
  return certificateFromPem(source);
}
