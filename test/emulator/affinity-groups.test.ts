/**
 * Affinity groups: create (201), get with what is in them, list, update, and delete, refused while a cloud
 * service or storage account is in the group, and for a name that cannot be one (as the recorded service did).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { succeed } from './compute-fixtures.js';
import { NS, XSI, clientFor, createBody, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;
const label = Buffer.from('group label').toString('base64');

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('CreateAffinityGroup answers 201 with a Location; Get shows the group and what is in it; List shows it', async () => {
  const created = await client.call('POST', '/affinitygroups', {
    body: `<CreateAffinityGroup xmlns="${NS}" xmlns:i="${XSI}"><Name>group1</Name><Label>${label}</Label><Description>first</Description><Location>West Europe</Location></CreateAffinityGroup>`,
  });
  assert.equal(created.status, 201);
  assert.equal(created.headers['location'], `${emulator.url}/subscriptions/${emulator.subscriptionId}/affinitygroup/group1`);
  await client.call('POST', '/services/hostedservices', { body: createBody('ag-svc', '<AffinityGroup>group1</AffinityGroup>') });
  await succeed(client, 'POST', '/services/storageservices', `<CreateStorageServiceInput xmlns="${NS}"><ServiceName>agstore</ServiceName><Label>${label}</Label><AffinityGroup>group1</AffinityGroup></CreateStorageServiceInput>`);
  const got = await client.call('GET', '/affinitygroups/group1');
  assert.match(got.text, new RegExp(`^<AffinityGroup [^>]+><Name>group1</Name><Label>${label}</Label><Description>first</Description><Location>West Europe</Location><HostedServices><HostedService><Url>[^<]+</Url><ServiceName>ag-svc</ServiceName>`));
  assert.match(got.text, /<StorageServices><StorageService><Url>[^<]+<\/Url><ServiceName>agstore<\/ServiceName><\/StorageService><\/StorageServices><Capabilities><Capability>PersistentVMRole<\/Capability><Capability>HighMemory<\/Capability><\/Capabilities><CreatedTime>/);
  assert.match((await client.call('GET', '/affinitygroups')).text, /<AffinityGroups [^>]+><AffinityGroup><Name>group1<\/Name>/);
  assert.equal(elementText((await client.call('GET', '/services/storageservices/agstore')).text, 'GeoPrimaryRegion'), 'West Europe', 'the account is where the group is');
});

test('an affinity group in use cannot be deleted; once empty it can', async () => {
  const refused = await client.call('DELETE', '/affinitygroups/group1');
  assert.equal(refused.status, 400);
  assert.match(errorOf(refused.text).message ?? '', /The affinity group group1 is in use by ag-svc/);
  await client.call('DELETE', '/services/hostedservices/ag-svc');
  await client.call('DELETE', '/services/storageservices/agstore');
  assert.equal((await client.call('DELETE', '/affinitygroups/group1')).status, 200);
  assert.deepEqual(errorOf((await client.call('GET', '/affinitygroups/group1')).text), { code: 'ResourceNotFound', message: 'The affinity group does not exist.' });
});

test('UpdateAffinityGroup changes the label and description; names that cannot be groups are refused', async () => {
  await client.call('POST', '/affinitygroups', { body: `<CreateAffinityGroup xmlns="${NS}"><Name>group2</Name><Label>${label}</Label><Location>West US</Location></CreateAffinityGroup>` });
  const newLabel = Buffer.from('renamed').toString('base64');
  assert.equal((await client.call('PUT', '/affinitygroups/group2', { body: `<UpdateAffinityGroup xmlns="${NS}"><Label>${newLabel}</Label><Description>second</Description></UpdateAffinityGroup>` })).status, 200);
  const got = (await client.call('GET', '/affinitygroups/group2')).text;
  assert.equal(elementText(got, 'Label'), newLabel);
  assert.equal(elementText(got, 'Description'), 'second');
  assert.equal((await client.call('POST', '/affinitygroups', { body: `<CreateAffinityGroup xmlns="${NS}"><Name>group2</Name><Label>${label}</Label><Location>West US</Location></CreateAffinityGroup>` })).status, 409);
  const invalid = await client.call('DELETE', '/affinitygroups/!NotValid%24');
  assert.deepEqual(errorOf(invalid.text), { code: 'BadRequest', message: 'The affinity group name is invalid.' });
  assert.equal((await client.call('GET', '/affinitygroups/!NotValid%24')).status, 404);
});
