/**
 * Time per call against the emulator: the typed client (validate, build, send through the pipeline, parse into
 * typed values) against a bare undici keep-alive request for the same bytes over the same kind of TLS connection
 * with a client certificate. The two alternate in short batches and each batch pair gives one ratio, so that the
 * load of a shared machine, which drifts over seconds, weighs on both sides of every ratio alike. Parsing the
 * response body is timed on its own too, to show how much of the difference it is.
 */
import { Agent, request } from 'undici';
import { startEmulator } from '../../src/emulator/server.js';
import { readXmlBody } from '../../src/core/xml.js';
import { ServiceManagementClient, certificateFromPem } from '../../generated/index.js';
import { ListHostedServicesOperation } from '../../generated/operations/ListHostedServices.js';
import { fmt, median, verdict } from './measure.js';

const WARMUP_CALLS = 200;
const BATCH_CALLS = 100;
const BATCH_PAIRS = 21;

async function batch(fn: () => unknown, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return (performance.now() - start) / calls;
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
    let body = '';
    const bare = async () => {
      const res = await request(url, { dispatcher: agent, headers: { 'x-ms-version': '2014-10-01', accept: 'application/xml' } });
      body = await res.body.text();
    };
    const typed = () => client.listHostedServices();
    const shape = ListHostedServicesOperation.responses[0]!.body!;
    const parse = () => readXmlBody(shape, body);
    await batch(bare, WARMUP_CALLS);
    await batch(typed, WARMUP_CALLS);
    await batch(parse, WARMUP_CALLS);
    const ratios: number[] = [];
    const bareTimes: number[] = [];
    const typedTimes: number[] = [];
    const parseTimes: number[] = [];
    for (let pair = 0; pair < BATCH_PAIRS; pair++) {
      // Alternate which side goes first, so that neither always runs in the other's garbage.
      let bareTime: number;
      let typedTime: number;
      if (pair % 2 === 0) {
        bareTime = await batch(bare, BATCH_CALLS);
        typedTime = await batch(typed, BATCH_CALLS);
      } else {
        typedTime = await batch(typed, BATCH_CALLS);
        bareTime = await batch(bare, BATCH_CALLS);
      }
      bareTimes.push(bareTime);
      typedTimes.push(typedTime);
      ratios.push(typedTime / bareTime);
      parseTimes.push(await batch(parse, BATCH_CALLS));
    }
    const ratio = median(ratios);
    const p = median(parseTimes);
    const b = median(bareTimes);
    return [
      `call: ListHostedServices against the emulator: typed ${fmt(median(typedTimes))}, bare undici ${fmt(b)} -> ${ratio.toFixed(2)}x (target <= 1.25x: ${verdict(ratio <= 1.25)})`,
      `call: of which parsing the ${body.length}-byte answer into typed values: ${fmt(p)} (${(p / b).toFixed(2)}x of the bare call)`,
    ];
  } finally {
    await client.close();
    await agent.close();
    await emulator.close();
  }
}
