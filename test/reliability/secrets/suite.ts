/**
 * The secrets suite: every scenario of scenarios.ts with a debug-level capturing logger, credential errors,
 * inspected clients, and a child process logging through ASM_SDK_LOG=debug on stderr. Rule: no secret, in any of
 * its forms, appears in any message, stack, JSON or inspect form of an error or client, or any log line.
 */
import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serviceShape } from '../../../generated/service.js';
import { createPkcs12 } from '../../../src/emulator/certs.js';
import { ServiceClient } from '../../../src/client/client.js';
import { certificateFromPem, certificateFromPfx, tokenCredential } from '../../../src/client/credentials.js';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy.js';
import { testPki } from '../../support/pki.js';
import { httpReply, startScriptedServer } from '../../support/scripted-server.js';
import { addFailure, formatCounts, increment, newReport, type SuiteReport } from '../report.js';
import { SCENARIOS, type Exposure, type World } from './scenarios.js';
import { callSurfaces, clientSurfaces, type Surfaces } from './surfaces.js';
import { SECRETS, keyMarker, leaksIn } from './values.js';

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  server.close();
  await once(server, 'close');
  return port;
}

function encryptedKey(pem: string): string {
  return createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: SECRETS.keyPassphrase }).toString();
}

async function credentialErrors(pem: { key: string; cert: string }): Promise<Exposure[]> {
  const pfx = createPkcs12(pem.key, pem.cert, SECRETS.keyPassphrase);
  return [
    { scenario: 'wrong passphrase for an encrypted key', surfaces: await callSurfaces(async () => certificateFromPem({ key: encryptedKey(pem.key), cert: pem.cert, passphrase: SECRETS.wrongPassphrase })) },
    { scenario: 'wrong passphrase for a PKCS#12', surfaces: await callSurfaces(async () => certificateFromPfx({ pfx, passphrase: SECRETS.wrongPassphrase })) },
    { scenario: 'PKCS#12 credential', surfaces: clientSurfaces(certificateFromPfx({ pfx, passphrase: SECRETS.keyPassphrase })) },
  ];
}

async function childExposure(world: World, pki: { key: string; cert: string }): Promise<Exposure> {
  world.server.handle((r) => (r.method === 'GET'
    ? httpReply(200, { 'Content-Type': 'application/xml' }, `<StorageService xmlns="http://schemas.microsoft.com/windowsazure"><StorageServiceKeys><Primary>${SECRETS.storageKey}</Primary></StorageServiceKeys></StorageService>`)
    : httpReply(500, { 'Content-Type': 'text/html' }, `<pre>${r.body}</pre>`)));
  const script = fileURLToPath(new URL('./log-child.js', import.meta.url));
  const input = { endpoint: world.server.url, ca: world.ca, encryptedKey: encryptedKey(pki.key), cert: pki.cert, proxyRefusing: world.proxyRefusing };
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, ASM_SDK_LOG: 'debug', RELIABILITY_SECRETS_CHILD: JSON.stringify(input), HTTPS_PROXY: '', HTTP_PROXY: '' }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024,
  });
  return { scenario: 'ASM_SDK_LOG=debug in a child process', surfaces: { stderr, 'stdout (errors and clients)': stdout, 'stderr lines': String(stderr.split('\n').filter((l) => l.startsWith('[asm-sdk]')).length) } };
}

export interface SecretsSuiteOptions {
  /** Only these scenarios of scenarios.ts (default: all). */
  only?: string[];
  /** Also the credential errors, inspected clients and the ASM_SDK_LOG child (default true). */
  rest?: boolean;
}

