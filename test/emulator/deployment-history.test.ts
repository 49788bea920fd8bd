/**
 * Rolling back an upgrade in progress, copying a deployment's package to a container, and the reboot events of
 * its instances, through the typed client: rollback only while a Manual upgrade is walked, Force needed to lose
 * instances, Auto at once and Manual walked; GetPackage validates its container and keeps existing blobs unless
 * told to overwrite; events follow the reboots and reimages the emulator carried out, in their time window.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BadRequestError, ConflictError, type ServiceManagementClient } from '../../generated/index.js';
import type { Emulator } from '../../src/emulator/server.js';
import { typedClientFor } from '../support/typed-client.js';
import { createStorage } from './compute-fixtures.js';
import { clientFor, startTestEmulator } from './helpers.js';

let emulator: Emulator;
let client: ServiceManagementClient;

const cscfg = (web: number) => '<ServiceConfiguration serviceName="app" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration">'
  + `<Role name="WebRole1"><Instances count="${web}" /></Role></ServiceConfiguration>`;
const packageUrl = 'https://histstore.blob.core.windows.net/packages/app.cspkg';
const detail = (pattern: RegExp, type: new (...args: never[]) => Error = BadRequestError) => (e: Error & { detail?: string }) => e instanceof type && pattern.test(e.detail ?? '');
const name = { ServiceName: 'hist-svc', DeploymentName: 'hist' };

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  const raw = clientFor(emulator);
  await createStorage(raw, 'histstore');
  await raw.close();
  await client.createHostedService({ ServiceName: 'hist-svc', Label: 'history', Location: 'West US' });
  await client.createDeployment({ ServiceName: 'hist-svc', DeploymentSlot: 'Production', Name: 'hist', PackageUrl: packageUrl, Label: 'v1', Configuration: cscfg(2), StartDeployment: true }, { wait: true });
});
after(async () => {
  await client.close();
  await emulator.close();
});

const manualUpgrade = (web: number) => client.upgradeDeployment({ ...name, Mode: 'Manual', PackageUrl: `${packageUrl}2`, Configuration: cscfg(web), Label: 'v2' }, { wait: true });

test('a rollback needs an upgrade in progress, Force to lose instances, and in Auto mode restores the previous package at once', async () => {
  await assert.rejects(client.rollbackUpdateOrUpgrade({ ...name, Mode: 'Auto', Force: false }), detail(/No upgrade of deployment hist is in progress/));
  await manualUpgrade(3);
  await client.walkUpgradeDomain({ ...name, UpgradeDomain: 0 }, { wait: true });
  let deployment = await client.getDeployment(name);
  assert.deepEqual([deployment.Label, deployment.RollbackAllowed, deployment.UpgradeStatus?.CurrentUpgradeDomain, deployment.RoleInstanceList?.length], ['v2', true, 1, 3]);

  await assert.rejects(client.rollbackUpdateOrUpgrade({ ...name, Mode: 'Auto', Force: false }), detail(/would delete 1 role instance\(s\) and their local data; set Force to true/));
  await client.rollbackUpdateOrUpgrade({ ...name, Mode: 'Auto', Force: true }, { wait: true });
  deployment = await client.getDeployment(name);
  assert.deepEqual([deployment.Label, deployment.RollbackAllowed, deployment.UpgradeStatus, deployment.RoleInstanceList?.length], ['v1', false, undefined, 2]);
  // The package is not in GetDeployment's answer; the emulator's record shows the rolled-back one.
  assert.equal(emulator.state.subscription(emulator.subscriptionId)!.hostedServices.get('hist-svc')!.deployments.get('hist')!.PackageUrl, packageUrl);
  assert.match(deployment.Configuration ?? '', /count="2"/);
  await assert.rejects(client.rollbackUpdateOrUpgrade({ ...name, Mode: 'Auto', Force: true }), detail(/nothing to roll back/));
});

test('a Manual rollback by slot is walked domain by domain with WalkUpgradeDomain', async () => {
  await manualUpgrade(2);
  await client.rollbackUpdateOrUpgradeBySlot({ ServiceName: 'hist-svc', DeploymentSlot: 'Production', Mode: 'Manual', Force: false }, { wait: true });
  let deployment = await client.getDeployment(name);
  assert.deepEqual([deployment.Label, deployment.RollbackAllowed, deployment.UpgradeStatus?.UpgradeType, deployment.UpgradeStatus?.CurrentUpgradeDomain], ['v1', false, 'Manual', 0]);
  for (let domain = 0; domain < deployment.UpgradeDomainCount!; domain++) await client.walkUpgradeDomain({ ...name, UpgradeDomain: domain }, { wait: true });
  deployment = await client.getDeployment(name);
  assert.equal(deployment.UpgradeStatus, undefined);
});

test('GetPackage copies into a container of the subscription; an existing copy is kept unless overwriteExisting', async () => {
  await assert.rejects(client.getPackage({ ...name, ContainerUri: 'ftp://example.com/x' }), detail(/is not a blob container URL/));
  await assert.rejects(client.getPackage({ ...name, ContainerUri: 'https://histstore.blob.core.windows.net/Bad_Name' }), detail(/container name Bad_Name is not valid/));
  await assert.rejects(client.getPackage({ ...name, ContainerUri: 'https://elsewhere.blob.core.windows.net/packages' }), detail(/storage account elsewhere .* was not found in the subscription/));
  const container = 'https://histstore.blob.core.windows.net/copies';
  await client.getPackage({ ...name, ContainerUri: container }, { wait: true });
  const copies = [...emulator.state.subscription(emulator.subscriptionId)!.packageCopies.values()];
  assert.deepEqual(copies.map((c) => [c.ContainerUri, c.DeploymentName, c.PackageUrl]), [[container, 'hist', packageUrl], [container, 'hist', packageUrl]]);
  assert.deepEqual(copies[0]!.blobs, ['hist.cspkg', 'hist.cscfg']);
  await assert.rejects(client.getPackageBySlot({ ServiceName: 'hist-svc', DeploymentSlot: 'Production', ContainerUri: container }), detail(/hist\.cspkg already exists; set overwriteExisting/, ConflictError));
  await client.getPackageBySlot({ ServiceName: 'hist-svc', DeploymentSlot: 'Production', ContainerUri: container, OverwriteExisting: true }, { wait: true });
});

test('reboots and reimages the emulator carried out are the deployment\'s events, within the window asked', async () => {
  const start = new Date(Date.now() - 1000);
  await client.rebootRoleInstance({ ...name, RoleInstanceName: 'WebRole1_IN_0' }, { wait: true });
  await client.reimageRoleInstanceBySlot({ ServiceName: 'hist-svc', DeploymentSlot: 'Production', RoleInstanceName: 'WebRole1_IN_1' }, { wait: true });
  const end = new Date(Date.now() + 1000);
  const events = await client.listDeploymentEvents({ ...name, StartTime: start, EndTime: end });
  assert.deepEqual(events.RebootEvents?.map((e) => [e.RoleName, e.InstanceName, e.RebootReason]), [['WebRole1', 'WebRole1_IN_0', 'Reboot'], ['WebRole1', 'WebRole1_IN_1', 'Reimage']]);
  assert.ok(events.RebootEvents!.every((e) => e.RebootStartTime instanceof Date && e.RebootStartTime >= new Date(start.getTime() - 1000)));
  assert.equal(events.ContinuationToken, undefined);
  const bySlot = await client.listDeploymentEventsBySlot({ ServiceName: 'hist-svc', DeploymentSlot: 'Production', StartTime: start, EndTime: end });
  assert.equal(bySlot.RebootEvents?.length, 2);
  const earlier = await client.listDeploymentEvents({ ...name, StartTime: new Date(start.getTime() - 7200_000), EndTime: new Date(start.getTime() - 3600_000) });
  assert.deepEqual(earlier.RebootEvents ?? [], []);
  await assert.rejects(client.listDeploymentEvents({ ...name, StartTime: end, EndTime: start }), detail(/StartTime parameter must not be later than the EndTime/));
  await assert.rejects(client.listDeploymentEvents({ ...name, StartTime: start, EndTime: end, ContinuationToken: 'x' }), detail(/continuation token is not valid/));
});
