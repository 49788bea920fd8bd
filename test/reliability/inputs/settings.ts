/**
 * Bad settings rather than bad operation input (issue #16): a "%" without two hex digits in a proxy's
 * credentials (option and HTTPS_PROXY), a lone surrogate in the subscription id, a CR/LF in the user agent, and
 * credential files that are not credential files — a FIFO, a link to /dev/zero, a 600 MB file, a directory, a
 * missing file, 40,000 BEGIN markers, PKCS#12 files asking for billions of key-derivation iterations. Rule: each ends, within a few seconds and bounded memory, in an SdkError or
 * a TypeError that names the setting or the file (never quoting a password), and nothing is sent. The credential
 * files are read in child processes, so that a blocking read or an exhausted heap is reported, not suffered.
 */
import { execFile } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceShape } from '../../../generated/service.js';
import { GetHostedServiceOperation } from '../../../generated/operations/GetHostedService.js';
import { ServiceClient, type ClientOptions } from '../../../src/client/client.js';
import { invoke } from '../../../src/client/invoke.js';
import { certificateFromPem } from '../../../src/client/credentials.js';
import { fromPublishSettings } from '../../../src/client/publish-settings.js';
import { SdkError } from '../../../src/core/errors.js';
import { testPki } from '../../support/pki.js';
import { deeplyNested, keyInEncryptedSafe, manyCounts, withIterations } from '../../support/pkcs12-rewrite.js';
import { createPkcs12 } from '../../../src/emulator/certs.js';
import { opensslPkcs12 } from '../../support/legacy-pkcs12.js';
import { label, settle } from '../outcome.js';
import type { ScriptedServer } from '../../support/scripted-server.js';
import { addFailure, type SuiteReport } from '../report.js';

const PROXY_PASSWORD = 'Pa%ss';

interface Setting {
  name: string;
  /** What the error must name. */
  names: string;
  options?: Partial<ClientOptions>;
  env?: Record<string, string>;
}

const SETTINGS: Setting[] = [
  { name: 'proxy option with "%" in the password', names: 'proxy', options: { proxy: `http://svc:${PROXY_PASSWORD}@127.0.0.1:1` } },
  { name: 'HTTPS_PROXY with "%" in the password', names: 'HTTPS_PROXY', env: { HTTPS_PROXY: `http://svc:${PROXY_PASSWORD}@127.0.0.1:1` } },
  { name: 'HTTP_PROXY with "%" in the user name', names: 'HTTP_PROXY', env: { HTTP_PROXY: 'http://s%zvc:pw@127.0.0.1:1' } },
  { name: 'subscription id with a lone surrogate', names: 'subscriptionId', options: { subscriptionId: 'sub\ud800' } },
  { name: 'user agent with CR/LF', names: 'userAgent', options: { userAgent: 'me\r\nX-Injected: 1' } },
];

/** Runs `call` with environment variables set (and the rest of the proxy variables cleared), restoring them after. */
async function withEnv<T>(env: Record<string, string> | undefined, call: () => Promise<T>): Promise<T> {
  const names = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  for (const n of names) delete process.env[n];
  Object.assign(process.env, env ?? {});
  try {
    return await call();
  } finally {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  }
}

async function settingOutcome(server: ScriptedServer, s: Setting): Promise<string | undefined> {
  const pki = testPki();
  const before = server.requests.length;
  const ending = await withEnv(s.env, () => settle(async () => {
    const client = new ServiceClient({
      subscriptionId: 'settings', credential: certificateFromPem(pki.client), endpoint: server.url, ca: pki.ca.cert, retry: { maxRetries: 0 },
      ...(s.env === undefined ? { proxy: false as const } : {}), ...s.options,
    }, serviceShape);
    try {
      return await invoke(client, GetHostedServiceOperation, { ServiceName: 's' });
    } finally {
      await client.close();
    }
  }, 10_000));
  if (ending.kind !== 'error') return `${label(ending)}, not an error`;
  const error = ending.error as Error;
  if (!(error instanceof SdkError) && !(error instanceof TypeError && error.constructor === TypeError)) return `untyped ${error.constructor.name}: ${error.message}`;
  if (!error.message.includes(s.names)) return `${error.name} does not name ${s.names}: ${error.message}`;
  if (error.message.includes(PROXY_PASSWORD)) return 'the error quotes the proxy password';
  if (server.requests.length !== before) return 'a request was sent';
  return undefined;
}

/** Loads a credential in a child (4 s, 256 MiB heap); its outcome as `Class: message`, `hang` or `crash`. */
function loadInChild(source: string, env: Record<string, string>, loader = 'certificateFromPem'): Promise<{ outcome: string; ms: number }> {
  const credentials = new URL('../../../src/client/credentials.js', import.meta.url).href;
  const script = `import { readFileSync } from 'node:fs'; const { ${loader} } = await import('${credentials}');`
    + `try { ${loader}(${source}); console.log('loaded'); } catch (err) { console.log(err.constructor.name + ': ' + err.message); }`;
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['--max-old-space-size=256', '--input-type=module', '-e', script], { timeout: 4_000, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      const ms = Math.round(performance.now() - started);
      if (err && (err as { killed?: boolean }).killed) return resolve({ outcome: 'hang (killed after 4 s)', ms });
      if (err) return resolve({ outcome: `crash: ${/heap out of memory|Allocation failed/i.test(stderr) ? 'V8 heap out of memory' : stderr.trim().split('\n').pop() ?? ''}`, ms });
      resolve({ outcome: stdout.trim(), ms });
    });
  });
}

