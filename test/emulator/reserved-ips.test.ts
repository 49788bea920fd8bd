/**
 * Reserved IPs: created and deleted asynchronously, associated with a deployment (which then answers on the
 * reserved address and shows as its user), and deletion refused while in use.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { createService, createStorage, createVm, succeed } from './compute-fixtures.js';
import { NS, XSI, clientFor, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;
const association = `<ReservedIPAssociation xmlns="${NS}"><ServiceName>rip-svc</ServiceName><DeploymentName>rip-svc</DeploymentName></ReservedIPAssociation>`;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('CreateReservedIP reserves an address in a location; Get and List show it', async () => {
  await succeed(client, 'POST', '/services/networking/reservedips', `<ReservedIP xmlns="${NS}" xmlns:i="${XSI}"><Name>ip1</Name><Label>mylabel</Label><Location>West US</Location></ReservedIP>`);
  const got = await client.call('GET', '/services/networking/reservedips/ip1');
  assert.match(got.text, /^<ReservedIP [^>]+><Name>ip1<\/Name><Address>\d+\.\d+\.\d+\.\d+<\/Address><Id>[0-9a-f-]{36}<\/Id><Label>mylabel<\/Label><State>Created<\/State><Location>West US<\/Location><\/ReservedIP>$/);
  assert.match((await client.call('GET', '/services/networking/reservedips')).text, /<ReservedIPs [^>]+><ReservedIP><Name>ip1<\/Name>/);
  assert.equal(elementText((await client.call('GET', '')).text, 'CurrentReservedIPs'), '1');
  assert.equal((await client.call('POST', '/services/networking/reservedips', { body: `<ReservedIP xmlns="${NS}"><Name>ip1</Name><Location>West US</Location></ReservedIP>` })).status, 409);
});

test('an associated reserved IP becomes the deployment\'s address and cannot be deleted until disassociated', async () => {
  await createStorage(client, 'ripstore');
  await createService(client, 'rip-svc');
  await createVm(client, 'rip-svc', { role: 'vm', account: 'ripstore' });
  const address = elementText((await client.call('GET', '/services/networking/reservedips/ip1')).text, 'Address');
  await succeed(client, 'POST', '/services/networking/reservedips/ip1/operations/associate', association);
  assert.match((await client.call('GET', '/services/networking/reservedips/ip1')).text, /<InUse>true<\/InUse><ServiceName>rip-svc<\/ServiceName><DeploymentName>rip-svc<\/DeploymentName>/);
  assert.match((await client.call('GET', '/services/hostedservices/rip-svc/deployments/rip-svc')).text, new RegExp(`<VirtualIPs><VirtualIP><Address>${address!.replace(/\./g, '\\.')}</Address>`));
  const refused = await client.call('DELETE', '/services/networking/reservedips/ip1');
  assert.equal(refused.status, 400);
  assert.match(errorOf(refused.text).message ?? '', /in use by deployment rip-svc of hosted service rip-svc/);
  await succeed(client, 'POST', '/services/networking/reservedips/ip1/operations/disassociate', association);
  await succeed(client, 'DELETE', '/services/networking/reservedips/ip1');
  assert.equal((await client.call('GET', '/services/networking/reservedips/ip1')).status, 404);
});
