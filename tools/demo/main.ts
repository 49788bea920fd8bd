/**
 * The main job (`npm start`): the seed documents' scenario, run with the typed client against the embedded
 * emulator over real HTTPS with a client certificate made at run time. Asynchronous operations complete after
 * one InProgress status read, so that the progress is visible and the run takes seconds.
 */
import { startEmulator } from '../../src/emulator/server.js';
import { ServiceManagementClient, certificateFromPem } from '../../generated/index.js';
import { runScenario } from './scenario.js';

const started = performance.now();
const emulator = await startEmulator({ asyncPolls: 1 });
const client = new ServiceManagementClient({
  subscriptionId: emulator.subscriptionId,
  credential: certificateFromPem({ key: emulator.clientCert.key, cert: emulator.clientCert.cert }),
  endpoint: emulator.url,
  ca: emulator.caCert,
  polling: { minDelayMs: 20, maxDelayMs: 50 },
});
try {
  console.log(`Emulator listening on ${emulator.url} (subscription ${emulator.subscriptionId})`);
  await runScenario(client, (line) => console.log(line));
  console.log(`Done in ${Math.round(performance.now() - started)} ms (${emulator.requests.length} requests).`);
} finally {
  await client.close();
  await emulator.close();
}