export async function secretsSuite(options: SecretsSuiteOptions = {}): Promise<SuiteReport> {
  const report = newReport('secrets in errors and logs');
  const pki = testPki();
  const server = await startScriptedServer({ certificate: pki.server });
  const proxies: ConnectProxy[] = [await startConnectProxy({ username: SECRETS.proxyUser, password: SECRETS.proxyPassword }), await startConnectProxy({ username: 'someone', password: 'else' })];
  const world: World = {
    server, ca: pki.ca.cert, proxyAccepting: proxies[0]!.url, proxyRefusing: proxies[1]!.url, closedPort: await closedPort(),
    certificate: certificateFromPem({ key: encryptedKey(pki.client.key), cert: pki.client.cert, passphrase: SECRETS.keyPassphrase }),
    token: tokenCredential(async () => ({ token: SECRETS.bearerToken, expiresOnTimestamp: Date.now() + 3_600_000 })),
  };
  const exposures: Exposure[] = [];
  const extra = { privateKey: keyMarker(pki.client.key) };
  try {
    for (const [name, scenario] of Object.entries(SCENARIOS).filter(([n]) => options.only === undefined || options.only.includes(n))) {
      const lines: string[] = [];
      const found = await scenario(world, (entry) => { lines.push(JSON.stringify(entry)); });
      exposures.push(...found, { scenario: `${name} (log)`, surfaces: { 'log lines': lines.join('\n') } });
    }
    if (options.rest !== false) await others(world, exposures, pki.client);
  } finally {
    for (const proxy of proxies) await proxy.close();
    await server.close();
  }
  judge(report, exposures, extra);
  return report;
}

/** Credential errors, inspected clients (proxy credentials in settings and in a URL), and the stderr child. */
async function others(world: World, exposures: Exposure[], pem: { key: string; cert: string }): Promise<void> {
  exposures.push(...(await credentialErrors(pem)));
  const withSettings = new ServiceClient({
    subscriptionId: 's', credential: world.certificate, endpoint: world.server.url,
    proxy: { url: world.proxyAccepting, username: SECRETS.proxyUser, password: SECRETS.proxyPassword },
  }, serviceShape);
  const withUrl = new ServiceClient({
    subscriptionId: 's', credential: world.token, endpoint: world.server.url, ca: world.ca,
    proxy: `http://${SECRETS.proxyUser}:${encodeURIComponent(SECRETS.proxyPassword)}@127.0.0.1:1`,
  }, serviceShape);
  exposures.push({ scenario: 'clients', surfaces: { ...clientSurfaces(withSettings), ...prefix('proxy in URL, token: ', clientSurfaces(withUrl)) } });
  await withSettings.close();
  await withUrl.close();
  exposures.push(await childExposure(world, pem));
}

function prefix(label: string, surfaces: Surfaces): Surfaces {
  return Object.fromEntries(Object.entries(surfaces).map(([k, v]) => [`${label}${k}`, v]));
}

function judge(report: SuiteReport, exposures: Exposure[], extra: Record<string, string>): void {
  const bySurface = new Map<string, number>();
  const bySecret = new Map<string, number>();
  let surfaces = 0;
  let logLines = 0;
  for (const { scenario, surfaces: found } of exposures) {
    for (const [surface, text] of Object.entries(found)) {
      surfaces++;
      if (surface === 'log lines') logLines += text === '' ? 0 : text.split('\n').length;
      for (const leak of leaksIn(text, extra)) {
        increment(bySurface, surface.replace(/^.*: /, ''));
        increment(bySecret, leak.replace(/ \(.*$/, ''));
        addFailure(report, `${scenario} — ${surface}: ${leak}`, 40);
      }
    }
  }
  const child = exposures.find((e) => e.scenario.startsWith('ASM_SDK_LOG'));
  report.figures.push(
    ['scenarios', exposures.length], ['surfaces checked', surfaces], ['log lines checked (capturing logger)', logLines],
    ['stderr lines checked (ASM_SDK_LOG=debug)', child?.surfaces['stderr lines'] ?? 0],
    ['secrets searched (each in 5 forms)', Object.keys(SECRETS).length + 2],
    ['leaks by surface', bySurface.size === 0 ? 'none' : formatCounts(bySurface)],
    ['leaks by secret', bySecret.size === 0 ? 'none' : formatCounts(bySecret)],
  );
  report.notes.push('values the client sent as secrets are scrubbed from what it reports only when 4 characters or longer (a shorter one cannot be told from the text around it)');
}
