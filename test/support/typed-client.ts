/**
 * The typed client as the tests build it: against the emulator with its management certificate, or against a
 * scripted server with the test PKI's client certificate, server verification on in both cases. Options a test
 * names (polling, retry, logger…) are added to these.
 */
import { ServiceManagementClient, certificateFromPem, type ClientOptions } from '../../generated/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { testPki } from './pki.js';
import type { ScriptedServer } from './scripted-server.js';

export const TEST_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

type ExtraOptions = Partial<ClientOptions>;

export function typedClientFor(emulator: Emulator, options: ExtraOptions = {}): ServiceManagementClient {
  return new ServiceManagementClient({
    subscriptionId: emulator.subscriptionId,
    credential: certificateFromPem({ key: emulator.clientCert.key, cert: emulator.clientCert.cert }),
    endpoint: emulator.url,
    ca: emulator.caCert,
    ...options,
  });
}

export function typedClientForServer(server: ScriptedServer, options: ExtraOptions = {}): ServiceManagementClient {
  const pki = testPki();
  return new ServiceManagementClient({
    subscriptionId: TEST_SUBSCRIPTION,
    credential: certificateFromPem({ key: pki.client.key, cert: pki.client.cert }),
    endpoint: server.url,
    ca: pki.ca.cert,
    ...options,
  });
}
