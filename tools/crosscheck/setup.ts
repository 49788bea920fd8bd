/**
 * Starts the emulator in-process and makes Microsoft's clients talk to it: the management certificate as
 * azure-common's CertificateCloudCredentials, the emulator's URL as base URI, and one filter of ours, closest to
 * the wire, that adds the emulator's CA to the request (so nothing else in the process trusts it) and records what
 * goes out and what comes back. Proxy variables are dropped first: azure-common's proxy filter would turn
 * certificate checking off and send loopback traffic elsewhere.
 */
import { ServiceManagementClient, certificateFromPem } from '../../generated/index.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { FAMILIES, loadCommon, loadFamily, type Filter, type LoadedFamily, type LooseObject, type WebResource } from './clients.js';

export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  /** True when the request object has no body of its own although its verb carries one (see runner.ts). */
  readonly bodyless: boolean;
  status?: number;
  responseBody?: string;
  transportError?: string;
}

export interface Session {
  readonly emulator: Emulator;
  readonly families: readonly LoadedFamily[];
  /** Families that could not be loaded, with the reason. */
  readonly unloadable: ReadonlyArray<{ family: string; error: string }>;
  readonly clients: ReadonlyMap<string, LooseObject>;
  /** Every request the clients sent, in order. */
  readonly exchanges: Exchange[];
  readonly credentials: unknown;
  /** Our own typed client, for the requests the Microsoft clients cannot send (steps.ts, OurCall). */
  readonly sdk: ServiceManagementClient;
  close(): Promise<void>;
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

export function recordingFilter(ca: string, exchanges: Exchange[]): Filter {
  return (resource: WebResource, next, callback) => {
    const exchange: Exchange = {
      method: resource.method, url: resource.url, body: bodyText(resource.body),
      bodyless: ['POST', 'PUT'].includes(resource.method) && !Object.prototype.hasOwnProperty.call(resource, 'body'),
    };
    exchanges.push(exchange);
    resource.ca = ca;
    return next(resource, (err, response, body) => {
      if (response !== undefined) {
        exchange.status = response.statusCode;
        exchange.responseBody = typeof body === 'string' ? body : '';
      } else if (err !== undefined && err !== null) {
        exchange.transportError = String((err as Error).message ?? err);
      }
      callback(err, response, body);
    });
  };
}

export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  return Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
}

export function configure(client: LooseObject): LooseObject {
  // Long-running operations otherwise wait 30 s before each status read.
  client['longRunningOperationInitialTimeout'] = 0;
  client['longRunningOperationRetryTimeout'] = 0;
  return client;
}

export async function startSession(): Promise<Session> {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  // Asynchronous operations complete on their own after a short delay: begin* methods never poll, and a running
  // operation locks its deployment or service.
  const emulator = await startEmulator({ asyncDelayMs: 30 });
  const { CertificateCloudCredentials } = loadCommon();
  const credentials = new CertificateCloudCredentials({
    subscriptionId: emulator.subscriptionId, pem: `${emulator.clientCert.key}\n${emulator.clientCert.cert}`,
  });
  const exchanges: Exchange[] = [];
  const families: LoadedFamily[] = [];
  const unloadable: Array<{ family: string; error: string }> = [];
  const clients = new Map<string, LooseObject>();
  for (const family of FAMILIES) {
    const loaded = loadFamily(family, credentials);
    if ('error' in loaded) {
      unloadable.push({ family: family.name, error: loaded.error });
      continue;
    }
    families.push(loaded);
    clients.set(family.name, configure(loaded.create(credentials, emulator.url, [recordingFilter(emulator.caCert, exchanges)])));
  }
  const sdk = new ServiceManagementClient({
    subscriptionId: emulator.subscriptionId, endpoint: emulator.url, ca: emulator.caCert,
    credential: certificateFromPem({ key: emulator.clientCert.key, cert: emulator.clientCert.cert }),
  });
  return { emulator, families, unloadable, clients, exchanges, credentials, sdk, close: () => emulator.close() };
}
