/**
 * Counts an authenticated caller can grow (issue #16, third round), over real HTTPS with the typed client. Where
 * the service documents a limit the emulator answers as the service does (its quota message, 400); where it
 * documents none, the emulator's own bound (EmulatorOptions.bounds) refuses with a 409 naming the bound. Before,
 * every one of these creations succeeded without end. The flood with figures is `npm run reliability -- attack`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ServiceManagementClient } from '../../generated/client.js';
import { ServiceError } from '../../src/core/errors.js';
import { DOCUMENTED_LIMITS } from '../../src/emulator/quotas.js';
import type { Emulator } from '../../src/emulator/server.js';
import { seedRole, vhdUrl } from '../../tools/demo/seed-vm.js';
import { startTestEmulator } from '../support/emulator.js';
import { typedClientFor } from '../support/typed-client.js';

const STORE = 'boundsstore';
let emulator: Emulator;
let client: ServiceManagementClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1, bounds: { disks: 3, operationsInProgress: 2 } });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 }, retry: { maxRetries: 0 } });
  await client.createStorageAccount({ ServiceName: STORE, Label: STORE, Location: 'West US' }, { wait: true });
});

after(async () => {
  await client.close();
  await emulator.close();
});

async function refusal(call: Promise<unknown>): Promise<ServiceError> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ServiceError, `expected a ServiceError, got ${String(err)}`);
  return err;
}

test('the 257th affinity group is refused with the service\'s quota message (256 per subscription, documented)', async () => {
  for (let i = 0; i < DOCUMENTED_LIMITS.affinityGroups; i++) await client.createAffinityGroup({ Name: `ag${i}`, Label: `ag${i}`, Location: 'West US' });
  const err = await refusal(client.createAffinityGroup({ Name: 'one-more', Label: 'x', Location: 'West US' }));
  assert.equal(err.statusCode, 400);
  assert.equal(err.code, 'BadRequest');
  assert.match(err.message, /: Operation results in exceeding quota limits of AffinityGroups. Maximum allowed: 256, Current in use: 256, Additional requested: 1\.$/);
  assert.equal((await client.listAffinityGroups()).length, 256);
  // Deleting one makes room again.
  await client.deleteAffinityGroup({ AffinityGroupName: 'ag0' });
  await client.createAffinityGroup({ Name: 'one-more', Label: 'x', Location: 'West US' });
});

test('disks past the emulator\'s bound are refused with a 409 naming the bound and its setting', async () => {
  for (let i = 0; i < 3; i++) await client.addDisk({ Name: `d${i}`, Label: `d${i}`, MediaLink: vhdUrl(STORE, `d${i}.vhd`) });
  const err = await refusal(client.addDisk({ Name: 'd3', Label: 'd3', MediaLink: vhdUrl(STORE, 'd3.vhd') }));
  assert.equal(err.statusCode, 409);
  assert.match(err.message, /at most 3 disks per subscription \(EmulatorOptions\.bounds\.disks\); 3 exist/);
  assert.equal((await client.listDisks()).length, 3);
  // A VM whose OS disk would be the fourth is refused before anything is created.
  await client.createHostedService({ ServiceName: 'diskful', Label: 'diskful', Location: 'West US' });
  const vm = await refusal(client.createVirtualMachineDeployment({ ServiceName: 'diskful', Name: 'diskful', DeploymentSlot: 'Production', Label: 'x', RoleList: [seedRole(STORE)] }, { wait: true }));
  assert.match(vm.message, /EmulatorOptions\.bounds\.disks/);
  assert.equal((await client.listDisks()).length, 3);
  for (let i = 0; i < 3; i++) await client.deleteDisk({ DiskName: `d${i}` });
});

test('a role with more than 150 input endpoints is refused (150 per cloud service, documented)', async () => {
  await client.createHostedService({ ServiceName: 'portful', Label: 'portful', Location: 'West US' });
  const role = seedRole(STORE);
  const endpoints = Array.from({ length: 151 }, (_, i) => ({ Name: `e${i}`, Protocol: 'tcp' as const, Port: 1000 + i, LocalPort: 1000 + i }));
  role.ConfigurationSets = [role.ConfigurationSets![0]!, { ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: endpoints }];
  role.DataVirtualHardDisks = [];
  const err = await refusal(client.createVirtualMachineDeployment({ ServiceName: 'portful', Name: 'portful', DeploymentSlot: 'Production', Label: 'x', RoleList: [role] }, { wait: true }));
  assert.equal(err.statusCode, 400);
  assert.match(err.message, /: Operation results in exceeding quota limits of InputEndpoints. Maximum allowed: 150, Current in use: 0, Additional requested: 151\.$/);
});

test('asynchronous requests never polled are bounded in progress per subscription', async () => {
  // With polls-driven timing an unpolled request stays InProgress: the third is refused until one finishes.
  const first = await client.createStorageAccount({ ServiceName: 'pending1', Label: 'p', Location: 'West US' });
  await client.createStorageAccount({ ServiceName: 'pending2', Label: 'p', Location: 'West US' });
  const err = await refusal(client.createStorageAccount({ ServiceName: 'pending3', Label: 'p', Location: 'West US' }));
  assert.equal(err.statusCode, 409);
  assert.match(err.message, /at most 2 operations in progress per subscription \(EmulatorOptions\.bounds\.operationsInProgress\)/);
  await first.wait({ minDelayMs: 5, maxDelayMs: 10 });
  await client.createStorageAccount({ ServiceName: 'pending3', Label: 'p', Location: 'West US' }, { wait: true });
});
