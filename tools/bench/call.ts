/**
 * Time per call against the emulator: the typed client (validate, build, send, parse into typed values) against a
 * bare undici keep-alive request for the same bytes over the same kind of TLS connection with a client certificate.
 */
import { Agent, request } from 'undici';
import { startEmulator } from '../../src/emulator/server.js';
import { ServiceManagementClient, certificateFromPem } from '../../generated/index.js';
import { fmt, median, verdict } from './measure.js';

async function perCall(fn: () => Promise<unknown>, calls: number): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) await fn();
    rounds.push((performance.now() - start) / calls);
  }
  return median(rounds);
}

export async function benchCall(): Promise<string[]> {
  const emulator = await startEmulator({});
  const client = new ServiceManagementClient({
    subscriptionId: emulator.subscriptionId,
    credential: certificateFromPem({ key: emulator.clientCert.key, cert: emulator.clientCert.cert }),
    endpoint: emulator.url,
    ca: emulator.caCert,
  });
  const agent = new Agent({ connect: { key: emulator.clientCert.key, cert: emulator.clientCert.cert, ca: emulator.caCert }, keepAliveTimeout: 30_000 });
  const url = `${emulator.url}/${emulator.subscriptionId}/services/hostedservices`;
  try {
    await client.createHostedService({ ServiceName: 'bench-svc', Label: 'bench', Location: 'West US' });
    const bare = async () => {
      const res = await request(url, { dispatcher: agent, headers: { 'x-ms-version': '2014-10-01', accept: 'application/xml' } });
      return res.body.text();
    };
    const typed = () => client.listHostedServices();
    // Interleave the two so that drift in the machine's load affects both alike.
    const bareTimes: number[] = [];
    const typedTimes: number[] = [];
    for (let round = 0; round < 3; round++) {
      bareTimes.push(await perCall(bare, 300));
      typedTimes.push(await perCall(typed, 300));
    }
    const b = median(bareTimes);
    const t = median(typedTimes);
    const ratio = t / b;
    return [`call: ListHostedServices against the emulator: typed ${fmt(t)}, bare undici ${fmt(b)} -> ${ratio.toFixed(2)}x (target <= 1.25x: ${verdict(ratio <= 1.25)})`];
  } finally {
    await client.close();
    await agent.close();
    await emulator.close();
  }
}
