/**
 * Child process of the secrets suite, run with ASM_SDK_LOG=debug and no logger, so that the SDK's own stderr
 * logging is what gets checked. It makes the secret-carrying calls (answered with errors that echo the request),
 * reads storage keys, fails through a proxy with credentials, and prints every error's and the client's surfaces.
 * Input: RELIABILITY_SECRETS_CHILD (JSON).
 */
import { serviceShape } from '../../../generated/service.js';
import { GetStorageAccountKeysOperation } from '../../../generated/operations/GetStorageAccountKeys.js';
import { ServiceClient, type ClientOptions } from '../../../src/client/client.js';
import { invoke } from '../../../src/client/invoke.js';
import { certificateFromPem } from '../../../src/client/credentials.js';
import { SECRET_CALLS } from './scenarios.js';
import { callSurfaces, clientSurfaces } from './surfaces.js';
import { SECRETS } from './values.js';

interface ChildInput {
  endpoint: string;
  ca: string;
  encryptedKey: string;
  cert: string;
  proxyRefusing: string;
}

async function run(input: ChildInput): Promise<void> {
  const base: ClientOptions = {
    subscriptionId: 'child', credential: certificateFromPem({ key: input.encryptedKey, cert: input.cert, passphrase: SECRETS.keyPassphrase }),
    endpoint: input.endpoint, ca: input.ca, proxy: false, retry: { maxRetries: 1, baseDelayMs: 1 },
  };
  const direct = new ServiceClient(base, serviceShape);
  const proxied = new ServiceClient({ ...base, proxy: { url: input.proxyRefusing, username: SECRETS.proxyUser, password: SECRETS.proxyPassword } }, serviceShape);
  const out: unknown[] = [clientSurfaces(direct), clientSurfaces(proxied)];
  for (const [op, body] of SECRET_CALLS) {
    out.push(await callSurfaces(() => invoke(direct, op, body)));
    out.push(await callSurfaces(() => invoke(proxied, op, body)));
  }
  await invoke(direct, GetStorageAccountKeysOperation, { ServiceName: 'acct' });
  await direct.close();
  await proxied.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const input = process.env['RELIABILITY_SECRETS_CHILD'];
if (input !== undefined) await run(JSON.parse(input) as ChildInput);
