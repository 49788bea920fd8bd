/**
 * What an npm consumer gets: the package resolves by name through its "exports" map to built JavaScript with
 * .d.ts files beside it, and internals stay private.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string; exports: Record<string, unknown> };

test('every entry of the exports map resolves by package name', async () => {
  const sdk = await import('asm-sdk');
  assert.equal(typeof sdk.ServiceManagementClient, 'function');
  assert.equal(typeof sdk.certificateFromPem, 'function');
  assert.equal(typeof sdk.ResourceNotFoundError, 'function');
  const operation = await import('asm-sdk/operations/ListLocations');
  assert.equal(typeof operation.listLocations, 'function');
  assert.equal(operation.ListLocationsOperation.path, '/{subscriptionId}/locations');
  const model = await import('asm-sdk/models/HostedService');
  assert.equal(model.HostedServiceShape.name, 'HostedService');
  assert.equal(typeof (await import('asm-sdk/runtime')).ServiceClient, 'function');
  assert.equal(typeof (await import('asm-sdk/emulator')).startEmulator, 'function');
  assert.equal(typeof (await import('asm-sdk/compat')).createServiceManagementService, 'function');
  assert.equal(typeof createRequire(import.meta.url)('asm-sdk/compat').createServiceManagementService, 'function');
});

test('each export points at built JavaScript with its .d.ts', () => {
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  for (const target of targets.filter((t) => !t.includes('*') && t !== './package.json')) {
    assert.ok(existsSync(`${root}${target}`), `${target} exists`);
  }
  for (const pattern of ['./dist/generated/operations/ListLocations.d.ts', './dist/generated/models/HostedService.d.ts']) {
    assert.ok(existsSync(`${root}${pattern}`), `${pattern} exists`);
  }
});

test('internals are not importable', async () => {
  // Specifiers held in variables: the type checker rightly refuses them as literals.
  for (const internal of ['asm-sdk/dist/src/client/client.js', 'asm-sdk/src/codegen/main']) {
    await assert.rejects(import(internal), (err: NodeJS.ErrnoException) => err.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  }
});

test('a client shows no way to send outside a typed operation; invoke and invokeAsync are the documented way', async () => {
  const sdk = await import('asm-sdk');
  const runtime = await import('asm-sdk/runtime');
  for (const entry of [sdk, runtime]) {
    assert.equal(typeof entry.invoke, 'function');
    assert.equal(typeof entry.invokeAsync, 'function');
  }
  const client = new sdk.ServiceManagementClient({
    subscriptionId: '00000000-0000-0000-0000-000000000000', credential: sdk.tokenCredential(async () => 'token'), endpoint: 'localhost:1',
  });
  try {
    for (const internal of ['send', 'sendAsync', 'log']) assert.equal(internal in client, false, `client.${internal}`);
    assert.equal(typeof client.waitForOperation, 'function');
    assert.equal(client.endpoint.origin, 'https://localhost:1');
  } finally {
    await client.close();
  }
  const { ListLocationsOperation } = await import('asm-sdk/operations/ListLocations');
  await assert.rejects(sdk.invoke({} as never, ListLocationsOperation, {}), /client: expected a ServiceClient/);
});
