/**
 * Deployments: a VM deployment appears when its operation completes and its instance provisions before it is
 * ReadyRole; slots hold one deployment each; swapping trades slots; package deployments run the .cscfg's
 * instance counts, take new configurations and upgrades (at once, or domain by domain); deletion frees the slot.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { accept, createService, createStorage, createVm, settle, succeed, vmDeploymentBody } from './compute-fixtures.js';
import { NS, clientFor, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  client = clientFor(emulator);
  await createStorage(client, 'deploystore');
});
after(async () => {
  await client.close();
  await emulator.close();
});

const statuses = (text: string) => [...text.matchAll(/<InstanceStatus>([^<]*)<\/InstanceStatus>/g)].map((m) => m[1]);
const b64 = (text: string) => Buffer.from(text).toString('base64');

test('a VM deployment appears when its operation completes, then its instance provisions before it is ReadyRole', async () => {
  await createService(client, 'dep-vm');
  const created = await client.call('POST', '/services/hostedservices/dep-vm/deployments', { body: vmDeploymentBody('d1', 'Staging', { role: 'web1', account: 'deploystore' }) });
  assert.equal(created.status, 202);
  assert.equal(created.text, '');
  const early = await client.call('GET', '/services/hostedservices/dep-vm/deployments/d1');
  assert.equal(early.status, 404, 'nothing changes before the operation completes');
  assert.deepEqual(errorOf(early.text), { code: 'ResourceNotFound', message: "The deployment name 'd1' does not exist." });
  assert.match(await settle(client, created), /<Status>Succeeded<\/Status><HttpStatusCode>200<\/HttpStatusCode>/);

  const first = await client.call('GET', '/services/hostedservices/dep-vm/deploymentslots/staging');
  assert.equal(first.status, 200);
  assert.deepEqual(statuses(first.text), ['Provisioning']);
  assert.match(first.text, /^<Deployment xmlns="[^"]+" xmlns:i="[^"]+"><Name>d1<\/Name><DeploymentSlot>Staging<\/DeploymentSlot><PrivateID>[0-9a-f]{32}<\/PrivateID><Status>Running<\/Status>/);
  assert.match(first.text, /<Url>http:\/\/[0-9a-f]{32}\.cloudapp\.net\/<\/Url>/, 'a staging deployment is reached through its private id');
  assert.match(first.text, /<RoleList><Role><RoleName>web1<\/RoleName><OsVersion><\/OsVersion><RoleType>PersistentVMRole<\/RoleType><ConfigurationSets><ConfigurationSet><ConfigurationSetType>NetworkConfiguration<\/ConfigurationSetType>/);
  assert.doesNotMatch(first.text, /Secret-Passw0rd|LinuxProvisioningConfiguration/, 'provisioning sets are never answered');
  const byName = await client.call('GET', '/services/hostedservices/dep-vm/deployments/d1');
  assert.deepEqual(statuses(byName.text), ['ReadyRole']);
  assert.match(byName.text, /<InstanceEndpoints><InstanceEndpoint><Name>SSH<\/Name><Vip>[\d.]+<\/Vip><PublicPort>22<\/PublicPort><LocalPort>22<\/LocalPort><Protocol>tcp<\/Protocol><\/InstanceEndpoint><\/InstanceEndpoints><PowerState>Started<\/PowerState>/);
});

test('a slot holds one deployment, and a deployment name is used once per service', async () => {
  await createService(client, 'dep-slots');
  await createVm(client, 'dep-slots', { role: 'a', account: 'deploystore', deployment: 'first', slot: 'Production' });
  const occupied = await client.call('POST', '/services/hostedservices/dep-slots/deployments', { body: vmDeploymentBody('second', 'Production', { role: 'b', account: 'deploystore' }) });
  assert.equal(occupied.status, 409);
  assert.deepEqual(errorOf(occupied.text), { code: 'ConflictError', message: 'The specified deployment slot Production is occupied.' });
  const sameName = await client.call('POST', '/services/hostedservices/dep-slots/deployments', { body: vmDeploymentBody('first', 'Staging', { role: 'b', account: 'deploystore' }) });
  assert.equal(sameName.status, 409);
  const empty = await client.call('GET', '/services/hostedservices/dep-slots/deploymentslots/Staging');
  assert.deepEqual(errorOf(empty.text), { code: 'ResourceNotFound', message: 'No deployments were found.' });
});

test('an operation on a deployment holds it: another change is refused with the holder request id until it completes', async () => {
  await createService(client, 'dep-busy');
  await createVm(client, 'dep-busy', { role: 'vm', account: 'deploystore' });
  const shutdown = await client.call('POST', '/services/hostedservices/dep-busy/deployments/dep-busy/roleinstances/vm/Operations', {
    body: `<ShutdownRoleOperation xmlns="${NS}"><OperationType>ShutdownRoleOperation</OperationType></ShutdownRoleOperation>`,
  });
  assert.equal(shutdown.status, 202);
  const refused = await client.call('DELETE', '/services/hostedservices/dep-busy/deployments/dep-busy');
  assert.equal(refused.status, 409);
  assert.equal(errorOf(refused.text).message, `Windows Azure is currently performing an operation with x-ms-requestid ${String(shutdown.headers['x-ms-request-id'])} on this deployment that requires exclusive access.`);
  assert.match(await settle(client, shutdown), /Succeeded/);
  await succeed(client, 'DELETE', '/services/hostedservices/dep-busy/deployments/dep-busy');
  assert.equal((await client.call('GET', '/services/hostedservices/dep-busy/deployments/dep-busy')).status, 404);
});

test('SwapDeployment promotes staging to an empty production slot, then trades the two deployments and keeps the production IP', async () => {
  await createService(client, 'dep-swap');
  await createVm(client, 'dep-swap', { role: 'v1', account: 'deploystore', deployment: 'v1', slot: 'Staging' });
  const swap = (production: string) => `<Swap xmlns="${NS}">${production}<SourceDeployment>v1</SourceDeployment></Swap>`;
  await succeed(client, 'POST', '/services/hostedservices/dep-swap', swap(''));
  const promoted = await client.call('GET', '/services/hostedservices/dep-swap/deploymentslots/Production');
  assert.equal(elementText(promoted.text, 'Name'), 'v1');
  assert.match(promoted.text, /<Url>http:\/\/dep-swap\.cloudapp\.net\/<\/Url>/);
  const productionIp = elementText(promoted.text, 'Address');

  await createVm(client, 'dep-swap', { role: 'v2', account: 'deploystore', deployment: 'v2', slot: 'Staging' });
  const wrong = await client.call('POST', '/services/hostedservices/dep-swap', { body: `<Swap xmlns="${NS}"><Production>v2</Production><SourceDeployment>v1</SourceDeployment></Swap>` });
  assert.equal(wrong.status, 400, 'v1 is not in staging any more');
  await succeed(client, 'POST', '/services/hostedservices/dep-swap', `<Swap xmlns="${NS}"><Production>v1</Production><SourceDeployment>v2</SourceDeployment></Swap>`);
  const production = await client.call('GET', '/services/hostedservices/dep-swap/deploymentslots/Production');
  assert.equal(elementText(production.text, 'Name'), 'v2');
  assert.equal(elementText(production.text, 'Address'), productionIp);
  assert.equal(elementText((await client.call('GET', '/services/hostedservices/dep-swap/deploymentslots/Staging')).text, 'Name'), 'v1');
});

test('UpdateDeploymentStatus suspends (instances StoppedVM) and runs a deployment again (StartingVM, then ReadyRole)', async () => {
  await createService(client, 'dep-status');
  await createVm(client, 'dep-status', { role: 'vm', account: 'deploystore' });
  const status = (value: string) => `<UpdateDeploymentStatus xmlns="${NS}"><Status>${value}</Status></UpdateDeploymentStatus>`;
  await succeed(client, 'POST', '/services/hostedservices/dep-status/deploymentslots/Production/?comp=status', status('Suspended'));
  const suspended = await client.call('GET', '/services/hostedservices/dep-status/deployments/dep-status');
  assert.equal(elementText(suspended.text, 'Status'), 'Suspended');
  assert.deepEqual(statuses(suspended.text), ['StoppedVM']);
  await succeed(client, 'POST', '/services/hostedservices/dep-status/deployments/dep-status/?comp=status', status('Running'));
  const reads = [await client.call('GET', '/services/hostedservices/dep-status/deployments/dep-status'), await client.call('GET', '/services/hostedservices/dep-status/deployments/dep-status')];
  assert.deepEqual(reads.map((r) => statuses(r.text)[0]), ['StartingVM', 'ReadyRole']);
});

const cscfg = (web: number, worker: number) => b64(`<?xml version="1.0"?><ServiceConfiguration serviceName="app" osFamily="4" osVersion="*" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration">`
  + `<Role name="WebRole1"><Instances count="${web}" /></Role><Role name="WorkerRole1"><Instances count="${worker}" /></Role></ServiceConfiguration>`);
const packageUrl = 'https://deploystore.blob.core.windows.net/packages/app.cspkg';

test('a package deployment runs the instances its configuration asks for; a new configuration changes the counts', async () => {
  await createService(client, 'dep-paas');
  await succeed(client, 'POST', '/services/hostedservices/dep-paas/deploymentslots/production', `<CreateDeployment xmlns="${NS}"><Name>v1</Name>`
    + `<PackageUrl>${packageUrl}</PackageUrl><Label>${b64('v1')}</Label><Configuration>${cscfg(2, 1)}</Configuration><StartDeployment>true</StartDeployment></CreateDeployment>`);
  const created = await client.call('GET', '/services/hostedservices/dep-paas/deployments/v1');
  assert.deepEqual([...created.text.matchAll(/<InstanceName>([^<]*)<\/InstanceName>/g)].map((m) => m[1]), ['WebRole1_IN_0', 'WebRole1_IN_1', 'WorkerRole1_IN_0']);
  assert.equal(elementText(created.text, 'UpgradeDomainCount'), '5');
  assert.match(created.text, /<OsVersion>WA-GUEST-OS-4\.\d+_\d{6}-01<\/OsVersion>/, 'the newest guest OS of family 4');
  await succeed(client, 'POST', '/services/hostedservices/dep-paas/deployments/v1/?comp=config', `<ChangeConfiguration xmlns="${NS}"><Configuration>${cscfg(1, 3)}</Configuration></ChangeConfiguration>`);
  const changed = await client.call('GET', '/services/hostedservices/dep-paas/deployments/v1');
  assert.deepEqual([...changed.text.matchAll(/<InstanceName>([^<]*)<\/InstanceName>/g)].map((m) => m[1]), ['WebRole1_IN_0', 'WorkerRole1_IN_0', 'WorkerRole1_IN_1', 'WorkerRole1_IN_2']);
  const badRole = await client.call('POST', '/services/hostedservices/dep-paas/deployments/v1/?comp=config', {
    body: `<ChangeConfiguration xmlns="${NS}"><Configuration>${b64('<ServiceConfiguration><Role name="Other"><Instances count="1"/></Role></ServiceConfiguration>')}</Configuration></ChangeConfiguration>`,
  });
  assert.equal(badRole.status, 400);
});

test('a manual upgrade is walked domain by domain; an automatic one applies at once', async () => {
  await createService(client, 'dep-upgrade');
  await succeed(client, 'POST', '/services/hostedservices/dep-upgrade/deploymentslots/Staging', `<CreateDeployment xmlns="${NS}"><Name>u1</Name>`
    + `<PackageUrl>${packageUrl}</PackageUrl><Label>${b64('u1')}</Label><Configuration>${cscfg(1, 1)}</Configuration></CreateDeployment>`);
  assert.equal(elementText((await client.call('GET', '/services/hostedservices/dep-upgrade/deployments/u1')).text, 'Status'), 'Suspended', 'StartDeployment was not asked');
  const upgrade = (mode: string) => `<UpgradeDeployment xmlns="${NS}"><Mode>${mode}</Mode><PackageUrl>${packageUrl}2</PackageUrl><Configuration>${cscfg(1, 1)}</Configuration><Label>${b64('u2')}</Label></UpgradeDeployment>`;
  await succeed(client, 'POST', '/services/hostedservices/dep-upgrade/deployments/u1/?comp=upgrade', upgrade('Manual'));
  const manual = await client.call('GET', '/services/hostedservices/dep-upgrade/deployments/u1');
  assert.match(manual.text, /<UpgradeStatus><UpgradeType>Manual<\/UpgradeType><CurrentUpgradeDomainState>Before<\/CurrentUpgradeDomainState><CurrentUpgradeDomain>0<\/CurrentUpgradeDomain><\/UpgradeStatus>/);
  const walk = (domain: number) => `<WalkUpgradeDomain xmlns="${NS}"><UpgradeDomain>${domain}</UpgradeDomain></WalkUpgradeDomain>`;
  assert.equal((await client.call('POST', '/services/hostedservices/dep-upgrade/deployments/u1/?comp=walkupgradedomain', { body: walk(3) })).status, 400);
  for (let domain = 0; domain < 5; domain++) await succeed(client, 'POST', '/services/hostedservices/dep-upgrade/deploymentslots/Staging/?comp=walkupgradedomain', walk(domain));
  const walked = await client.call('GET', '/services/hostedservices/dep-upgrade/deployments/u1');
  assert.doesNotMatch(walked.text, /<UpgradeStatus>/);
  assert.equal(elementText(walked.text, 'Label'), b64('u2'));
  await succeed(client, 'POST', '/services/hostedservices/dep-upgrade/deployments/u1/?comp=upgrade', upgrade('Auto'));
  assert.doesNotMatch((await client.call('GET', '/services/hostedservices/dep-upgrade/deployments/u1')).text, /<UpgradeStatus>/);
});

test('a deployment that cannot be made fails its operation with the service error when the world changed meanwhile', async () => {
  await createService(client, 'dep-race');
  const body = (name: string) => vmDeploymentBody(name, 'Production', { role: name, account: 'deploystore' });
  const one = await client.call('POST', '/services/hostedservices/dep-race/deployments', { body: body('one') });
  const two = await client.call('POST', '/services/hostedservices/dep-race/deployments', { body: body('two') });
  assert.equal(one.status, 202);
  assert.equal(two.status, 202, 'both were valid when they arrived');
  assert.match(await settle(client, one), /Succeeded/);
  const failed = await settle(client, two);
  assert.match(failed, /<Status>Failed<\/Status><HttpStatusCode>409<\/HttpStatusCode><Error><Code>ConflictError<\/Code><Message>The specified deployment slot Production is occupied\.<\/Message><\/Error>/);
});

test('GetHostedService with embed-detail=true shows the deployments', async () => {
  await createService(client, 'dep-embed');
  await createVm(client, 'dep-embed', { role: 'vm', account: 'deploystore' });
  const detail = await client.call('GET', '/services/hostedservices/dep-embed?embed-detail=true');
  assert.match(detail.text, /<\/HostedServiceProperties><Deployments><Deployment><Name>dep-embed<\/Name><DeploymentSlot>Production<\/DeploymentSlot>/);
  assert.doesNotMatch((await client.call('GET', '/services/hostedservices/dep-embed')).text, /<Deployments>/);
  await accept(client, 'DELETE', '/services/hostedservices/dep-embed/deployments/dep-embed?comp=media');
});
