/**
 * The subscription: its properties with counters that move with the state and limits that refuse creations,
 * the subscriptions a certificate may manage, management certificates (which decide who gets in), and the
 * platform catalog every subscription sees (role sizes, guest OS, VM extensions).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPublicKey } from 'node:crypto';
import { createSelfSignedClientCertificate } from '../../src/emulator/certs.js';
import type { Emulator } from '../../src/emulator/server.js';
import { createService, createStorage, createVm, succeed, vmDeploymentBody } from './compute-fixtures.js';
import { NS, clientFor, createBody, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = clientFor(emulator);
});
after(async () => {
  await client.close();
  await emulator.close();
});

const usage = async () => {
  const text = (await client.call('GET', '')).text;
  return ['CurrentCoreCount', 'CurrentHostedServices', 'CurrentStorageAccounts'].map((e) => Number(elementText(text, e)));
};

test('GetSubscription answers the properties in the service\'s order, with counters that move with the state', async () => {
  const subscription = await client.call('GET', '');
  assert.equal(subscription.status, 200);
  assert.match(subscription.text, new RegExp(`^<Subscription [^>]+><SubscriptionID>${emulator.subscriptionId}</SubscriptionID><SubscriptionName>[^<]+</SubscriptionName><SubscriptionStatus>Active</SubscriptionStatus>`));
  assert.match(subscription.text, /<MaxCoreCount>20<\/MaxCoreCount><MaxStorageAccounts>100<\/MaxStorageAccounts><MaxHostedServices>20<\/MaxHostedServices><CurrentCoreCount>0<\/CurrentCoreCount>/);
  await createStorage(client, 'substore');
  await createService(client, 'sub-svc');
  await createVm(client, 'sub-svc', { role: 'vm', account: 'substore', size: 'Large' });
  assert.deepEqual(await usage(), [4, 1, 1]);
  await succeed(client, 'DELETE', '/services/hostedservices/sub-svc?comp=media');
  assert.deepEqual(await usage(), [0, 0, 1]);
});

test('creations past the subscription\'s limits are refused', async () => {
  emulator.state.subscription(emulator.subscriptionId)!.properties.MaxCoreCount = 2;
  emulator.state.subscription(emulator.subscriptionId)!.properties.MaxHostedServices = 1;
  try {
    await createService(client, 'limit-svc');
    const second = await client.call('POST', '/services/hostedservices', { body: createBody('limit-svc2') });
    assert.equal(second.status, 400);
    assert.equal(errorOf(second.text).message, 'Operation results in exceeding quota limits of HostedServices. Maximum allowed: 1, Current in use: 1, Additional requested: 1.');
    const big = await client.call('POST', '/services/hostedservices/limit-svc/deployments', {
      body: vmDeploymentBody('d', 'Production', { role: 'vm', account: 'substore', size: 'ExtraLarge' }),
    });
    assert.equal(big.status, 400);
    assert.equal(errorOf(big.text).message, 'Operation results in exceeding quota limits of Core. Maximum allowed: 2, Current in use: 0, Additional requested: 8.');
  } finally {
    Object.assign(emulator.state.subscription(emulator.subscriptionId)!.properties, { MaxCoreCount: 20, MaxHostedServices: 20 });
    await client.call('DELETE', '/services/hostedservices/limit-svc');
  }
});

test('ListSubscriptions lists the subscriptions the caller\'s certificate is registered with', async () => {
  const mine = emulator.addSubscription({ certificate: emulator.clientCert.cert });
  emulator.addSubscription();
  const listed = await client.call('GET', '//subscriptions');
  assert.equal(listed.status, 200);
  const ids = [...listed.text.matchAll(/<SubscriptionID>([^<]*)<\/SubscriptionID>/g)].map((m) => m[1]);
  assert.deepEqual(ids.sort(), [emulator.subscriptionId, mine].sort());
});

test('a management certificate added through the API lets its holder in; deleting it locks the holder out', async () => {
  const newcomer = createSelfSignedClientCertificate('newcomer');
  const x509 = new X509Certificate(newcomer.cert);
  const publicKey = createPublicKey(newcomer.cert).export({ type: 'pkcs1', format: 'der' }).toString('base64');
  const outsider = clientFor(emulator, newcomer);
  try {
    assert.equal((await outsider.call('GET', '/services/hostedservices')).status, 403);
    const added = await client.call('POST', '/certificates', {
      body: `<SubscriptionCertificate xmlns="${NS}"><SubscriptionCertificatePublicKey>${publicKey}</SubscriptionCertificatePublicKey>`
        + `<SubscriptionCertificateThumbprint>${newcomer.thumbprint}</SubscriptionCertificateThumbprint><SubscriptionCertificateData>${x509.raw.toString('base64')}</SubscriptionCertificateData></SubscriptionCertificate>`,
    });
    assert.equal(added.status, 201);
    const got = await client.call('GET', `/certificates/${newcomer.thumbprint}`);
    assert.equal(elementText(got.text, 'SubscriptionCertificatePublicKey'), publicKey);
    assert.match((await client.call('GET', '/certificates')).text, new RegExp(newcomer.thumbprint));
    assert.equal((await outsider.call('GET', '/services/hostedservices')).status, 200, 'the new certificate is accepted at once');
    assert.equal((await client.call('DELETE', `/certificates/${newcomer.thumbprint}`)).status, 200);
    assert.equal((await outsider.call('GET', '/services/hostedservices')).status, 403);
    assert.deepEqual(errorOf((await client.call('GET', `/certificates/${newcomer.thumbprint}`)).text), { code: 'ResourceNotFound', message: 'The certificate was not found.' });
  } finally {
    await outsider.close();
  }
});

test('the platform catalog is there out of the box: role sizes, guest OS versions and families, VM extensions', async () => {
  const sizes = (await client.call('GET', '/rolesizes')).text;
  assert.match(sizes, /<RoleSize><Name>Small<\/Name><Label>Small \(1 cores, 1792 MB\)<\/Label><Cores>1<\/Cores><MemoryInMb>1792<\/MemoryInMb><SupportedByWebWorkerRoles>true<\/SupportedByWebWorkerRoles><SupportedByVirtualMachines>true<\/SupportedByVirtualMachines><MaxDataDiskCount>2<\/MaxDataDiskCount>/);
  const os = (await client.call('GET', '/operatingsystems')).text;
  assert.match(os, /<OperatingSystem><Version>WA-GUEST-OS-4\.\d+_\d{6}-01<\/Version><Label>[A-Za-z0-9+/=]+<\/Label><IsDefault>(true|false)<\/IsDefault><IsActive>(true|false)<\/IsActive><Family>4<\/Family>/);
  const families = (await client.call('GET', '/operatingsystemfamilies')).text;
  assert.deepEqual([...families.matchAll(/<OperatingSystemFamily><Name>(\d)<\/Name>/g)].map((m) => m[1]), ['2', '3', '4']);
  const extensions = (await client.call('GET', '/services/resourceextensions')).text;
  assert.match(extensions, /<ResourceExtension><Publisher>Microsoft\.Compute<\/Publisher><Name>VMAccessAgent<\/Name><Version>2\.0\.2<\/Version>/, 'the newest version of each');
  const versions = (await client.call('GET', '/services/resourceextensions/Chef.Bootstrap.WindowsAzure/ChefClient')).text;
  assert.equal([...versions.matchAll(/<ResourceExtension>/g)].length, 3);
});
