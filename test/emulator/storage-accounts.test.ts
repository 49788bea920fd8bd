/**
 * Storage accounts: asynchronous creation, the name rules and global uniqueness (with the service's wording),
 * name availability, properties and endpoints, keys and their regeneration, updates and deletion.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { settle, storageBody, succeed } from './compute-fixtures.js';
import { NS, clientFor, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('CreateStorageAccount answers 202; the account exists once the operation completes, with its endpoints and secondary region', async () => {
  const created = await client.call('POST', '/services/storageservices', { body: storageBody('firststore', 'West US', 'Standard_GRS') });
  assert.equal(created.status, 202);
  assert.equal((await client.call('GET', '/services/storageservices/firststore')).status, 404, 'not before it completes');
  assert.match(await settle(client, created), /Succeeded/);
  const account = await client.call('GET', '/services/storageservices/firststore');
  assert.equal(account.status, 200);
  assert.match(account.text, new RegExp(`<Url>${emulator.url}/${emulator.subscriptionId}/services/storageservices/firststore</Url><ServiceName>firststore</ServiceName>`));
  assert.match(account.text, /<Status>Created<\/Status><Endpoints><Endpoint>https:\/\/firststore\.blob\.core\.windows\.net\/<\/Endpoint><Endpoint>https:\/\/firststore\.queue\.core\.windows\.net\/<\/Endpoint>/);
  assert.match(account.text, /<GeoPrimaryRegion>West US<\/GeoPrimaryRegion><StatusOfPrimary>Available<\/StatusOfPrimary><GeoSecondaryRegion>East US<\/GeoSecondaryRegion>/);
  assert.match((await client.call('GET', '/services/storageservices')).text, /<StorageServices [^>]+><StorageService><Url>[^<]+<\/Url><ServiceName>firststore<\/ServiceName>/);
});

test('storage account names are 3-24 lower-case letters and digits, unique across subscriptions', async () => {
  const invalid = await client.call('POST', '/services/storageservices', { body: storageBody('Not_Valid') });
  assert.equal(invalid.status, 400);
  assert.equal(errorOf(invalid.text).message, 'The name is not a valid storage account name. Storage account names must be between 3 and 24 characters in length and use numbers and lower-case letters only.');
  const again = await client.call('POST', '/services/storageservices', { body: storageBody('firststore') });
  assert.equal(again.status, 409);
  assert.equal(errorOf(again.text).message, "A storage account named 'firststore' already exists in the subscription.");
  const other = emulator.addSubscription({ certificate: emulator.clientCert.cert });
  const otherClient = clientFor(emulator, emulator.clientCert, other);
  try {
    const taken = await otherClient.call('POST', '/services/storageservices', { body: storageBody('firststore') });
    assert.equal(taken.status, 409);
    assert.equal(errorOf(taken.text).message, "The storage account named 'firststore' is already taken.");
    assert.equal(elementText((await otherClient.call('GET', '/services/storageservices/operations/isavailable/firststore')).text, 'Result'), 'false');
  } finally {
    await otherClient.close();
  }
});

test('CheckStorageAccountNameAvailability tells free, taken and invalid names apart', async () => {
  const check = async (name: string) => (await client.call('GET', `/services/storageservices/operations/isavailable/${name}`)).text;
  assert.match(await check('freename1'), /<Result>true<\/Result><\/AvailabilityResponse>$/);
  assert.match(await check('firststore'), /<Result>false<\/Result><Reason>A storage account named 'firststore' already exists in the subscription\.<\/Reason>/);
  assert.match(await check('AB'), /<Result>false<\/Result><Reason>The name is not a valid storage account name\./);
});

test('keys are read and regenerated one at a time', async () => {
  const keys = await client.call('GET', '/services/storageservices/firststore/keys');
  const primary = elementText(keys.text, 'Primary')!;
  const secondary = elementText(keys.text, 'Secondary')!;
  assert.equal(Buffer.from(primary, 'base64').length, 64);
  const regenerated = await client.call('POST', '/services/storageservices/firststore/keys?action=regenerate', { body: `<RegenerateKeys xmlns="${NS}"><KeyType>Primary</KeyType></RegenerateKeys>` });
  assert.equal(regenerated.status, 200);
  assert.notEqual(elementText(regenerated.text, 'Primary'), primary);
  assert.equal(elementText(regenerated.text, 'Secondary'), secondary);
});

test('UpdateStorageAccount changes the label, description, extended properties and account type (not to ZRS)', async () => {
  const label = Buffer.from('new label').toString('base64');
  const updated = await client.call('PUT', '/services/storageservices/firststore', {
    body: `<UpdateStorageServiceInput xmlns="${NS}"><Description>updated</Description><Label>${label}</Label><ExtendedProperties><ExtendedProperty><Name>team</Name><Value>ops</Value></ExtendedProperty></ExtendedProperties><AccountType>Standard_LRS</AccountType></UpdateStorageServiceInput>`,
  });
  assert.equal(updated.status, 200);
  const account = (await client.call('GET', '/services/storageservices/firststore')).text;
  assert.equal(elementText(account, 'Label'), label);
  assert.equal(elementText(account, 'AccountType'), 'Standard_LRS');
  assert.match(account, /<GeoSecondaryRegion><\/GeoSecondaryRegion>/, 'a locally redundant account has no secondary');
  assert.match(account, /<ExtendedProperty><Name>team<\/Name><Value>ops<\/Value><\/ExtendedProperty>/);
  const zrs = await client.call('PUT', '/services/storageservices/firststore', { body: `<UpdateStorageServiceInput xmlns="${NS}"><AccountType>Standard_ZRS</AccountType></UpdateStorageServiceInput>` });
  assert.equal(zrs.status, 400);
});

test('the older versions\' GeoReplicationEnabled and SecondaryReadEnabled choose the account type when AccountType is not given', async () => {
  const label = Buffer.from('old').toString('base64');
  const create = (name: string, inner: string) => `<CreateStorageServiceInput xmlns="${NS}"><ServiceName>${name}</ServiceName><Label>${label}</Label>`
    + `<Location>West US</Location>${inner}</CreateStorageServiceInput>`;
  const typeOf = async (name: string) => elementText((await client.call('GET', `/services/storageservices/${name}`)).text, 'AccountType');
  await succeed(client, 'POST', '/services/storageservices', create('oldlocal', '<GeoReplicationEnabled>false</GeoReplicationEnabled>'));
  assert.equal(await typeOf('oldlocal'), 'Standard_LRS');
  await succeed(client, 'POST', '/services/storageservices', create('oldreadable', '<GeoReplicationEnabled>true</GeoReplicationEnabled><SecondaryReadEnabled>true</SecondaryReadEnabled>'));
  assert.equal(await typeOf('oldreadable'), 'Standard_RAGRS');
  const geoOn = await client.call('PUT', '/services/storageservices/oldlocal', { body: `<UpdateStorageServiceInput xmlns="${NS}"><GeoReplicationEnabled>true</GeoReplicationEnabled></UpdateStorageServiceInput>` });
  assert.equal(geoOn.status, 200, geoOn.text);
  assert.equal(await typeOf('oldlocal'), 'Standard_GRS');
  for (const name of ['oldlocal', 'oldreadable']) assert.equal((await client.call('DELETE', `/services/storageservices/${name}`)).status, 200);
});

test('DeleteStorageAccount removes the account and frees its name', async () => {
  assert.equal((await client.call('DELETE', '/services/storageservices/firststore')).status, 200);
  assert.deepEqual(errorOf((await client.call('GET', '/services/storageservices/firststore')).text), { code: 'ResourceNotFound', message: "The storage account 'firststore' was not found." });
  assert.match((await client.call('GET', '/services/storageservices/operations/isavailable/firststore')).text, /<Result>true<\/Result>/);
  await succeed(client, 'POST', '/services/storageservices', storageBody('firststore'));
  const nowhere = await client.call('POST', '/services/storageservices', { body: storageBody('secondstore', 'Mars') });
  assert.equal(nowhere.status, 400);
  assert.match(errorOf(nowhere.text).message ?? '', /The location Mars is not valid/);
});
