/**
 * Run as a child process by the logging test: makes one call without a logger, so that only ASM_SDK_LOG decides
 * whether anything reaches stderr. Its input comes in LOG_CHILD (JSON): endpoint, CA, key and certificate.
 */
import { ServiceManagementClient } from '../../generated/client.js';
import { certificateFromPem } from '../../src/client/credentials.js';

interface ChildInput {
  endpoint: string;
  ca: string;
  key: string;
  cert: string;
}

/** One call with no logger; returns when the client is closed. */
async function run(input: ChildInput): Promise<void> {
  const client = new ServiceManagementClient({
    subscriptionId: '00000000-0000-0000-0000-0000000000cc',
    credential: certificateFromPem({ key: input.key, cert: input.cert }),
    endpoint: input.endpoint,
    ca: input.ca,
    proxy: false,
  });
  try {
    await client.getHostedService({ ServiceName: 'logged' });
  } finally {
    await client.close();
  }
}

// `node --test dist/test/` runs every file under a test folder; without its input this file has nothing to do.
const input = process.env['LOG_CHILD'];
if (input !== undefined) await run(JSON.parse(input) as ChildInput);
