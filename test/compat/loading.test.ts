/**
 * Loading the facade the way programs do, in child processes where `asm-sdk` is installed (support.ts): require()
 * from CommonJS — synchronously on Node versions that require() ES modules, and through the deferred stand-in when
 * that is switched off (--no-experimental-require-module, as on Node < 20.19) — and import from ES modules; trust
 * through NODE_EXTRA_CA_CERTS; and an exception thrown by a callback surfacing as the program's own.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import cjsEntry from '../../src/compat/index.cjs';
import { IaasClient, createServiceManagementService } from '../../src/compat/index.js';
import MethodNames from '../../src/compat/method-names.cjs';
import type { Emulator } from '../../src/emulator/server.js';
import { startTestEmulator } from '../support/emulator.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { runNode, scratchInstall } from './support.js';

clearProxyEnvironment();
const DEFERRED = '--no-experimental-require-module';
let emulator: Emulator;
let dir: string;
let connection: Record<string, string>;

before(async () => {
  emulator = await startTestEmulator();
  dir = scratchInstall('compat-loading-');
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content, { mode: 0o600 });
    return join(dir, name);
  };
  connection = {
    subscriptionId: emulator.subscriptionId, host: emulator.host,
    keyFile: file('key.pem', emulator.clientCert.key), certFile: file('cert.pem', emulator.clientCert.cert), caFile: file('ca.pem', emulator.caCert),
  };
});
after(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes `source` as `name` in the scratch folder and runs it; CONN carries the emulator's details. */
async function run(name: string, source: string, options: { flags?: string[]; env?: Record<string, string> } = {}) {
  writeFileSync(join(dir, name), source);
  return runNode([...(options.flags ?? []), name], { cwd: dir, env: { CONN: JSON.stringify(connection), ...options.env } });
}

test('imported from an ES module, the CommonJS entry is the facade itself where require() loads ES modules', () => {
  if (process.features.require_module !== true) {
    assert.equal(cjsEntry.IaasClient.name, 'DeferredIaasClient');
    return;
  }
  assert.equal(cjsEntry.IaasClient, IaasClient);
  assert.equal(cjsEntry.ServiceManagementService, IaasClient);
  assert.equal(cjsEntry.createServiceManagementService, createServiceManagementService);
});

const CJS_PRELUDE = `
const fs = require('node:fs');
const c = JSON.parse(process.env.CONN);
const auth = { keyfile: c.keyFile, certfile: c.certFile };
const options = { host: c.host, ca: fs.readFileSync(c.caFile, 'utf8') };
`;

const CJS_ROUND_TRIP = `${CJS_PRELUDE}
const azure = require('asm-sdk/compat');
const cli = azure.createServiceManagementService(c.subscriptionId, auth, options);
const other = new azure.IaasClient(c.subscriptionId, auth, options);
const serviceOptions = { Location: 'West US' };
cli.CreateHostedService(process.env.SERVICE, serviceOptions, (rsp) => {
  other.GetHostedService(process.env.SERVICE).then((got) => {
    console.log(JSON.stringify({
      kind: cli.constructor.name, created: rsp.statusCode, location: got.response.HostedServiceProperties.Location,
      alias: azure.ServiceManagementService === azure.IaasClient,
      names: ${JSON.stringify(MethodNames.all())}.filter((n) => typeof cli[n] !== 'function'),
    }));
    return Promise.all([cli.close(), other.close()]);
  });
});
// A call copies its objects: changing them afterwards does not change the call.
serviceOptions.Location = 'Nowhere';
`;

test('require() on a Node that loads ES modules synchronously: the facade itself', async () => {
  const result = await run('sync.cjs', CJS_ROUND_TRIP, { env: { SERVICE: 'cjs-sync' } });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { kind: 'IaasClient', created: 201, location: 'West US', alias: true, names: [] });
});

test('require() without synchronous ES module loading: the deferred stand-in, with the same methods', async () => {
  const result = await run('deferred.cjs', CJS_ROUND_TRIP, { flags: [DEFERRED], env: { SERVICE: 'cjs-deferred' } });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { kind: 'DeferredIaasClient', created: 201, location: 'West US', alias: true, names: [] });
});

