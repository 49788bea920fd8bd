/**
 * ConfigurationSet was ONE data contract on the service (the spec's wireOrder): the classic CLI read a role and
 * wrote it back with the empty lists its deserializer had made — `<PublicIPs/><NetworkInterfaces/>
 * <StoredCertificateSettings/>` in a NetworkConfiguration set, network lists in a provisioning set — and the service
 * answered 202 (`vm endpoint create`, `vm extension set`, `vm set`). The emulator accepts any member of the flat
 * contract in any kind, in the contract's order, ignores those the kind does not use, and skips an element out
 * of that order as the service did (or refuses it, with strictOrder).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { LINUX_IMAGE, createService, createStorage, succeed } from './compute-fixtures.js';
import { NS, XSI, clientFor, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;
const service = 'flat-svc';
const base = `/services/hostedservices/${service}/deployments/${service}`;

/** What the CLI's azure-asm-compute deserializer put in every set it read: five empty lists. */
const EMPTY_NETWORK_LISTS = '<InputEndpoints/><SubnetNames/><PublicIPs/><NetworkInterfaces/>';

/** A Linux set as the CLI wrote it back: the network lists and StoredCertificateSettings empty, at their flat places. */
function cliLinuxSet(host: string): string {
  return `<ConfigurationSet><ConfigurationSetType>LinuxProvisioningConfiguration</ConfigurationSetType>${EMPTY_NETWORK_LISTS}`
    + `<StoredCertificateSettings/><HostName>${host}</HostName><UserName>azureuser</UserName><UserPassword>Secret-Passw0rd</UserPassword>`
    + '<DisableSshPasswordAuthentication>false</DisableSshPasswordAuthentication></ConfigurationSet>';
}

/** A NetworkConfiguration set as the CLI wrote it back after reading the role. */
function cliNetworkSet(port: number, extra = ''): string {
  return '<ConfigurationSet><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType>'
    + `<InputEndpoints><InputEndpoint><LocalPort>${port}</LocalPort><Name>ep${port}</Name><Port>${port}</Port><Protocol>tcp</Protocol></InputEndpoint></InputEndpoints>`
    + `<SubnetNames/><PublicIPs/><NetworkInterfaces/>${extra}<StoredCertificateSettings/></ConfigurationSet>`;
}

function role(name: string, sets: string, withDisk = true): string {
  const disk = withDisk
    ? `<OSVirtualHardDisk><MediaLink>https://flatstore.blob.core.windows.net/vhds/${name}-os.vhd</MediaLink><SourceImageName>${LINUX_IMAGE}</SourceImageName></OSVirtualHardDisk>`
    : '';
  return `<RoleName>${name}</RoleName><RoleType>PersistentVMRole</RoleType><ConfigurationSets>${sets}</ConfigurationSets>${disk}<RoleSize>Small</RoleSize>`;
}

const persistentVMRole = (inner: string) => `<PersistentVMRole xmlns="${NS}" xmlns:i="${XSI}">${inner}</PersistentVMRole>`;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = clientFor(emulator);
  await createStorage(client, 'flatstore');
  await createService(client, service);
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('CreateVirtualMachineDeployment takes CLI-style sets with empty elements of other kinds (202)', async () => {
  const body = `<Deployment xmlns="${NS}" xmlns:i="${XSI}"><Name>${service}</Name><DeploymentSlot>Production</DeploymentSlot><Label>${service}</Label>`
    + `<RoleList><Role>${role('vm1', cliLinuxSet('vm1') + cliNetworkSet(22))}</Role></RoleList></Deployment>`;
  await succeed(client, 'POST', `/services/hostedservices/${service}/deployments`, body);
  const got = (await client.call('GET', `${base}/roles/vm1`)).text;
  assert.match(got, /<Name>ep22<\/Name><Port>22<\/Port>/);
});

test('AddRole takes them too (202)', async () => {
  await succeed(client, 'POST', `${base}/roles`, persistentVMRole(role('vm2', cliLinuxSet('vm2') + cliNetworkSet(2222))));
  assert.match((await client.call('GET', `${base}/roles/vm2`)).text, /<Name>ep2222<\/Name>/);
});

test('UpdateRole takes the role the CLI read and wrote back (vm endpoint create) (202)', async () => {
  await succeed(client, 'PUT', `${base}/roles/vm1`, persistentVMRole(role('vm1', cliNetworkSet(8080), false)));
  assert.match((await client.call('GET', `${base}/roles/vm1`)).text, /<Name>ep8080<\/Name><Port>8080<\/Port>/);
});

test('a value in a member another kind uses is read and ignored, as the service ignored it', async () => {
  const withComputerName = cliNetworkSet(8081).replace('<StoredCertificateSettings/>', '<ComputerName>ignored-name</ComputerName><StoredCertificateSettings/>');
  await succeed(client, 'PUT', `${base}/roles/vm1`, persistentVMRole(role('vm1', withComputerName, false)));
  const got = (await client.call('GET', `${base}/roles/vm1`)).text;
  assert.match(got, /<Name>ep8081<\/Name>/);
  assert.doesNotMatch(got, /ignored-name/);
});

test('an element out of the flat contract\'s order is skipped, as the service skipped it, and named in the request log', async () => {
  // SubnetNames comes after InputEndpoints in the contract: endpoints sent after it are not read.
  const swapped = cliNetworkSet(8082).replace('<SubnetNames/>', '').replace('<InputEndpoints>', '<SubnetNames/><InputEndpoints>');
  await succeed(client, 'PUT', `${base}/roles/vm1`, persistentVMRole(role('vm1', swapped, false)));
  assert.doesNotMatch((await client.call('GET', `${base}/roles/vm1`)).text, /ep8082/);
  const logged = emulator.requests.findLast((r) => r.operation === 'UpdateRole')!;
  assert.match(logged.skipped?.join('\n') ?? '', /ConfigurationSets\[0\]\.InputEndpoints: is out of order: it must come before SubnetNames/);
});

test('with strictOrder the emulator refuses an element out of the flat contract\'s order, naming it and the order', async () => {
  const strict = await startTestEmulator({ strictOrder: true });
  const strictClient = clientFor(strict);
  try {
    await createService(strictClient, service);
    await createStorage(strictClient, 'flatstore');
    const lateCertificates = cliLinuxSet('vm3').replace('<StoredCertificateSettings/>', '').replace('</ConfigurationSet>', '<StoredCertificateSettings/></ConfigurationSet>');
    const body = `<Deployment xmlns="${NS}" xmlns:i="${XSI}"><Name>${service}</Name><DeploymentSlot>Production</DeploymentSlot><Label>${service}</Label>`
      + `<RoleList><Role>${role('vm3', lateCertificates + cliNetworkSet(2223))}</Role></RoleList></Deployment>`;
    const answer = await strictClient.call('POST', `/services/hostedservices/${service}/deployments`, { body });
    assert.equal(answer.status, 400, answer.text);
    assert.match(errorOf(answer.text).message ?? '', /StoredCertificateSettings: is out of order: it must come before DisableSshPasswordAuthentication/);
  } finally {
    await strictClient.close();
    await strict.close();
  }
});

test('an element no kind has is still refused as unknown', async () => {
  const unknown = cliNetworkSet(8083).replace('<SubnetNames/>', '<SubnetNames/><NoSuchElement/>');
  const answer = await client.call('PUT', `${base}/roles/vm1`, { body: persistentVMRole(role('vm1', unknown, false)) });
  assert.equal(answer.status, 400);
  assert.match(errorOf(answer.text).message ?? '', /NoSuchElement: is not an element the spec defines here/);
});
