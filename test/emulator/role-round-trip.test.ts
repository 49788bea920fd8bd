/**
 * The classic CLI changes a VM by reading its role (Get Role) and sending the document back (Update Role) with
 * its change: `azure vm extension set`, `vm endpoint acl-rule create`. The answer carries each endpoint's Vip,
 * which the service accepted back (xplat-cli/cli.vm.acl-tests, Update Role answered 202); the emulator refused it
 * as response-only, so every such CLI command failed with 400 (found by npm run crosscheck:cli).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { createService, createStorage, createVm, succeed } from './compute-fixtures.js';
import { clientFor, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;
const role = '/services/hostedservices/rt-svc/deployments/rt-svc/roles/vm1';

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = clientFor(emulator);
  await createStorage(client, 'rtstore');
  await createService(client, 'rt-svc');
  await createVm(client, 'rt-svc', { role: 'vm1', account: 'rtstore' });
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('a role sent back with the Vip its deployment shows on each endpoint is accepted; the Vip stays the assigned one', async () => {
  const deployment = await client.call('GET', '/services/hostedservices/rt-svc/deployments/rt-svc');
  const vip = /<InputEndpoint>.*?<Vip>([^<]+)<\/Vip>/.exec(deployment.text)?.[1];
  assert.ok(vip !== undefined, `Get Deployment returns the endpoint's Vip: ${deployment.text}`);
  const read = await client.call('GET', role);
  assert.equal(read.status, 200);
  // Where the CLI's serializer (azure-asm-compute beginUpdating) writes it: after Protocol; that serializer writes
  // no OsVersion (sent back, it is accepted and ignored: the next test).
  const withVip = (address: string) => read.text.replace(/<OsVersion>[^<]*<\/OsVersion>/, '').replace('<Protocol>tcp</Protocol>', `<Protocol>tcp</Protocol><Vip>${address}</Vip>`);
  await succeed(client, 'PUT', role, withVip(vip));
  await succeed(client, 'PUT', role, withVip('203.0.113.9'));
  const again = await client.call('GET', '/services/hostedservices/rt-svc/deployments/rt-svc');
  assert.equal(/<InputEndpoint>.*?<Vip>([^<]+)<\/Vip>/.exec(again.text)?.[1], vip, 'a Vip sent in is ignored: the service assigns it');
});

test('a role sent back with the OsVersion its Get Role shows is accepted and the value ignored (vm export, then vm create-from)', async () => {
  const read = await client.call('GET', role);
  assert.match(read.text, /<OsVersion\s*\/>|<OsVersion><\/OsVersion>/, 'a VM role has an empty OsVersion');
  const withOsVersion = read.text.replace(/<OsVersion\s*\/>|<OsVersion><\/OsVersion>/, '<OsVersion>WA-GUEST-OS-9.99</OsVersion>');
  await succeed(client, 'PUT', role, withOsVersion);
  const again = await client.call('GET', role);
  assert.doesNotMatch(again.text, /WA-GUEST-OS-9\.99/, 'the service sets OsVersion, not the caller');
});
