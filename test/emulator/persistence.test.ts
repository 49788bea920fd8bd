/**
 * The emulator's state on disk (`dataDir`): a restarted emulator has its subscriptions, certificates, resources
 * (nested Maps and Dates included), catalog changes and operation statuses; a Map another family adds to
 * SubscriptionState is kept without code; an operation in flight at the restart polls as Failed, its change not
 * applied; a damaged store is refused with its file named.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ResourceNotFoundError, type ServiceManagementClient } from '../../generated/index.js';
import { INTERRUPTED_ERROR } from '../../src/emulator/async-operations.js';
import { STORE_FILE } from '../../src/emulator/persistence.js';
import type { Emulator } from '../../src/emulator/server.js';
import { typedClientFor } from '../support/typed-client.js';
import { createStorage, createVm } from './compute-fixtures.js';
import { clientFor, startTestEmulator } from './helpers.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'asm-store-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function withEmulator<T>(dir: string, run: (emulator: Emulator, client: ServiceManagementClient) => Promise<T>, polls?: number): Promise<T> {
  const emulator = await startTestEmulator({ dataDir: dir, ...(polls === undefined ? { asyncPolls: 0 } : { asyncPolls: polls }) });
  const client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  try {
    return await run(emulator, client);
  } finally {
    await client.close();
    await emulator.close();
  }
}

test('a restarted emulator has the subscription, its certificates, services, accounts, VM deployments and catalog changes', async () => {
  const dir = dataDir();
  const before = await withEmulator(dir, async (emulator, client) => {
    await client.createHostedService({ ServiceName: 'kept-svc', Label: 'Kept service', Location: 'West US' });
    const raw = clientFor(emulator);
    await createStorage(raw, 'keptstore');
    await createVm(raw, 'kept-svc', { role: 'keptvm', account: 'keptstore' });
    await raw.close();
    emulator.state.locations = emulator.state.locations.filter((l) => l.Name !== 'East Asia');
    const second = emulator.addSubscription();
    return { subscriptionId: emulator.subscriptionId, second, deployment: await client.getDeploymentBySlot({ ServiceName: 'kept-svc', DeploymentSlot: 'Production' }) };
  });
  await withEmulator(dir, async (emulator, client) => {
    assert.equal(emulator.subscriptionId, before.subscriptionId);
    assert.ok(emulator.state.subscription(before.second), 'the added subscription is back');
    const service = await client.getHostedService({ ServiceName: 'kept-svc' });
    assert.equal(service.HostedServiceProperties?.Label, 'Kept service');
    const account = await client.getStorageAccountProperties({ ServiceName: 'keptstore' });
    assert.equal(account.ServiceName, 'keptstore');
    const deployment = await client.getDeploymentBySlot({ ServiceName: 'kept-svc', DeploymentSlot: 'Production' });
    assert.deepEqual(deployment.RoleList?.map((r) => r.RoleName), ['keptvm']);
    assert.deepEqual(deployment.RoleInstanceList?.map((i) => [i.InstanceName, i.IpAddress]), before.deployment.RoleInstanceList?.map((i) => [i.InstanceName, i.IpAddress]));
    assert.deepEqual(deployment.VirtualIPs, before.deployment.VirtualIPs);
    assert.ok((await client.listDisks()).some((d) => d.AttachedTo?.RoleName === 'keptvm'), 'the OS disk is attached still');
    assert.ok(!(await client.listLocations()).some((l) => l.Name === 'East Asia'), 'the catalog change is kept');
    // The address pool continues: a new deployment does not reuse the kept one's address.
    await client.createHostedService({ ServiceName: 'kept-svc2', Label: 'second', Location: 'West US' });
    const raw = clientFor(emulator);
    await createVm(raw, 'kept-svc2', { role: 'keptvm2', account: 'keptstore' });
    await raw.close();
    const other = await client.getDeploymentBySlot({ ServiceName: 'kept-svc2', DeploymentSlot: 'Production' });
    assert.notEqual(other.VirtualIPs?.[0]?.Address, deployment.VirtualIPs?.[0]?.Address);
  });
});

test('a Map a family adds to SubscriptionState at run time is persisted without code', async () => {
  const dir = dataDir();
  await withEmulator(dir, async (emulator, client) => {
    const subscription = emulator.state.subscription(emulator.subscriptionId)! as unknown as Record<string, unknown>;
    subscription['widgets'] = new Map([['w1', { Name: 'w1', Size: 3, Tags: ['a'], Nested: new Map([['x', { When: new Date('2015-03-13T19:24:43Z') }]]) }]]);
    await client.createHostedService({ ServiceName: 'widget-trigger', Label: 'x', Location: 'West US' });
  });
  await withEmulator(dir, async (emulator) => {
    const widgets = (emulator.state.subscription(emulator.subscriptionId)! as unknown as Record<string, unknown>)['widgets'];
    assert.ok(widgets instanceof Map);
    const w1 = (widgets as Map<string, { Name: string; Size: number; Tags: string[]; Nested: Map<string, { When: Date }> }>).get('w1')!;
    assert.deepEqual([w1.Name, w1.Size, w1.Tags], ['w1', 3, ['a']]);
    assert.ok(w1.Nested.get('x')!.When instanceof Date);
    assert.equal(w1.Nested.get('x')!.When.toISOString(), '2015-03-13T19:24:43.000Z');
  });
});

test('finished operations still poll after a restart; one in flight polls Failed and its change is not applied', async () => {
  const dir = dataDir();
  const ids = await withEmulator(dir, async (_emulator, client) => {
    const done = await client.createStorageAccount({ ServiceName: 'opsstore', Label: 'x', Location: 'West US' });
    await done.wait();
    // asyncPolls 5: nobody polls, so this creation is still in flight when the emulator stops.
    const inFlight = await client.createStorageAccount({ ServiceName: 'opsstore2', Label: 'y', Location: 'West US' });
    return { done: done.requestId, inFlight: inFlight.requestId };
  }, 5);
  await withEmulator(dir, async (_emulator, client) => {
    assert.equal((await client.getOperationStatus({ RequestId: ids.done })).Status, 'Succeeded');
    const interrupted = await client.getOperationStatus({ RequestId: ids.inFlight });
    assert.equal(interrupted.Status, 'Failed');
    assert.deepEqual(interrupted.Error, { Code: INTERRUPTED_ERROR.code, Message: INTERRUPTED_ERROR.message });
    await assert.rejects(client.getStorageAccountProperties({ ServiceName: 'opsstore2' }), ResourceNotFoundError);
    assert.equal((await client.getStorageAccountProperties({ ServiceName: 'opsstore' })).ServiceName, 'opsstore');
  });
});

test('a damaged store is refused naming its file; a temporary file left by a killed write is ignored', async () => {
  const dir = dataDir();
  await withEmulator(dir, async (_emulator, client) => {
    await client.createHostedService({ ServiceName: 'tmp-svc', Label: 'x', Location: 'West US' });
  });
  writeFileSync(join(dir, `${STORE_FILE}.12345.tmp`), '{"format":1,"state":{"subscr');
  await withEmulator(dir, async (_emulator, client) => {
    assert.equal((await client.getHostedService({ ServiceName: 'tmp-svc' })).ServiceName, 'tmp-svc');
  });
  const whole = readFileSync(join(dir, STORE_FILE), 'utf8');
  writeFileSync(join(dir, STORE_FILE), whole.slice(0, whole.length / 2));
  await assert.rejects(startTestEmulator({ dataDir: dir }), (err: Error) => err.message.includes(join(dir, STORE_FILE)) && /not valid JSON/.test(err.message));
});
