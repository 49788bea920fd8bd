/**
 * The subscription's operation log (ListSubscriptionOperations) and resource provider registration, through the
 * typed client: every mutation is logged with its id, object, parameters (secrets redacted), caller and status,
 * asynchronous ones turn Succeeded when done; filters by window, object and result; pages with a continuation
 * token; the service's rules on the window. Providers register once (409 again), unknown ones 404, as recorded.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BadRequestError, ConflictError, ResourceNotFoundError, type ServiceManagementClient, type SubscriptionOperation } from '../../generated/index.js';
import { PAGE_SIZE } from '../../src/emulator/handlers/subscription-operations.js';
import type { Emulator } from '../../src/emulator/server.js';
import { typedClientFor } from '../support/typed-client.js';
import { createStorage, createVm } from './compute-fixtures.js';
import { clientFor, startTestEmulator } from './helpers.js';

let emulator: Emulator;
let client: ServiceManagementClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
});
after(async () => {
  await client.close();
  await emulator.close();
});

const hour = 3600 * 1000;
const window = () => ({ StartTime: new Date(Date.now() - hour), EndTime: new Date(Date.now() + hour) });

async function allOperations(filters: { ObjectIdFilter?: string; OperationResultFilter?: 'Succeeded' | 'Failed' | 'InProgress' } = {}): Promise<SubscriptionOperation[]> {
  const out: SubscriptionOperation[] = [];
  for await (const op of client.paginateListSubscriptionOperations({ ...window(), ...filters })) out.push(op);
  return out;
}

test('mutations are logged with id, object, parameters, caller and final status; filters pick by object and result', async () => {
  const seen: string[] = [];
  await client.createHostedService({ ServiceName: 'log-svc', Label: 'logged', Location: 'West US' }, { onResponse: (r) => seen.push(r.requestId!) });
  await client.updateHostedService({ ServiceName: 'log-svc', Label: 'relabelled' });
  await assert.rejects(client.createHostedService({ ServiceName: 'log-svc', Label: 'again', Location: 'West US' }), ConflictError);
  await (await client.createStorageAccount({ ServiceName: 'logstore', Label: 'x', Location: 'West US' })).wait();
  await client.listHostedServices();

  const ops = await allOperations();
  assert.deepEqual(ops.map((o) => o.OperationName), ['CreateHostedService', 'UpdateHostedService', 'CreateHostedService', 'CreateStorageAccount']);
  const [created, , refused, storage] = ops as [SubscriptionOperation, SubscriptionOperation, SubscriptionOperation, SubscriptionOperation];
  assert.equal(created.OperationId!.replace(/-/g, ''), seen[0]);
  assert.equal(created.OperationObjectId, `/${emulator.subscriptionId}/services/hostedservices/log-svc`);
  assert.deepEqual(created.OperationParameters?.find((p) => p.Name === 'ServiceName'), { Name: 'ServiceName', Value: 'log-svc' });
  assert.equal(created.OperationCaller?.SubscriptionCertificateThumbprint, emulator.clientCert.thumbprint);
  assert.equal(created.OperationCaller?.UsedServiceManagementApi, true);
  assert.deepEqual([created.OperationStatus?.Status, created.OperationStatus?.HttpStatusCode], ['Succeeded', 201]);
  assert.ok(created.OperationStartedTime instanceof Date && created.OperationCompletedTime instanceof Date);
  assert.deepEqual([refused.OperationStatus?.Status, refused.OperationStatus?.HttpStatusCode, refused.OperationStatus?.Error?.Code], ['Failed', 409, 'ConflictError']);
  assert.deepEqual([storage.OperationStatus?.Status, storage.OperationStatus?.HttpStatusCode], ['Succeeded', 200], 'the asynchronous creation shows its final status');

  const failed = await allOperations({ OperationResultFilter: 'Failed' });
  assert.deepEqual(failed.map((o) => o.OperationId), [refused.OperationId]);
  const onService = await allOperations({ ObjectIdFilter: `https://management.core.windows.net/${emulator.subscriptionId}/services/hostedservices/log-svc` });
  assert.deepEqual(onService.map((o) => o.OperationName), ['CreateHostedService', 'UpdateHostedService', 'CreateHostedService']);
  const past = await client.listSubscriptionOperations({ StartTime: new Date(Date.now() - 2 * hour), EndTime: new Date(Date.now() - hour) });
  assert.deepEqual(past.SubscriptionOperations ?? [], []);
});

test('passwords in the parameters of a logged operation are written REDACTED', async () => {
  const raw = clientFor(emulator);
  await createStorage(raw, 'logvmstore');
  await client.createHostedService({ ServiceName: 'log-vm', Label: 'vm', Location: 'West US' });
  await createVm(raw, 'log-vm', { role: 'logvm', account: 'logvmstore' });
  await raw.close();
  const vm = (await allOperations()).find((o) => o.OperationName === 'CreateVirtualMachineDeployment')!;
  const text = JSON.stringify(vm.OperationParameters);
  assert.doesNotMatch(text, /Secret-Passw0rd/);
  assert.match(text, /UserPassword\\":\\"REDACTED/);
});

test('the log is paged: the continuation token leads to the next page; a bad token or window is refused', async () => {
  const before = (await allOperations()).length;
  for (let i = 0; i < PAGE_SIZE + 5; i++) await client.updateHostedService({ ServiceName: 'log-svc', Label: `l${i}` });
  const first = await client.listSubscriptionOperations(window());
  assert.equal(first.SubscriptionOperations?.length, PAGE_SIZE);
  assert.ok(first.ContinuationToken);
  const second = await client.listSubscriptionOperations({ ...window(), ContinuationToken: first.ContinuationToken });
  assert.equal(second.SubscriptionOperations?.length, before + 5);
  assert.equal(second.ContinuationToken, undefined);
  assert.equal((await allOperations()).length, before + PAGE_SIZE + 5);

  await assert.rejects(client.listSubscriptionOperations({ ...window(), ContinuationToken: 'nonsense' }), (e: BadRequestError) => e instanceof BadRequestError && /continuation token is not valid/.test(e.detail));
  await assert.rejects(client.listSubscriptionOperations({ StartTime: new Date(Date.now() - 91 * 24 * hour), EndTime: new Date() }),
    (e: BadRequestError) => e instanceof BadRequestError && /more than 90 days in the past/.test(e.detail));
  await assert.rejects(client.listSubscriptionOperations({ StartTime: new Date(), EndTime: new Date(Date.now() - hour) }),
    (e: BadRequestError) => e instanceof BadRequestError && /StartTime parameter must not be later than the EndTime/.test(e.detail));
});

test('a resource provider registers once and unregisters once; an unknown one is 404 as the service answered', async () => {
  assert.deepEqual(await client.listResourceTypes({ ResourceNames: 'website,mobileservice' }), [
    { Type: 'website', State: 'Unregistered', IsComplete: true }, { Type: 'mobileservice', State: 'Unregistered', IsComplete: true },
  ]);
  await (await client.registerResourceProvider({ ResourceName: 'website' })).wait();
  assert.deepEqual(await client.listResourceTypes({ ResourceNames: 'website' }), [{ Type: 'website', State: 'Registered', IsComplete: true }]);
  await assert.rejects(client.registerResourceProvider({ ResourceName: 'website' }),
    (e: ConflictError) => e instanceof ConflictError && e.detail === 'The resource type website is already registered for this subscription.');
  await assert.rejects(client.registerResourceProvider({ ResourceName: 'sqlserver' }),
    (e: ResourceNotFoundError) => e instanceof ResourceNotFoundError && e.detail === 'The service name is unknown.');
  await (await client.unregisterResourceProvider({ ResourceName: 'website' })).wait();
  await assert.rejects(client.unregisterResourceProvider({ ResourceName: 'website' }), ConflictError);
  assert.deepEqual(await client.listResourceTypes({ ResourceNames: 'website' }), [{ Type: 'website', State: 'Unregistered', IsComplete: true }]);
});