test('deferred: calls and proxy settings apply in the order they were made', async () => {
  const source = `${CJS_PRELUDE}
const azure = require('asm-sdk/compat');
const cli = azure.createServiceManagementService(c.subscriptionId, auth, options);
cli.setProxyUrl('http://127.0.0.1:9');
const viaDeadProxy = cli.ListHostedServices();
cli.SetProxyUrl(null);
const direct = cli.ListHostedServices();
Promise.all([viaDeadProxy, direct]).then(([a, b]) => {
  console.log(JSON.stringify([a.isSuccessful, b.isSuccessful]));
  return cli.close();
});
`;
  const result = await run('order.cjs', source, { flags: [DEFERRED] });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [false, true]);
});

test('deferred: a construction error rejects a promise call, and is thrown for a callback call', async () => {
  const failing = `${CJS_PRELUDE}
const azure = require('asm-sdk/compat');
const cli = new azure.IaasClient(c.subscriptionId, { keyfile: 'missing-key.pem', certfile: c.certFile }, options);
`;
  const promised = await run('reject.cjs', `${failing}
cli.ListHostedServices().then(() => console.log('resolved'), (err) => console.log('rejected ' + err.name));
`, { flags: [DEFERRED] });
  assert.equal(promised.stdout.trim(), 'rejected CredentialError');
  const called = await run('throw.cjs', `${failing}
cli.ListHostedServices(() => console.log('called back'));
`, { flags: [DEFERRED] });
  assert.notEqual(called.code, 0);
  assert.equal(called.stdout, '');
  assert.match(called.stderr, /CredentialError: the key file .*missing-key\.pem does not exist/);
});

test('import from an ES module: default and named exports', async () => {
  const source = `
import { readFileSync } from 'node:fs';
import azure, { IaasClient, createServiceManagementService, ServiceManagementService } from 'asm-sdk/compat';
const c = JSON.parse(process.env.CONN);
const cli = createServiceManagementService(c.subscriptionId, { keyfile: c.keyFile, certfile: c.certFile }, { host: c.host, ca: readFileSync(c.caFile, 'utf8') });
const rsp = await cli.ListHostedServices();
console.log(JSON.stringify([rsp.isSuccessful, cli instanceof IaasClient, azure.IaasClient === IaasClient, ServiceManagementService === IaasClient]));
await cli.close();
`;
  const result = await run('esm.mjs', source);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [true, true, true, true]);
});

test('NODE_EXTRA_CA_CERTS trusts the emulator without options.ca', async () => {
  const source = `
import azure from 'asm-sdk/compat';
const c = JSON.parse(process.env.CONN);
const cli = azure.createServiceManagementService(c.subscriptionId, { keyfile: c.keyFile, certfile: c.certFile }, { host: c.host });
const rsp = await cli.ListHostedServices();
console.log(JSON.stringify([rsp.isSuccessful, rsp.error?.Code ?? null]));
await cli.close();
`;
  const trusted = await run('extra-ca.mjs', source, { env: { NODE_EXTRA_CA_CERTS: connection['caFile']! } });
  assert.equal(trusted.code, 0, trusted.stderr);
  assert.deepEqual(JSON.parse(trusted.stdout), [true, null]);
  const untrusted = await run('extra-ca.mjs', source);
  assert.deepEqual(JSON.parse(untrusted.stdout), [false, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
});

test('an exception thrown by a callback is an uncaught exception of the program, not a rejection', async () => {
  const source = `${CJS_PRELUDE}
process.on('uncaughtException', (err, origin) => {
  console.log(JSON.stringify([err.message, origin]));
  process.exit(0);
});
const azure = require('asm-sdk/compat');
const cli = azure.createServiceManagementService(c.subscriptionId, auth, options);
cli.ListHostedServices(() => { throw new Error('thrown by the callback'); });
`;
  for (const flags of [[], [DEFERRED]]) {
    const result = await run('throws.cjs', source, { flags });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), ['thrown by the callback', 'uncaughtException']);
  }
});
