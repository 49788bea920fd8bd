/**
 * The emulator under attack, alone in its own process so that its rss is its own: it prints its address and
 * credentials as one JSON line, samples its rss every 10 ms, counts exceptions nobody handled, and answers
 * `figures` over IPC. Started by suite.ts with a 384 MiB heap, where the issue saw the emulator die.
 */
import { createSelfSignedClientCertificate } from '../../../src/emulator/certs.js';
import { startTestEmulator } from '../../emulator/helpers.js';
import type { EmulatorOptions } from '../../../src/emulator/server.js';
import type { ChildFigures, ChildReady } from './target.js';

const MiB = 1024 * 1024;
let peakRss = process.memoryUsage().rss;
const timer = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 10);
const uncaught: string[] = [];
const onError = (err: unknown) => { uncaught.push(err instanceof Error ? `${err.name}: ${err.message}` : String(err)); };
process.on('uncaughtException', onError);
process.on('unhandledRejection', onError);

const options = JSON.parse(process.env['ATTACK_EMULATOR_OPTIONS'] ?? '{}') as EmulatorOptions;
const bearer = 'attack-suite-token';
const emulator = await startTestEmulator({ ...options, bearerTokens: [bearer] });
const stranger = createSelfSignedClientCertificate('attack-stranger');
const foreign = emulator.addSubscription({ certificate: stranger.cert });

process.on('message', (message: { type: string; pem?: string }) => {
  if (message.type === 'register' && message.pem !== undefined) {
    emulator.registerManagementCertificate(emulator.subscriptionId, message.pem);
    process.send!({ type: 'registered' });
  } else if (message.type === 'figures') {
    (globalThis as { gc?: () => void }).gc?.();
    const figures: ChildFigures = {
      type: 'figures', peakRssMiB: Math.round(peakRss / MiB), rssMiB: Math.round(process.memoryUsage().rss / MiB),
      uncaught: [...uncaught], requestsLogged: emulator.requests.length,
      services: emulator.state.subscription(emulator.subscriptionId)?.hostedServices.size ?? 0,
    };
    peakRss = process.memoryUsage().rss;
    process.send!(figures);
  } else if (message.type === 'services') {
    const names = [...(emulator.state.subscription(emulator.subscriptionId)?.hostedServices.keys() ?? [])];
    process.send!({ type: 'services', names });
  } else if (message.type === 'stop') {
    clearInterval(timer);
    void emulator.close().then(() => process.exit(0));
  }
});

const ready: ChildReady = {
  type: 'ready', url: emulator.url, port: emulator.port, ca: emulator.caCert, key: emulator.clientCert.key, cert: emulator.clientCert.cert,
  subscriptionId: emulator.subscriptionId, foreignSubscriptionId: foreign, bearer,
};
process.send!(ready);
