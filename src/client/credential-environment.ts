/**
 * Finding a management certificate without configuration, in this order (the first that is set wins):
 *   1. CLIENT_AUTH_KEYFILE and CLIENT_AUTH_CERTFILE (paths to PEM files);
 *   2. AZURE_KEYFILE and AZURE_CERTFILE (the variables of the old `azure` npm package);
 *   3. priv.pem and pub.pem in the working directory.
 * Explicit variables come before files that merely happen to lie around. A half-set pair is an error rather than
 * a reason to fall through, so that a typo never silently picks up another certificate.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { certificateFromPem, type CertificateCredential } from './credentials.js';
import { CredentialError } from '../core/errors.js';

export interface EnvironmentSource {
  /** Where relative paths and priv.pem/pub.pem are looked up; default process.cwd(). */
  cwd?: string;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
}

const VARIABLE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['CLIENT_AUTH_KEYFILE', 'CLIENT_AUTH_CERTFILE'],
  ['AZURE_KEYFILE', 'AZURE_CERTFILE'],
];

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** The management certificate named by the environment (see the order above). */
export function certificateFromEnvironment(source: EnvironmentSource = {}): CertificateCredential {
  const cwd = source.cwd ?? process.cwd();
  const env = source.env ?? process.env;
  for (const [keyVar, certVar] of VARIABLE_PAIRS) {
    const keyFile = value(env, keyVar);
    const certFile = value(env, certVar);
    if (keyFile === undefined && certFile === undefined) continue;
    if (keyFile === undefined) throw new CredentialError(`${certVar} is set but ${keyVar} is not: set both, or neither`);
    if (certFile === undefined) throw new CredentialError(`${keyVar} is set but ${certVar} is not: set both, or neither`);
    return certificateFromPem({ keyFile: resolve(cwd, keyFile), certFile: resolve(cwd, certFile) });
  }
  const keyFile = resolve(cwd, 'priv.pem');
  const certFile = resolve(cwd, 'pub.pem');
  const hasKey = existsSync(keyFile);
  const hasCert = existsSync(certFile);
  if (hasKey && hasCert) return certificateFromPem({ keyFile, certFile });
  if (hasKey !== hasCert) throw new CredentialError(`found ${hasKey ? keyFile : certFile} but not ${hasKey ? certFile : keyFile}: both are needed`);
  throw new CredentialError(
    `no management certificate found: set CLIENT_AUTH_KEYFILE and CLIENT_AUTH_CERTFILE, or AZURE_KEYFILE and AZURE_CERTFILE, or put priv.pem and pub.pem in ${cwd}`,
  );
}
