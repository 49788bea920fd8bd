/**
 * Cloud service extensions through the typed client: the platform's extension images and their versions, an
 * extension added to a cloud service (newest version unless asked, its private configuration never answered nor
 * logged), deployments enabling it by Id (an unknown Id refused) and deletion refused while a deployment uses
 * it; publisher images registered once, internal ones seen by their publisher only, public ones by everyone,
 * only internal ones unregistered.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BadRequestError, ConflictError, ResourceNotFoundError, type ServiceManagementClient } from '../../generated/index.js';
import type { Emulator } from '../../src/emulator/server.js';
import { typedClientFor } from '../support/typed-client.js';
import { createStorage } from './compute-fixtures.js';
import { clientFor, startTestEmulator } from './helpers.js';

let emulator: Emulator;
let client: ServiceManagementClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  const raw = clientFor(emulator);
  await createStorage(raw, 'extstore');
  await raw.close();
  await client.createHostedService({ ServiceName: 'ext-svc', Label: 'extensions', Location: 'West US' });
});
after(async () => {
  await client.close();
  await emulator.close();
});

const SECRET = 'Secret-Ext-Passw0rd';
const configuration = '<ServiceConfiguration serviceName="app" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration"><Role name="WebRole1"><Instances count="1" /></Role></ServiceConfiguration>';
const packageUrl = 'https://extstore.blob.core.windows.net/packages/app.cspkg';
const detail = (pattern: RegExp, type: new (...args: never[]) => Error = BadRequestError) => (e: Error & { detail?: string }) => e instanceof type && pattern.test(e.detail ?? '');

test('the platform offers extension images: the newest version of each, and every version of one', async () => {
  const available = await client.listAvailableExtensions();
  const rdp = available.find((i) => i.ProviderNameSpace === 'Microsoft.Windows.Azure.Extensions' && i.Type === 'RDP');
  assert.equal(rdp?.Version, '1.2.1');
  assert.equal(new Set(available.map((i) => `${i.ProviderNameSpace}/${i.Type}`)).size, available.length, 'one entry per extension');
  const versions = await client.listExtensionVersions({ ProviderNamespace: 'Microsoft.Windows.Azure.Extensions', ExtensionType: 'RDP' });
  assert.deepEqual(versions.map((v) => v.Version), ['1.0', '1.1', '1.2.1']);
});

test('an added extension takes the newest version; its private configuration is never answered nor logged', async () => {
  await (await client.addHostedServiceExtension({
    ServiceName: 'ext-svc', ProviderNameSpace: 'Microsoft.Windows.Azure.Extensions', Type: 'RDP', Id: 'rdp1',
    PublicConfiguration: '<PublicConfig><UserName>admin</UserName></PublicConfig>', PrivateConfiguration: `<PrivateConfig><Password>${SECRET}</Password></PrivateConfig>`,
  })).wait();
  const got = await client.getHostedServiceExtension({ ServiceName: 'ext-svc', ExtensionId: 'rdp1' });
  assert.deepEqual(got, { ProviderNameSpace: 'Microsoft.Windows.Azure.Extensions', Type: 'RDP', Id: 'rdp1', Version: '1.2.1', PublicConfiguration: '<PublicConfig><UserName>admin</UserName></PublicConfig>' });
  assert.deepEqual((await client.listHostedServiceExtensions({ ServiceName: 'ext-svc' })).map((e) => e.Id), ['rdp1']);
  const raw = clientFor(emulator);
  const answered = (await raw.call('GET', '/services/hostedservices/ext-svc/extensions')).text;
  await raw.close();
  assert.doesNotMatch(answered, /PrivateConfiguration/);
  const log = await client.listSubscriptionOperations({ StartTime: new Date(Date.now() - 3600_000), EndTime: new Date(Date.now() + 3600_000) });
  const added = log.SubscriptionOperations!.find((o) => o.OperationName === 'AddHostedServiceExtension')!;
  assert.deepEqual(added.OperationParameters?.find((p) => p.Name === 'PrivateConfiguration'), { Name: 'PrivateConfiguration', Value: 'REDACTED' });
  assert.doesNotMatch(JSON.stringify(log), new RegExp(SECRET));

  await assert.rejects(client.addHostedServiceExtension({ ServiceName: 'ext-svc', ProviderNameSpace: 'Microsoft.Windows.Azure.Extensions', Type: 'RDP', Id: 'RDP1' }),
    detail(/The extension RDP1 already exists in the hosted service ext-svc/, ConflictError));
  await assert.rejects(client.addHostedServiceExtension({ ServiceName: 'ext-svc', ProviderNameSpace: 'Contoso', Type: 'Nothing', Id: 'x' }),
    detail(/Contoso\.Nothing is not available to this subscription/));
  await assert.rejects(client.addHostedServiceExtension({ ServiceName: 'ext-svc', ProviderNameSpace: 'Microsoft.Windows.Azure.Extensions', Type: 'RDP', Id: 'x', Version: '9.9' }),
    detail(/Version 9\.9 of the extension Microsoft\.Windows\.Azure\.Extensions\.RDP does not exist/));
  await assert.rejects(client.addHostedServiceExtension({ ServiceName: 'ext-svc', ProviderNameSpace: 'Microsoft.Windows.Azure.Extensions', Type: 'RDP', Id: 'x', Version: '2.*' }),
    detail(/Version 2\.\* of the extension Microsoft\.Windows\.Azure\.Extensions\.RDP does not exist/));
  await (await client.addHostedServiceExtension({ ServiceName: 'ext-svc', ProviderNameSpace: 'Microsoft.Azure.Diagnostics', Type: 'PaaSDiagnostics', Id: 'diag', Version: '1.*' })).wait();
  assert.equal((await client.getHostedServiceExtension({ ServiceName: 'ext-svc', ExtensionId: 'diag' })).Version, '1.4', '1.* takes the newest 1.x');
  await (await client.deleteHostedServiceExtension({ ServiceName: 'ext-svc', ExtensionId: 'diag' })).wait();
  await assert.rejects(client.addHostedServiceExtension({ ServiceName: 'ext-svc', ProviderNameSpace: 'Microsoft.Windows.Azure.Extensions', Type: 'RDP', Id: 'x', Thumbprint: 'ABCDEF' }),
    detail(/certificate with thumbprint ABCDEF was not found/));
  await assert.rejects(client.getHostedServiceExtension({ ServiceName: 'ext-svc', ExtensionId: 'missing' }), ResourceNotFoundError);
});

test('deployments enable extensions by Id; an unknown Id is refused; an extension in use cannot be deleted', async () => {
  const create = (id: string) => client.createDeployment({
    ServiceName: 'ext-svc', DeploymentSlot: 'Production', Name: 'extdep', PackageUrl: packageUrl, Label: 'v1', Configuration: configuration,
    StartDeployment: true, ExtensionConfiguration: { AllRoles: [{ Id: id }] },
  }, { wait: true });
  await assert.rejects(create('nope'), detail(/The extension nope does not exist in the hosted service ext-svc/));
  await create('rdp1');
  const deployment = await client.getDeployment({ ServiceName: 'ext-svc', DeploymentName: 'extdep' });
  assert.deepEqual(deployment.ExtensionConfiguration?.AllRoles?.map((e) => e.Id), ['rdp1']);
  await assert.rejects(client.deleteHostedServiceExtension({ ServiceName: 'ext-svc', ExtensionId: 'rdp1' }),
    detail(/The extension rdp1 is in use by deployment extdep of the hosted service ext-svc/));
  await assert.rejects(client.changeDeploymentConfiguration({ ServiceName: 'ext-svc', DeploymentName: 'extdep', Configuration: configuration, ExtensionConfiguration: { NamedRoles: [{ RoleName: 'WebRole1', Extensions: [{ Id: 'ghost' }] }] } }),
    detail(/The extension ghost does not exist/));
  await client.changeDeploymentConfiguration({ ServiceName: 'ext-svc', DeploymentName: 'extdep', Configuration: configuration, ExtensionConfiguration: { AllRoles: [] } }, { wait: true });
  await client.deleteHostedServiceExtension({ ServiceName: 'ext-svc', ExtensionId: 'rdp1' }, { wait: true });
  assert.deepEqual(await client.listHostedServiceExtensions({ ServiceName: 'ext-svc' }), []);
});

test('a publisher registers an image once; internal versions are its own, public ones everyone\'s; only internal ones unregister', async () => {
  const other = emulator.addSubscription({ certificate: emulator.clientCert.cert });
  const otherClient = typedClientFor(emulator, { subscriptionId: other });
  const image = { ProviderNameSpace: 'Contoso.Extensions', Type: 'Probe', Label: 'Probe', MediaLink: 'https://extstore.blob.core.windows.net/ext/probe.zip', Description: 'Probes', HostingResources: 'WebRole' };
  try {
    await client.registerExtensionImage({ ...image, Version: '1.0', IsInternalExtension: true }, { wait: true });
    assert.deepEqual((await client.listPublisherExtensions()).map((i) => [i.Type, i.Version, i.IsInternalExtension]), [['Probe', '1.0', true]]);
    assert.ok((await client.listAvailableExtensions()).some((i) => i.Type === 'Probe'), 'the publisher sees its internal image');
    assert.ok(!(await otherClient.listAvailableExtensions()).some((i) => i.Type === 'Probe'), 'another subscription does not');
    await assert.rejects(client.registerExtensionImage({ ...image, Version: '2.0' }), detail(/Contoso\.Extensions\.Probe is already registered/, ConflictError));
    await assert.rejects(client.updateExtensionImage({ ...image, Type: 'Other', Version: '1.0' }), detail(/Contoso\.Extensions\.Other is not registered by this subscription/, ResourceNotFoundError));

    await client.updateExtensionImage({ ...image, Version: '1.1', IsInternalExtension: false }, { wait: true });
    const seen = (await otherClient.listAvailableExtensions()).find((i) => i.Type === 'Probe');
    assert.equal(seen?.Version, '1.1');
    assert.deepEqual((await otherClient.listExtensionVersions({ ProviderNamespace: 'Contoso.Extensions', ExtensionType: 'Probe' })).map((i) => i.Version), ['1.1']);

    await assert.rejects(client.unregisterExtensionImage({ ProviderNamespace: 'Contoso.Extensions', Type: 'Probe', Version: '1.1' }), detail(/Only internal extensions can be unregistered/));
    await client.unregisterExtensionImage({ ProviderNamespace: 'Contoso.Extensions', Type: 'Probe', Version: '1.0' }, { wait: true });
    await assert.rejects(client.unregisterExtensionImage({ ProviderNamespace: 'Contoso.Extensions', Type: 'Probe', Version: '1.0' }), ResourceNotFoundError);
    assert.deepEqual((await client.listPublisherExtensions()).map((i) => i.Version), ['1.1']);
  } finally {
    await otherClient.close();
  }
});