async function credentialFiles(report: SuiteReport): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'asm-inputs-'));
  try {
    const files: Array<[string, string]> = [];
    const fifo = join(dir, 'key.fifo');
    await new Promise<void>((resolve, reject) => execFile('mkfifo', [fifo], (err) => (err ? reject(err) : resolve())));
    files.push(['FIFO', fifo]);
    const zero = join(dir, 'zero.pem');
    symlinkSync('/dev/zero', zero);
    files.push(['link to /dev/zero', zero]);
    const huge = join(dir, 'huge.pem');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024); // sparse: no disk is used
    closeSync(fd);
    files.push(['600 MB file', huge], ['directory', dir], ['missing file', join(dir, 'missing.pem')]);
    const markers = join(dir, 'markers.pem');
    writeFileSync(markers, '-----BEGIN PRIVATE KEY-----\n'.repeat(40_000));
    files.push(['40,000 BEGIN markers', markers]);
    const cert = testPki().client.cert;
    const cases: Array<[string, string, string, Record<string, string>]> = files.map(([what, file]) => [`key file: ${what}`, `{ keyFile: ${JSON.stringify(file)}, cert: process.env.CERT }`, file, { CERT: cert }]);
    cases.push(['key text: 40,000 BEGIN markers', '{ key: readFileSync(process.env.KEY_TEXT, "utf8"), cert: process.env.CERT }', 'no PEM private key', { CERT: cert, KEY_TEXT: markers }]);
    const pfxCases = hostileBundles(dir).map(([what, file, passphrase]): [string, string, string, Record<string, string>] => [`PKCS#12 file: ${what}`, `{ pfxFile: ${JSON.stringify(file)}, passphrase: ${JSON.stringify(passphrase)} }`, file, {}]);
    for (const [what, source, names, env] of [...cases, ...pfxCases]) {
      const { outcome, ms } = await loadInChild(source, env, what.startsWith('PKCS#12') ? 'certificateFromPfx' : 'certificateFromPem');
      report.figures.push([`  ${what}`, `${outcome.split(':')[0]} in ${ms} ms`]);
      if (!outcome.startsWith('CredentialError: ') || !outcome.includes(names)) addFailure(report, `${what}: ${outcome.slice(0, 200)} (expected a CredentialError naming ${names})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * PKCS#12 files that ask OpenSSL for more work than any real one (issue #16, second round): a MAC of 2^31 - 1
 * iterations blocked the process for about 5.5 minutes (here: a hang at 4 s), key and certificates encrypted with
 * 50,000,000 iterations each and no MAC for about 10 s; and a structure 5,000 levels deep.
 */
function hostileBundles(dir: string): Array<[string, string, string]> {
  const { client } = testPki();
  const pfx = createPkcs12(client.key, client.cert, '');
  // OpenSSL's own layout (key and certificates encrypted); without the command line, forge's (key only).
  const modern = opensslPkcs12(client, '', false);
  // Third round: a key shrouded with 50,000,000 iterations inside an encrypted safe (its count is not in the clear).
  const inSafe = keyInEncryptedSafe(createPkcs12(client.key, client.cert, 'pw'), 'pw', 50_000_000);
  const bundles: Array<[string, Buffer, string?]> = [
    ['MAC of 2^31-1 iterations', withIterations(pfx, { mac: 2 ** 31 - 1 })],
    ['key and certificates encrypted with 50,000,000 iterations, no MAC', withIterations(modern ?? pfx, { others: 50_000_000, dropMac: true })],
    ['1,000 parts of 900,000 iterations', manyCounts(1_000, 900_000)],
    ['ASN.1 nested 5,000 deep', deeplyNested(5_000)],
    ['key of 50,000,000 iterations inside an encrypted safe (valid MAC)', inSafe, 'pw'],
  ];
  return bundles.map(([what, bytes, passphrase = ''], i) => {
    const file = join(dir, `hostile-${i}.pfx`);
    writeFileSync(file, bytes);
    return [what, file, passphrase];
  });
}

/** A .publishsettings of 100,000 subscriptions and none chosen: the error must name a few, not all (it was 4.9 MB). */
function manySubscriptions(report: SuiteReport): void {
  const subscriptions = Array.from({ length: 100_000 }, (_, i) => `<Subscription Id="00000000-0000-0000-0000-${String(i).padStart(12, '0')}" Name="s${i}"/>`).join('');
  const started = performance.now();
  let outcome: string;
  let length = 0;
  try {
    fromPublishSettings({ xml: `<PublishData><PublishProfile SchemaVersion="2.0">${subscriptions}</PublishProfile></PublishData>` });
    outcome = 'loaded';
  } catch (err) {
    outcome = (err as Error).constructor.name;
    length = String((err as Error).message).length;
  }
  report.figures.push(['.publishsettings of 100,000 subscriptions, none chosen', `${outcome} of ${length} chars in ${Math.round(performance.now() - started)} ms`]);
  if (outcome !== 'CredentialError' || length > 10_000) addFailure(report, `.publishsettings of 100,000 subscriptions: ${outcome} with a message of ${length} characters (expected a bounded CredentialError)`);
}

export async function settingsSection(report: SuiteReport, server: ScriptedServer): Promise<void> {
  let refused = 0;
  for (const s of SETTINGS) {
    const problem = await settingOutcome(server, s);
    if (problem === undefined) refused++;
    else addFailure(report, `${s.name}: ${problem}`);
  }
  report.figures.push(['hostile settings', `${SETTINGS.length}, refused naming the setting: ${refused}`]);
  await credentialFiles(report);
  manySubscriptions(report);
}
