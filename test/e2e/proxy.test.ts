/**
 * Requests through a real CONNECT proxy on 127.0.0.1: the client certificate reaches the target inside the
 * tunnel, the target's TLS certificate is still verified, proxy credentials are sent (and never shown), and
 * NO_PROXY bypasses the proxy.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';
import type { Emulator } from '../../src/emulator/server.js';
import { ServiceManagementClient } from '../../generated/client.js';
import type { ClientOptions } from '../../src/client/client.js';
import { certificateFromPem } from '../../src/client/credentials.js';
import { NetworkError } from '../../src/core/errors.js';
import { captureLogger, type CapturedLog } from '../support/capture-logger.js';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js';
import { startTestEmulator } from '../support/emulator.js';
import { clearProxyEnvironment, withEnvironment } from '../support/environment.js';
import { testPki } from '../support/pki.js';
import { startScriptedServer } from '../support/scripted-server.js';

clearProxyEnvironment();
const pki = testPki();
const PASSWORD = 'pr0xy-s3cret!';
let emulator: Emulator;
let open: ConnectProxy;
let guarded: ConnectProxy;
/** An address where nothing listens: a proxy that must not be used. */
let deadProxy: string;

before(async () => {
  [emulator, open, guarded] = await Promise.all([
    startTestEmulator({ ca: pki.ca, clientCert: pki.client }),
    startConnectProxy(),
    startConnectProxy({ username: 'alice', password: PASSWORD }),
  ]);
  const reserved = createServer().listen(0, '127.0.0.1');
  await once(reserved, 'listening');
  deadProxy = `http://127.0.0.1:${(reserved.address() as AddressInfo).port}`;
  reserved.close();
});
after(async () => {
  await Promise.all([emulator.close(), open.close(), guarded.close()]);
});

/** Runs one call with a fresh client and a debug-level capturing logger; the client is closed afterwards. */
async function withClient<T>(options: Partial<ClientOptions>, call: (client: ServiceManagementClient, log: CapturedLog) => Promise<T>): Promise<T> {
  const log = captureLogger();
  const client = new ServiceManagementClient({
    subscriptionId: emulator.subscriptionId, credential: certificateFromPem(pki.client), endpoint: emulator.url, ca: emulator.caCert,
    logger: log.logger, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options,
  });
  try {
    return await call(client, log);
  } finally {
    await client.close();
  }
}

/** Proxy credentials in any form they could leak: the password, and the Basic token carrying it. */
function assertNoProxySecret(text: string): void {
  assert.equal(text.includes(PASSWORD), false, 'the proxy password leaked');
  assert.equal(text.includes(encodeURIComponent(PASSWORD)), false, 'the encoded proxy password leaked');
  for (const user of ['alice', 'mallory']) {
    for (const password of [PASSWORD, 'wrong-password']) assert.equal(text.includes(Buffer.from(`${user}:${password}`).toString('base64')), false, 'a Basic token leaked');
  }
}

test('the client certificate reaches the target through the tunnel (explicit proxy URL)', async () => {
  const before = open.tunnels;
  await withClient({ proxy: open.url }, async (client, log) => {
    await client.createHostedService({ ServiceName: 'via-proxy', Label: 'p', Location: 'West US' });
    const service = await client.getHostedService({ ServiceName: 'via-proxy' });
    assert.equal(service.ServiceName, 'via-proxy');
    assert.match(log.text(), new RegExp(`through the proxy ${open.url}`));
  });
  assert.ok(open.tunnels > before);
  assert.equal(open.targets.at(-1), emulator.host);
});

test('HTTPS_PROXY wins over HTTP_PROXY, upper or lower case', async () => {
  for (const [https, http] of [['HTTPS_PROXY', 'HTTP_PROXY'], ['https_proxy', 'http_proxy']] as const) {
    const before = open.tunnels;
    await withEnvironment({ [https]: open.url, [http]: deadProxy }, () => withClient({}, (client) => client.listLocations({})));
    assert.equal(open.tunnels, before + 1, `${https} used`);
  }
  const before = open.tunnels;
  await withEnvironment({ http_proxy: open.url }, () => withClient({}, (client) => client.listLocations({})));
  assert.equal(open.tunnels, before + 1, 'HTTP_PROXY used when it is the only one');
});

