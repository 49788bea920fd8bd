/**
 * Proxies as the documents describe them, through a real CONNECT proxy on 127.0.0.1: HTTPS_PROXY or HTTP_PROXY
 * read at construction (HTTPS wins), setProxyUrl/SetProxyUrl overriding them, setProxy with proxyAuth, and the
 * first document's setProxyUrl(object, isHttps).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { IaasClient } from '../../src/compat/iaas-client.js';
import type { Emulator } from '../../src/emulator/server.js';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js';
import { startTestEmulator } from '../support/emulator.js';
import { clearProxyEnvironment, withEnvironment } from '../support/environment.js';
import { facadeFor } from './support.js';

clearProxyEnvironment();
const PASSWORD = 'pr0xy-s3cret!';
const NO_PROXY_VARIABLES = { HTTPS_PROXY: undefined, https_proxy: undefined, HTTP_PROXY: undefined, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined };
let emulator: Emulator;
let open: ConnectProxy;
let guarded: ConnectProxy;
/** Where nothing listens: a proxy that must not be used. */
let deadProxy: string;

before(async () => {
  [emulator, open, guarded] = await Promise.all([startTestEmulator(), startConnectProxy(), startConnectProxy({ username: 'alice', password: PASSWORD })]);
  const reserved = createServer().listen(0, '127.0.0.1');
  await once(reserved, 'listening');
  deadProxy = `http://127.0.0.1:${(reserved.address() as AddressInfo).port}`;
  reserved.close();
});
after(async () => {
  await Promise.all([emulator.close(), open.close(), guarded.close()]);
});

/** Makes a client while `vars` are set, runs `use` (variables restored by then), and closes the client. */
async function withClient(vars: Record<string, string | undefined>, use: (client: IaasClient) => Promise<void>): Promise<void> {
  const client = await withEnvironment({ ...NO_PROXY_VARIABLES, ...vars }, async () => facadeFor(emulator));
  try {
    await use(client);
  } finally {
    await client.close();
  }
}

/** Lists hosted services and checks it worked, returning how many tunnels `proxy` opened meanwhile. */
async function tunnelsFor(client: IaasClient, proxy: ConnectProxy): Promise<number> {
  const before = proxy.tunnels;
  const rsp = await client.ListHostedServices();
  assert.equal(rsp.isSuccessful, true, JSON.stringify(rsp.error));
  return proxy.tunnels - before;
}

test('HTTPS_PROXY at construction carries the requests, the client certificate still reaching the emulator', async () => {
  await withClient({ HTTPS_PROXY: open.url }, async (client) => {
    assert.equal(await tunnelsFor(client, open), 1);
    assert.equal(open.targets.at(-1), emulator.host);
  });
});

test('HTTP_PROXY when there is no HTTPS_PROXY; HTTPS_PROXY wins over HTTP_PROXY', async () => {
  await withClient({ HTTP_PROXY: open.url }, async (client) => {
    assert.equal(await tunnelsFor(client, open), 1);
  });
  await withClient({ HTTPS_PROXY: open.url, HTTP_PROXY: deadProxy }, async (client) => {
    assert.equal(await tunnelsFor(client, open), 1);
  });
});

test('the environment is read at construction: later changes do not matter', async () => {
  const client = await withEnvironment(NO_PROXY_VARIABLES, async () => facadeFor(emulator));
  try {
    await withEnvironment({ HTTPS_PROXY: deadProxy }, async () => {
      assert.equal(await tunnelsFor(client, open), 0);
    });
  } finally {
    await client.close();
  }
});

test('a variable that is not a URL is ignored; NO_PROXY excludes the host', async () => {
  await withClient({ HTTPS_PROXY: 'not a url' }, async (client) => {
    assert.equal(await tunnelsFor(client, open), 0);
  });
  await withClient({ HTTPS_PROXY: deadProxy, NO_PROXY: '127.0.0.1' }, async (client) => {
    assert.equal(await tunnelsFor(client, open), 0);
  });
});

test('setProxyUrl(url) and SetProxyUrl(url) override the environment; setProxyUrl(null) removes the proxy', async () => {
  await withClient({ HTTPS_PROXY: deadProxy }, async (client) => {
    client.setProxyUrl(open.url);
    assert.equal(await tunnelsFor(client, open), 1);
    client.setProxyUrl(null);
    assert.equal(await tunnelsFor(client, open), 0);
    client.SetProxyUrl(open.url);
    assert.equal(await tunnelsFor(client, open), 1);
    assert.throws(() => client.SetProxyUrl('http://[bad'), /not a valid proxy URL/);
  });
});

test('setProxy({ host, port, proxyAuth }) sends the credentials; a wrong password fails without showing it', async () => {
  await withClient({}, async (client) => {
    client.setProxy({ host: '127.0.0.1', port: guarded.port, proxyAuth: `alice:${PASSWORD}` });
    assert.equal(await tunnelsFor(client, guarded), 1);
    assert.equal(guarded.authorizations.at(-1), `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`);
    client.setProxy({ host: '127.0.0.1', port: guarded.port, proxyAuth: 'alice:wrong-password' }, false);
    const refused = await client.ListHostedServices();
    assert.equal(refused.isSuccessful, false);
    assert.equal(refused.statusCode, undefined);
    assert.doesNotMatch(JSON.stringify(refused), /wrong-password|pr0xy/);
  });
});

test('the first document\'s setProxyUrl(object, isHttps); isHttps makes the proxy a TLS one', async () => {
  await withClient({}, async (client) => {
    client.setProxyUrl({ host: '127.0.0.1', port: guarded.port, proxyAuth: `alice:${PASSWORD}` }, false);
    assert.equal(await tunnelsFor(client, guarded), 1);
    // The CONNECT proxy here speaks plain HTTP: a TLS connection to it fails, naming the https proxy URL.
    client.setProxy({ host: '127.0.0.1', port: open.port }, true);
    const rsp = await client.ListHostedServices();
    assert.equal(rsp.isSuccessful, false);
    assert.match(rsp.error?.Message ?? '', new RegExp(`https://127\\.0\\.0\\.1:${open.port}`));
  });
});
