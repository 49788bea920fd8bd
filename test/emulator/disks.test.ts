/**
 * Data disks and disks: AddDataDisk makes a Disk entry attached to the VM (one per LUN, 0-63, within the size's
 * limit), UpdateDataDisk and DeleteDataDisk (detach, or delete with comp=media); disks in use cannot be deleted
 * and keep their storage account from being deleted; AddDisk registers a blob and UpdateDisk grows a free disk.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { createService, createStorage, createVm, succeed } from './compute-fixtures.js';
import { NS, XSI, clientFor, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;
const role = '/services/hostedservices/disk-svc/deployments/disk-svc/roles/vm';
const blob = (name: string) => `https://diskstore.blob.core.windows.net/data/${name}.vhd`;
const dataDisk = (inner: string) => `<DataVirtualHardDisk xmlns="${NS}" xmlns:i="${XSI}">${inner}</DataVirtualHardDisk>`;
const diskNames = async () => [...(await client.call('GET', '/services/disks')).text.matchAll(/<Name>([^<]*)<\/Name>/g)].map((m) => m[1]!);

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = clientFor(emulator);
  await createStorage(client, 'diskstore');
  await createService(client, 'disk-svc');
  await createVm(client, 'disk-svc', { role: 'vm', account: 'diskstore', dataDisks: '<DataVirtualHardDisk><Lun>0</Lun><LogicalDiskSizeInGB>10</LogicalDiskSizeInGB></DataVirtualHardDisk>' });
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('a VM made with a data disk shows it at its LUN, next to the OS disk; both are disks of the subscription, attached', async () => {
  const disk = await client.call('GET', `${role}/DataDisks/0`);
  assert.equal(disk.status, 200);
  assert.match(disk.text, /<MediaLink>https:\/\/diskstore\.blob\.core\.windows\.net\/vhds\/disk-svc-vm-0-\d+\.vhd<\/MediaLink>/, 'without a media link it goes next to the OS disk');
  const disks = (await client.call('GET', '/services/disks')).text;
  assert.equal([...disks.matchAll(/<AttachedTo><DeploymentName>disk-svc<\/DeploymentName><HostedServiceName>disk-svc<\/HostedServiceName><RoleName>vm<\/RoleName><\/AttachedTo>/g)].length, 2);
});

test('AddDataDisk attaches a new empty disk at a free LUN, refusing a taken LUN, one out of range or more disks than the size allows', async () => {
  await succeed(client, 'POST', `${role}/DataDisks`, dataDisk(`<HostCaching>ReadOnly</HostCaching><Lun>1</Lun><LogicalDiskSizeInGB>20</LogicalDiskSizeInGB><MediaLink>${blob('one')}</MediaLink>`));
  const added = await client.call('GET', `${role}/datadisks/1`);
  assert.equal(elementText(added.text, 'LogicalDiskSizeInGB'), '20');
  assert.equal(elementText(added.text, 'HostCaching'), 'ReadOnly');
  const taken = await client.call('POST', `${role}/DataDisks`, { body: dataDisk(`<Lun>1</Lun><LogicalDiskSizeInGB>5</LogicalDiskSizeInGB><MediaLink>${blob('two')}</MediaLink>`) });
  assert.equal(taken.status, 409);
  assert.equal(errorOf(taken.text).message, 'A data disk is already attached to role vm at LUN 1.');
  const outOfRange = await client.call('POST', `${role}/DataDisks`, { body: dataDisk(`<Lun>64</Lun><LogicalDiskSizeInGB>5</LogicalDiskSizeInGB><MediaLink>${blob('two')}</MediaLink>`) });
  assert.equal(outOfRange.status, 400);
  const tooMany = await client.call('POST', `${role}/DataDisks`, { body: dataDisk(`<Lun>2</Lun><LogicalDiskSizeInGB>5</LogicalDiskSizeInGB><MediaLink>${blob('two')}</MediaLink>`) });
  assert.equal(tooMany.status, 400);
  assert.match(errorOf(tooMany.text).message ?? '', /Small allows at most 2 data disks/);
  assert.equal((await client.call('GET', `${role}/DataDisks/64`)).status, 400, 'the LUN of the URL is checked too');
});

test('UpdateDataDisk answers 200 (what azure-asm-compute accepts), changing caching and label at once; the media link cannot change', async () => {
  const answer = await client.call('PUT', `${role}/DataDisks/1`, { body: dataDisk('<HostCaching>None</HostCaching><DiskLabel>logs</DiskLabel><Lun>1</Lun>') });
  assert.equal(answer.status, 200, answer.text);
  const requestId = String(answer.headers['x-ms-request-id']);
  assert.match(requestId, /^[0-9a-f]{32}$/);
  const status = await client.call('GET', `/operations/${requestId}`);
  assert.equal(elementText(status.text, 'Status'), 'Succeeded', 'a client polling the id (Python\'s) sees it finished');
  const updated = await client.call('GET', `${role}/DataDisks/1`);
  assert.equal(elementText(updated.text, 'HostCaching'), 'None');
  assert.equal(elementText(updated.text, 'DiskLabel'), 'logs');
  const moved = await client.call('PUT', `${role}/DataDisks/1`, { body: dataDisk(`<Lun>1</Lun><MediaLink>${blob('elsewhere')}</MediaLink>`) });
  assert.equal(moved.status, 400);
});

test('a disk in use cannot be deleted, and holds its storage account', async () => {
  const osDisk = (await diskNames()).find((n) => n.startsWith('disk-svc-vm-0-'))!;
  const refused = await client.call('DELETE', `/services/disks/${osDisk}`);
  assert.equal(refused.status, 400);
  assert.equal(errorOf(refused.text).message, `A disk with name ${osDisk} is currently in use by virtual machine vm running within hosted service disk-svc, deployment disk-svc.`);
  const account = await client.call('DELETE', '/services/storageservices/diskstore');
  assert.equal(account.status, 400);
  assert.match(errorOf(account.text).message ?? '', /^Storage account diskstore has 2 container\(s\) which have an active image and\/or disk artifacts\./);
});

test('DeleteDataDisk detaches the disk (it stays, free) or, with comp=media, deletes it', async () => {
  const before = await diskNames();
  const dataDiskName = elementText((await client.call('GET', `${role}/DataDisks/1`)).text, 'DiskName')!;
  await succeed(client, 'DELETE', `${role}/DataDisks/1`);
  assert.equal((await client.call('GET', `${role}/DataDisks/1`)).status, 404);
  const free = await client.call('GET', `/services/disks/${dataDiskName}`);
  assert.equal(free.status, 200);
  assert.doesNotMatch(free.text, /<AttachedTo>/);
  await succeed(client, 'POST', `${role}/DataDisks`, dataDisk(`<DiskName>${dataDiskName}</DiskName><Lun>3</Lun>`));
  assert.match((await client.call('GET', `/services/disks/${dataDiskName}`)).text, /<AttachedTo>.*<RoleName>vm<\/RoleName>/, 'a free disk attaches again by name');
  await succeed(client, 'DELETE', `${role}/DataDisks/3?comp=media`);
  assert.deepEqual(await diskNames(), before.filter((n) => n !== dataDiskName));
});

test('AddDisk registers a blob of the subscription as a disk; UpdateDisk relabels (200) and grows it (202); DeleteDisk removes it', async () => {
  const add = (name: string, link: string, os = '') => client.call('POST', '/services/disks', {
    body: `<Disk xmlns="${NS}" xmlns:i="${XSI}">${os}<Label>${name} label</Label><MediaLink>${link}</MediaLink><Name>${name}</Name></Disk>`,
  });
  const added = await add('spare', blob('spare'), '<OS>Linux</OS>');
  assert.equal(added.status, 200);
  assert.match(added.text, /^<Disk [^>]+><OS>Linux<\/OS><Label>spare label<\/Label><Location>West US<\/Location><LogicalDiskSizeInGB>30<\/LogicalDiskSizeInGB>/);
  assert.equal((await add('spare', blob('other'))).status, 409, 'disk names are unique');
  assert.equal((await add('twin', blob('spare'))).status, 409, 'a blob backs one disk');
  assert.equal((await add('lost', 'https://elsewhere.blob.core.windows.net/x/y.vhd')).status, 400, 'the account must be the subscription\'s');
  const relabeled = await client.call('PUT', '/services/disks/spare', { body: `<Disk xmlns="${NS}"><Label>renamed</Label><Name>spare</Name></Disk>` });
  assert.equal(relabeled.status, 200, 'a relabel answers 200 with the disk, as azure-asm-compute updateDisk accepts');
  assert.equal(elementText(relabeled.text, 'Label'), 'renamed');
  // A resize answers 202, as azure-asm-compute beginUpdatingDisk/updateDiskSize accept; it applies at completion.
  await succeed(client, 'PUT', '/services/disks/spare', `<Disk xmlns="${NS}"><Label>bigger</Label><Name>spare</Name><ResizedSizeInGB>64</ResizedSizeInGB></Disk>`);
  const grown = await client.call('GET', '/services/disks/spare');
  assert.equal(elementText(grown.text, 'LogicalDiskSizeInGB'), '64');
  assert.equal(elementText(grown.text, 'Label'), 'bigger');
  assert.equal((await client.call('PUT', '/services/disks/spare', { body: `<Disk xmlns="${NS}"><ResizedSizeInGB>10</ResizedSizeInGB></Disk>` })).status, 400, 'disks only grow');
  assert.equal((await client.call('DELETE', '/services/disks/spare?comp=media')).status, 200);
  assert.deepEqual(errorOf((await client.call('GET', '/services/disks/spare')).text), { code: 'ResourceNotFound', message: 'The disk with the specified name does not exist.' });
});