test('NO_PROXY bypasses the proxy: by host, by host:port, by *', async () => {
  for (const noProxy of ['127.0.0.1', `example.com, 127.0.0.1:${emulator.port}`, '*']) {
    const before = open.tunnels;
    const connects = open.targets.length;
    await withEnvironment({ HTTPS_PROXY: open.url, NO_PROXY: noProxy }, () => withClient({}, (client) => client.listLocations({})));
    assert.equal(open.tunnels, before, `no tunnel with NO_PROXY=${noProxy}`);
    assert.equal(open.targets.length, connects);
  }
  // Another port of the same host is not excluded by host:port.
  const before = open.tunnels;
  await withEnvironment({ HTTPS_PROXY: open.url, no_proxy: '127.0.0.1:1' }, () => withClient({}, (client) => client.listLocations({})));
  assert.equal(open.tunnels, before + 1);
});

test('explicit configuration overrides the environment', async () => {
  const before = open.tunnels;
  await withEnvironment({ HTTPS_PROXY: deadProxy }, async () => {
    await withClient({ proxy: open.url }, (client) => client.listLocations({}));
    assert.equal(open.tunnels, before + 1);
    await withClient({ proxy: false }, (client) => client.listLocations({}));
    assert.equal(open.tunnels, before + 1, 'proxy: false connects directly');
  });
  await withEnvironment({ HTTPS_PROXY: open.url, NO_PROXY: '*' }, () => withClient({ proxy: { url: open.url } }, (client) => client.listLocations({})));
  assert.equal(open.tunnels, before + 2, 'an explicit proxy is not subject to NO_PROXY');
});

test('proxy credentials from the URL or from the object are sent, and never logged', async () => {
  const expected = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
  const forms: Array<ClientOptions['proxy']> = [
    `http://alice:${encodeURIComponent(PASSWORD)}@127.0.0.1:${guarded.port}`,
    { url: guarded.url, username: 'alice', password: PASSWORD },
  ];
  for (const proxy of forms) {
    const before = guarded.tunnels;
    await withClient({ proxy }, async (client, log) => {
      await client.listLocations({});
      assert.ok(log.entries.some((entry) => entry.level === 'debug'), 'debug logging was on');
      assertNoProxySecret(log.text());
      assertNoProxySecret(inspect(client, { showHidden: true, depth: Infinity }));
    });
    assert.equal(guarded.tunnels, before + 1);
    assert.equal(guarded.authorizations.at(-1), expected);
  }
});

test('a wrong proxy password fails with a clear error that does not contain it', async () => {
  const refusedBefore = guarded.refused;
  await withClient({ proxy: { url: guarded.url, username: 'mallory', password: 'wrong-password' } }, async (client, log) => {
    await assert.rejects(client.listLocations({}), (err: unknown) => {
      assert.ok(err instanceof NetworkError, String(err));
      assert.match(err.message, new RegExp(`the proxy ${guarded.url} refused the tunnel to ${emulator.host}: 407 Proxy Authentication Required`));
      assertNoProxySecret(`${err.message}\n${err.stack}\n${inspect(err, { depth: Infinity })}`);
      return true;
    });
    assertNoProxySecret(log.text());
    assert.doesNotMatch(log.text(), /wrong-password/);
  });
  assert.equal(guarded.refused, refusedBefore + 1, 'a 407 is not retried');
  await withClient({ proxy: guarded.url }, async (client) => {
    await assert.rejects(client.listLocations({}), /407 Proxy Authentication Required/);
  });
});

test('the target certificate is verified through the tunnel; nothing turns that off', async () => {
  const impostor = await startScriptedServer({ certificate: pki.untrustedServer });
  try {
    const options: Partial<ClientOptions> = { endpoint: impostor.url, proxy: open.url };
    const expectRefusal = (err: unknown): boolean => {
      assert.ok(err instanceof NetworkError, String(err));
      assert.match(err.message, /the TLS certificate of 127\.0\.0\.1:\d+ is not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/);
      return true;
    };
    const before = open.tunnels;
    await withClient(options, (client) => assert.rejects(client.listLocations({}), expectRefusal));
    assert.ok(open.tunnels > before, 'the request did go through the proxy');
    // The variable that disables verification for the rest of Node has no effect on the SDK.
    await withEnvironment({ NODE_TLS_REJECT_UNAUTHORIZED: '0' }, () =>
      withClient(options, (client) => assert.rejects(client.listLocations({}), expectRefusal)));
    assert.equal(impostor.requests.length, 0, 'no request reached the impostor');
  } finally {
    await impostor.close();
  }
});
