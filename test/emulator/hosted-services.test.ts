import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { createStorage, createVm, succeed } from './compute-fixtures.js';
import { NS, XSI, clientFor, createBody, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;

before(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('ListLocations answers the preloaded locations with services and role sizes', async () => {
  const answer = await client.call('GET', '/locations');
  assert.equal(answer.status, 200);
  assert.match(answer.text, /^<Locations xmlns="http:\/\/schemas.microsoft.com\/windowsazure" xmlns:i="http:\/\/www.w3.org\/2001\/XMLSchema-instance">/);
  const names = [...answer.text.matchAll(/<Location><Name>([^<]*)<\/Name>/g)].map((m) => m[1]);
  assert.deepEqual(names, ['West US', 'East US', 'North Europe', 'West Europe', 'East Asia', 'Southeast Asia']);
  assert.match(answer.text, /<AvailableServices><AvailableService>Compute<\/AvailableService>/);
  assert.match(answer.text, /<VirtualMachinesRoleSizes>(<RoleSize>[^<]+<\/RoleSize>)+<\/VirtualMachinesRoleSizes>/);
});

test('CreateHostedService answers 201 with an empty body and a Location header; Get and List show the service', async () => {
  const created = await client.call('POST', '/services/hostedservices', {
    body: createBody('svc-create', '<Description>first</Description><Location>West US</Location>'
      + '<ExtendedProperties><ExtendedProperty><Name>ext1</Name><Value>v1</Value></ExtendedProperty></ExtendedProperties>'),
    headers: { 'content-type': 'application/atom+xml;type=entry;charset=utf-8' },
  });
  assert.equal(created.status, 201);
  assert.equal(created.text, '');
  assert.equal(created.headers['location'], `${emulator.url}/subscriptions/${emulator.subscriptionId}/compute/svc-create`);
  assert.match(String(created.headers['x-ms-request-id']), /^[0-9a-f]{32}$/);

  const got = await client.call('GET', '/services/hostedservices/svc-create?embed-detail=false');
  assert.equal(got.status, 200);
  assert.match(got.text, new RegExp(`^<HostedService xmlns="${NS}" xmlns:i="${XSI}"><Url>${emulator.url}/${emulator.subscriptionId}/services/hostedservices/svc-create</Url><ServiceName>svc-create</ServiceName><HostedServiceProperties><Description>first</Description><Location>West US</Location><Label>${Buffer.from('svc-create').toString('base64')}</Label><Status>Created</Status><DateCreated>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</DateCreated>`));
  assert.match(got.text, /<ExtendedProperties><ExtendedProperty><Name>ext1<\/Name><Value>v1<\/Value><\/ExtendedProperty><\/ExtendedProperties>/);

  const listed = await client.call('GET', '/services/hostedservices');
  assert.equal(listed.status, 200);
  assert.match(listed.text, /^<HostedServices [^>]*><HostedService><Url>/);
  assert.match(listed.text, /<ServiceName>svc-create<\/ServiceName>/);
  assert.match(listed.text, /<ComputeCapabilities><WebWorkerRoleSizes>/, 'the list shows the role sizes the service offers');
});

test('path segments match case-insensitively and names are case-insensitive', async () => {
  await client.call('POST', '/services/hostedservices', { body: createBody('CaseSvc') });
  const answer = await client.call('GET', '/Services/HostedServices/casesvc');
  assert.equal(answer.status, 200);
  assert.equal(elementText(answer.text, 'ServiceName'), 'CaseSvc');
});

test('a second CreateHostedService with a taken name answers 409 ConflictError, in any subscription', async () => {
  await client.call('POST', '/services/hostedservices', { body: createBody('svc-dup') });
  const again = await client.call('POST', '/services/hostedservices', { body: createBody('SVC-DUP') });
  assert.equal(again.status, 409);
  assert.deepEqual(errorOf(again.text), { code: 'ConflictError', message: 'The specified DNS name is already taken.' });
  const other = emulator.addSubscription({ certificate: emulator.clientCert.cert });
  const otherClient = clientFor(emulator, emulator.clientCert, other);
  try {
    assert.equal((await otherClient.call('POST', '/services/hostedservices', { body: createBody('svc-dup') })).status, 409);
  } finally {
    await otherClient.close();
  }
});

test('CreateHostedService needs exactly one of Location and AffinityGroup, and a known location', async () => {
  const neither = await client.call('POST', '/services/hostedservices', { body: createBody('svc-nowhere', '') });
  assert.equal(neither.status, 400);
  assert.equal(errorOf(neither.text).code, 'BadRequest');
  const both = await client.call('POST', '/services/hostedservices', {
    body: createBody('svc-both', '<Location>West US</Location><AffinityGroup>ag1</AffinityGroup>'),
  });
  assert.equal(both.status, 400);
  const unknown = await client.call('POST', '/services/hostedservices', { body: createBody('svc-mars', '<Location>Mars</Location>') });
  assert.equal(unknown.status, 400);
  assert.match(errorOf(unknown.text).message ?? '', /Mars/);
});

test('GetHostedService of a missing service answers 404 ResourceNotFound', async () => {
  const answer = await client.call('GET', '/services/hostedservices/nope');
  assert.equal(answer.status, 404);
  assert.deepEqual(errorOf(answer.text), { code: 'ResourceNotFound', message: 'The hosted service does not exist.' });
});

test('UpdateHostedService changes the label and description and merges extended properties', async () => {
  await client.call('POST', '/services/hostedservices', {
    body: createBody('svc-update', '<Location>East US</Location><ExtendedProperties><ExtendedProperty><Name>a</Name><Value>1</Value></ExtendedProperty><ExtendedProperty><Name>b</Name><Value>2</Value></ExtendedProperty></ExtendedProperties>'),
  });
  const updated = await client.call('PUT', '/services/hostedservices/svc-update', {
    body: `<UpdateHostedService xmlns="${NS}"><Label>${Buffer.from('new label').toString('base64')}</Label><Description>new</Description>`
      + '<ExtendedProperties><ExtendedProperty><Name>a</Name><Value>9</Value></ExtendedProperty><ExtendedProperty><Name>c</Name><Value>3</Value></ExtendedProperty></ExtendedProperties></UpdateHostedService>',
  });
  assert.equal(updated.status, 200);
  assert.equal(updated.text, '');
  const got = await client.call('GET', '/services/hostedservices/svc-update');
  assert.equal(elementText(got.text, 'Label'), Buffer.from('new label').toString('base64'));
  assert.equal(elementText(got.text, 'Description'), 'new');
  const pairs = [...got.text.matchAll(/<Name>([^<]*)<\/Name><Value>([^<]*)<\/Value>/g)].map((m) => `${m[1]}=${m[2]}`);
  assert.deepEqual(pairs, ['a=9', 'b=2', 'c=3']);
  const empty = await client.call('PUT', '/services/hostedservices/svc-update', { body: `<UpdateHostedService xmlns="${NS}"/>` });
  assert.equal(empty.status, 400, 'Label or Description is required');
});

test('CheckHostedServiceNameAvailability tells taken, invalid and free names apart', async () => {
  await client.call('POST', '/services/hostedservices', { body: createBody('svc-taken') });
  const taken = await client.call('GET', '/services/hostedservices/operations/isavailable/svc-taken');
  assert.equal(taken.status, 200);
  assert.equal(elementText(taken.text, 'Result'), 'false');
  assert.equal(elementText(taken.text, 'Reason'), 'A hosted service with the specified name already exists.');
  const invalid = await client.call('GET', '/services/hostedservices/operations/isavailable/-bad-');
  assert.equal(elementText(invalid.text, 'Result'), 'false');
  const free = await client.call('GET', '/services/hostedservices/operations/isavailable/svc-free');
  assert.equal(elementText(free.text, 'Result'), 'true');
});

test('DeleteHostedService without comp=media answers 200 at once; the service is gone', async () => {
  await client.call('POST', '/services/hostedservices', { body: createBody('svc-delete') });
  const deleted = await client.call('DELETE', '/services/hostedservices/svc-delete', {
    headers: { 'content-type': 'application/atom+xml;type=entry;charset=utf-8', 'content-length': '0' },
  });
  assert.equal(deleted.status, 200);
  assert.equal((await client.call('GET', '/services/hostedservices/svc-delete')).status, 404);
  // Clients poll synchronous request ids too: the operation shows Succeeded with the request's status.
  const status = await client.call('GET', `/operations/${String(deleted.headers['x-ms-request-id'])}`);
  assert.equal(elementText(status.text, 'Status'), 'Succeeded');
  assert.equal(elementText(status.text, 'HttpStatusCode'), '200');
});

test('DeleteHostedService without comp=media is refused with 409 while deployments exist; with it, deployments and disks go', async () => {
  await client.call('POST', '/services/hostedservices', { body: createBody('svc-busy') });
  await createStorage(client, 'busystore');
  await createVm(client, 'svc-busy', { role: 'vm1', account: 'busystore' });
  const refused = await client.call('DELETE', '/services/hostedservices/svc-busy');
  assert.equal(refused.status, 409);
  assert.equal(errorOf(refused.text).code, 'ConflictError');
  assert.equal((await client.call('GET', '/services/hostedservices/svc-busy')).status, 200);
  await succeed(client, 'DELETE', '/services/hostedservices/svc-busy?comp=media');
  assert.equal((await client.call('GET', '/services/hostedservices/svc-busy')).status, 404);
  assert.doesNotMatch((await client.call('GET', '/services/disks')).text, /svc-busy/, 'the OS disk went with the service');
});

test('JSON: a JSON body creates a service, and Accept: application/json answers JSON with base64 labels', async () => {
  const created = await client.call('POST', '/services/hostedservices', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ServiceName: 'svc-json', Label: Buffer.from('json label').toString('base64'), Location: 'North Europe' }),
  });
  assert.equal(created.status, 201);
  const got = await client.call('GET', '/services/hostedservices/svc-json', { headers: { accept: 'application/json' } });
  assert.equal(got.status, 200);
  assert.equal(got.headers['content-type'], 'application/json; charset=utf-8');
  const body = JSON.parse(got.text) as { ServiceName: string; HostedServiceProperties: { Label: string; Location: string; DateCreated: string } };
  assert.equal(body.ServiceName, 'svc-json');
  assert.equal(body.HostedServiceProperties.Label, Buffer.from('json label').toString('base64'));
  assert.equal(body.HostedServiceProperties.Location, 'North Europe');
  assert.match(body.HostedServiceProperties.DateCreated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const missing = await client.call('GET', '/services/hostedservices/none', { headers: { accept: 'application/json' } });
  assert.deepEqual(JSON.parse(missing.text), { Code: 'ResourceNotFound', Message: 'The hosted service does not exist.' });
});

test('unknown paths answer 404 ResourceNotFound; a known path with another verb answers 400 InvalidHttpVerb', async () => {
  const unknown = await client.call('GET', '/services/nothing/here');
  assert.equal(unknown.status, 404);
  assert.equal(errorOf(unknown.text).code, 'ResourceNotFound');
  const verb = await client.call('PATCH', '/services/hostedservices/svc-create');
  assert.equal(verb.status, 400);
  assert.equal(errorOf(verb.text).code, 'InvalidHttpVerb');
  assert.equal(verb.headers['allow'], 'DELETE, GET, POST, PUT', 'GET/PUT/DELETE the service, POST swaps its deployments');
});

test('an unknown comp value is refused rather than ignored', async () => {
  const answer = await client.call('DELETE', '/services/hostedservices/svc-create?comp=everything');
  assert.equal(answer.status, 400);
  assert.equal(errorOf(answer.text).code, 'MissingOrInvalidRequiredQueryParameter');
  assert.equal((await client.call('GET', '/services/hostedservices/svc-create')).status, 200);
});
