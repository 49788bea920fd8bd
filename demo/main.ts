/**
 * The main job (`npm start`): the documented sample scenario, run with the typed client against the embedded
 * emulator over real HTTPS with a client certificate made at run time.
 */
import { startEmulator } from '../emulator/server.js';
import { ServiceManagementClient, certificateFromPem } from '../generated/index.js';
import { runScenario } from './scenario.js';

const started = performance.now();
const emulator = await startEmulator({ asyncPolls: 2 });
const client = new ServiceManagementClient({
  subscriptionId: emulator.subscriptionId,
  credential: certificateFromPem({ key: emulator.clientCert.key, cert: emulator.clientCert.cert }),
  endpoint: emulator.url,
  ca: emulator.caCert,
  polling: { minDelayMs: 50, maxDelayMs: 200 },
});
try {
  console.log(`Emulator listening on ${emulator.url} (subscription ${emulator.subscriptionId})`);
  await runScenario(client, (line) => console.log(line));
  console.log(`Done in ${Math.round(performance.now() - started)} ms.`);
} finally {
  await client.close();
  await emulator.close();
}
