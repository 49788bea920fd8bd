/**
 * OS images and VM images: the platform's out of the box, user images from blobs (AddOSImage, CreateVMImage)
 * and from captured VMs (CaptureRole, CaptureVMImage), updates, replication, and deletion refused while a VM
 * made from the image exists.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/server.js';
import { LINUX_IMAGE, createService, createStorage, createVm, succeed } from './compute-fixtures.js';
import { NS, XSI, clientFor, elementText, errorOf, startTestEmulator, type TestClient } from './helpers.js';

let emulator: Emulator;
let client: TestClient;
const link = (blob: string) => `https://imagestore.blob.core.windows.net/images/${blob}.vhd`;
const names = (text: string, element: string) => [...text.matchAll(new RegExp(`<${element}><Name>([^<]*)</Name>`, 'g'))].map((m) => m[1]);
const stop = (path: string) => succeed(client, 'POST', `${path}/Operations`, `<ShutdownRoleOperation xmlns="${NS}"><OperationType>ShutdownRoleOperation</OperationType></ShutdownRoleOperation>`);

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 0 });
  client = clientFor(emulator);
  await createStorage(client, 'imagestore');
});
after(async () => {
  await client.close();
  await emulator.close();
});

test('platform OS images and VM images are listed out of the box, with the seed guides\' image names', async () => {
  const os = await client.call('GET', '/services/images');
  assert.equal(os.status, 200);
  assert.ok(names(os.text, 'OSImage').length === 0, 'Category comes first in an OSImage');
  assert.match(os.text, /<OSImage><Category>Public<\/Category><Label>[^<]+<\/Label><Location>West US;/);
  assert.match(os.text, /<Name>Win2K8SP1\.110809-2000\.201108-01\.en\.us\.30GB\.vhd<\/Name>/);
  assert.match(os.text, /<Name>OpenLogic__OpenLogic-CentOS-62-20120531-en-us-30GB\.vhd<\/Name>/);
  const vm = await client.call('GET', '/services/vmimages?location=West%20US&category=Public');
  assert.equal(names(vm.text, 'VMImage').length, 2);
  assert.equal(names((await client.call('GET', '/services/vmimages?publisher=Cloudera')).text, 'VMImage').length, 0);
});

test('AddOSImage registers a VHD of the subscription as a user image; UpdateOSImage changes it; GetOSImageDetails shows replication', async () => {
  const added = await client.call('POST', '/services/images', {
    body: `<OSImage xmlns="${NS}" xmlns:i="${XSI}"><Label>my image</Label><MediaLink>${link('mine')}</MediaLink><Name>myimage</Name><OS>Linux</OS></OSImage>`,
  });
  assert.equal(added.status, 200);
  assert.match(added.text, /^<OSImage [^>]+><Category>User<\/Category><Label>my image<\/Label><Location>West US<\/Location><LogicalSizeInGB>30<\/LogicalSizeInGB>/);
  const duplicate = await client.call('POST', '/services/images', { body: `<OSImage xmlns="${NS}"><Label>x</Label><MediaLink>${link('x')}</MediaLink><Name>myimage</Name><OS>Linux</OS></OSImage>` });
  assert.equal(duplicate.status, 409);
  const updated = await client.call('PUT', '/services/images/myimage', {
    body: `<OSImage xmlns="${NS}"><Label>renamed</Label><Description>d</Description><ImageFamily></ImageFamily><RecommendedVMSize>Medium</RecommendedVMSize></OSImage>`,
  });
  assert.equal(updated.status, 200);
  assert.equal(elementText(updated.text, 'Label'), 'renamed');
  assert.equal(elementText(updated.text, 'RecommendedVMSize'), 'Medium');
  const platform = await client.call('PUT', `/services/images/${LINUX_IMAGE}`, { body: `<OSImage xmlns="${NS}"><Label>mine now</Label></OSImage>` });
  assert.equal(platform.status, 400, 'platform images are read-only');
  const replicated = await client.call('PUT', '/services/images/myimage/replicate', {
    body: `<ReplicationInput xmlns="${NS}"><TargetLocations><Region>West US</Region><Region>East Asia</Region></TargetLocations></ReplicationInput>`,
  });
  assert.equal(replicated.status, 200);
  assert.match(replicated.text, new RegExp(`^<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/"[^>]*>${emulator.subscriptionId.replace(/-/g, '')}__myimage</string>$`));
  assert.match((await client.call('GET', '/services/images/myimage/details')).text, /<ReplicationProgress><ReplicationProgressElement><Location>West US<\/Location><Progress>100<\/Progress>/);
  // 200, the only status azure-asm-compute's beginUnreplicating accepts; the replicas are gone at once.
  const unreplicated = await client.call('PUT', '/services/images/myimage/unreplicate');
  assert.equal(unreplicated.status, 200, unreplicated.text);
  assert.doesNotMatch((await client.call('GET', '/services/images/myimage/details')).text, /<ReplicationProgressElement>/);
});

test('UpdateOSImage reads the Python client\'s body as the service did: what it sent after Language is skipped', async () => {
  const added = await client.call('POST', '/services/images', { body: `<OSImage xmlns="${NS}"><Label>py</Label><MediaLink>${link('py')}</MediaLink><Name>pyimage</Name><OS>Linux</OS></OSImage>` });
  assert.equal(added.status, 200, added.text);
  // The element order of azure-servicemanagement-legacy's update_os_image (recorded in
  // test_update_os_image_from_image_reference): the service applied Label, Description and Language only.
  const body = `<OSImage xmlns:i="${XSI}" xmlns="${NS}"><Label>newlabel</Label><Description>desc</Description><MediaLink>${link('py')}</MediaLink>`
    + '<Name>pyimage</Name><OS>Windows</OS><Language>en-us</Language><ImageFamily>fam</ImageFamily><RecommendedVMSize>Large</RecommendedVMSize>'
    + '<Eula>http://eula.example</Eula><IconUri>i.png</IconUri><SmallIconUri>s.png</SmallIconUri><PrivacyUri>http://privacy.example</PrivacyUri>'
    + '<PublishedDate>2015-01-01T00:00:00Z</PublishedDate></OSImage>';
  const updated = await client.call('PUT', '/services/images/pyimage', { body });
  assert.equal(updated.status, 200, updated.text);
  const got = (await client.call('GET', '/services/images/pyimage')).text;
  assert.equal(elementText(got, 'Label'), 'newlabel');
  assert.equal(elementText(got, 'Description'), 'desc');
  assert.equal(elementText(got, 'Language'), 'en-us');
  assert.equal(elementText(got, 'OS'), 'Linux', 'OS is not in the update contract');
  for (const skipped of ['ImageFamily', 'RecommendedVMSize', 'Eula', 'IconUri', 'SmallIconUri', 'PrivacyUri', 'PublishedDate']) {
    assert.doesNotMatch(got, new RegExp(`<${skipped}>`), skipped);
  }
  const logged = emulator.requests.findLast((r) => r.operation === 'UpdateOSImage')!;
  assert.deepEqual(logged.skipped?.map((note) => note.split(':')[0]), ['OSImage.ImageFamily', 'OSImage.RecommendedVMSize', 'OSImage.Eula', 'OSImage.IconUri', 'OSImage.SmallIconUri', 'OSImage.PrivacyUri', 'OSImage.PublishedDate']);
  assert.equal((await client.call('DELETE', '/services/images/pyimage')).status, 200);
});

test('an empty date element in a request (<PublishedDate/>) reads as absent, as the client reads one', async () => {
  const added = await client.call('POST', '/services/images', {
    body: `<OSImage xmlns="${NS}" xmlns:i="${XSI}"><Label>dated</Label><MediaLink>${link('dated')}</MediaLink><Name>dated</Name><OS>Linux</OS><PublishedDate/></OSImage>`,
  });
  assert.equal(added.status, 200, added.text);
  assert.doesNotMatch((await client.call('GET', '/services/images/dated')).text, /<PublishedDate/);
  assert.equal((await client.call('DELETE', '/services/images/dated')).status, 200);
});

test('an image a VM was made from cannot be deleted until the VM is gone', async () => {
  await createService(client, 'img-user');
  await createVm(client, 'img-user', { role: 'vm', account: 'imagestore', image: 'myimage' });
  const refused = await client.call('DELETE', '/services/images/myimage');
  assert.equal(refused.status, 400);
  assert.match(errorOf(refused.text).message ?? '', /The image myimage is in use by virtual machine vm running within hosted service img-user, deployment img-user/);
  await succeed(client, 'DELETE', '/services/hostedservices/img-user?comp=media');
  assert.equal((await client.call('DELETE', '/services/images/myimage?comp=media')).status, 200);
  assert.equal((await client.call('GET', '/services/images/myimage')).status, 404);
});

test('CaptureRole needs a stopped VM, makes a user OS image and deletes the VM (with the deployment, for the last VM)', async () => {
  await createService(client, 'img-capture');
  await createVm(client, 'img-capture', { role: 'vm', account: 'imagestore' });
  const instance = '/services/hostedservices/img-capture/deployments/img-capture/roleinstances/vm';
  const capture = `<CaptureRoleOperation xmlns="${NS}" xmlns:i="${XSI}"><OperationType>CaptureRoleOperation</OperationType><PostCaptureAction>Delete</PostCaptureAction>`
    + '<TargetImageLabel>captured</TargetImageLabel><TargetImageName>captured-image</TargetImageName></CaptureRoleOperation>';
  const running = await client.call('POST', `${instance}/Operations`, { body: capture });
  assert.equal(running.status, 400);
  assert.equal(errorOf(running.text).message, 'The virtual machine vm must be stopped before it is captured.');
  await stop(instance);
  await succeed(client, 'POST', `${instance}/Operations`, capture);
  const image = await client.call('GET', '/services/images/captured-image');
  assert.match(image.text, /<Category>User<\/Category><Label>captured<\/Label><Location>West US<\/Location><LogicalSizeInGB>30<\/LogicalSizeInGB><MediaLink>https:\/\/imagestore\.blob\.core\.windows\.net\/vhds\/captured-image-\d+\.vhd<\/MediaLink><Name>captured-image<\/Name><OS>Linux<\/OS>/);
  assert.equal((await client.call('GET', '/services/hostedservices/img-capture/deployments/img-capture')).status, 404, 'the last VM took its deployment with it');
});

test('CaptureVMImage of a specialized VM leaves it stopped; the VM image holds copies of its OS and data disks', async () => {
  await createService(client, 'img-vmimage');
  await createVm(client, 'img-vmimage', { role: 'vm', account: 'imagestore', dataDisks: '<DataVirtualHardDisk><Lun>0</Lun><LogicalDiskSizeInGB>5</LogicalDiskSizeInGB></DataVirtualHardDisk>' });
  const instance = '/services/hostedservices/img-vmimage/deployments/img-vmimage/roleinstances/vm';
  await succeed(client, 'POST', `${instance}/Operations`, `<CaptureRoleAsVMImageOperation xmlns="${NS}"><OperationType>CaptureRoleAsVMImageOperation</OperationType>`
    + '<OSState>Specialized</OSState><VMImageName>vmimage1</VMImageName><VMImageLabel>VM image one</VMImageLabel></CaptureRoleAsVMImageOperation>');
  const details = await client.call('GET', '/services/vmimages/vmimage1/details');
  assert.equal(details.status, 200);
  assert.match(details.text, /<OSDiskConfiguration><Name>vmimage1-os-\d+<\/Name><HostCaching>ReadWrite<\/HostCaching><OSState>Specialized<\/OSState><OS>Linux<\/OS>/);
  assert.match(details.text, /<DataDiskConfigurations><DataDiskConfiguration><Name>vmimage1-datadisk-0-\d+<\/Name><HostCaching>None<\/HostCaching><Lun>0<\/Lun>/);
  assert.match(details.text, /<ServiceName>img-vmimage<\/ServiceName><DeploymentName>img-vmimage<\/DeploymentName><RoleName>vm<\/RoleName>/);
  assert.match((await client.call('GET', '/services/hostedservices/img-vmimage/deployments/img-vmimage')).text, /<InstanceStatus>StoppedVM<\/InstanceStatus>/);
});

test('CreateVMImage makes a VM image from blobs; UpdateVMImage and DeleteVMImage change and remove it', async () => {
  await succeed(client, 'POST', '/services/vmimages', `<VMImage xmlns="${NS}" xmlns:i="${XSI}"><Name>fromblobs</Name><Label>from blobs</Label>`
    + `<OSDiskConfiguration><OSState>Generalized</OSState><OS>Windows</OS><MediaLink>${link('os')}</MediaLink></OSDiskConfiguration>`
    + `<DataDiskConfigurations><DataDiskConfiguration><Lun>0</Lun><MediaLink>${link('data')}</MediaLink></DataDiskConfiguration></DataDiskConfigurations></VMImage>`);
  assert.match((await client.call('GET', '/services/vmimages?category=User')).text, /<VMImage><Name>fromblobs<\/Name><Label>from blobs<\/Label><Category>User<\/Category>/);
  await client.call('PUT', '/services/vmimages/fromblobs', {
    body: `<VMImage xmlns="${NS}"><Label>updated</Label><OSDiskConfiguration><HostCaching>ReadOnly</HostCaching></OSDiskConfiguration><DataDiskConfigurations></DataDiskConfigurations><ShowInGui>false</ShowInGui></VMImage>`,
  });
  const details = (await client.call('GET', '/services/vmimages/fromblobs/details')).text;
  assert.equal(elementText(details, 'Label'), 'updated');
  assert.match(details, /<OSDiskConfiguration><HostCaching>ReadOnly<\/HostCaching>/);
  await succeed(client, 'DELETE', '/services/vmimages/fromblobs');
  assert.equal((await client.call('GET', '/services/vmimages/fromblobs/details')).status, 404);
});
