/**
 * Requests the classic xplat-cli sent that the service accepted, end to end through the typed client over
 * HTTPS: attaching an existing disk with the placeholder MediaLink http://dummy (AddDataDisk, and data disks of
 * a new deployment), a service certificate whose "pfx" data is PEM text, and a VM from the user's own OS image
 * without a MediaLink (only platform images need one).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import { ServiceError, ServiceManagementClient, type Role } from '../../generated/index.js';
import { provisioningSet, seedRole, vhdUrl } from '../../tools/demo/seed-vm.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { typedClientFor } from '../support/typed-client.js';

let emulator: Emulator;
let client: ServiceManagementClient;
const STORE = 'clireqstore';

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  await client.createStorageAccount({ ServiceName: STORE, Label: STORE, Location: 'West US' }, { wait: true });
});

after(async () => {
  await client.close();
  await emulator.close();
});

async function vmDeployment(service: string, role: Role): Promise<void> {
  await client.createHostedService({ ServiceName: service, Label: service, Location: 'West US' });
  await client.createVirtualMachineDeployment({ ServiceName: service, Name: service, DeploymentSlot: 'Production', Label: service, RoleList: [role] }, { wait: true });
}

test('AddDataDisk with DiskName and MediaLink http://dummy attaches that disk, as the CLI\'s vm disk attach did', async () => {
  await vmDeployment('attachsvc', { ...seedRole(STORE), DataVirtualHardDisks: [] });
  await client.addDisk({ Name: 'spare-data', Label: 'spare', MediaLink: vhdUrl(STORE, 'spare-data.vhd') });
  await client.addDataDisk({
    ServiceName: 'attachsvc', DeploymentName: 'attachsvc', RoleName: 'sampleRole', DiskName: 'spare-data', MediaLink: 'http://dummy', LogicalDiskSizeInGB: 10, Lun: 2,
  }, { wait: true });
  const attached = await client.getDataDisk({ ServiceName: 'attachsvc', DeploymentName: 'attachsvc', RoleName: 'sampleRole', Lun: 2 });
  assert.equal(attached.DiskName, 'spare-data');
  assert.equal(attached.MediaLink, vhdUrl(STORE, 'spare-data.vhd'));
  const disk = await client.getDisk({ DiskName: 'spare-data' });
  assert.equal(disk.AttachedTo?.RoleName, 'sampleRole');
  assert.equal((await client.listDisks()).filter((d) => d.MediaLink === 'http://dummy').length, 0, 'no disk is made of the placeholder');

  // A placeholder beside a name no disk has is still refused: there is nothing to attach and no blob to make.
  await assert.rejects(client.addDataDisk({
    ServiceName: 'attachsvc', DeploymentName: 'attachsvc', RoleName: 'sampleRole', DiskName: 'no-such-disk', MediaLink: 'http://dummy', LogicalDiskSizeInGB: 10, Lun: 3,
  }), (err: unknown) => err instanceof ServiceError && err.statusCode === 400 && /http:\/\/dummy is not a valid blob URL/.test(err.detail));
});

test('a new deployment\'s data disk naming an existing disk with MediaLink http://dummy attaches it', async () => {
  await client.addDisk({ Name: 'spare-data-2', Label: 'spare2', MediaLink: vhdUrl(STORE, 'spare-data-2.vhd') });
  await vmDeployment('attachsvc2', {
    ...seedRole(STORE), OSVirtualHardDisk: { SourceImageName: seedRole(STORE).OSVirtualHardDisk!.SourceImageName, MediaLink: vhdUrl(STORE, 'attach2-os.vhd') },
    DataVirtualHardDisks: [{ DiskName: 'spare-data-2', MediaLink: 'http://dummy', LogicalDiskSizeInGB: 10, Lun: 0 }],
  });
  const role = await client.getRole({ ServiceName: 'attachsvc2', DeploymentName: 'attachsvc2', RoleName: 'sampleRole' });
  assert.deepEqual(role.DataVirtualHardDisks?.map((d) => [d.DiskName, d.MediaLink]), [['spare-data-2', vhdUrl(STORE, 'spare-data-2.vhd')]]);
});

test('a service certificate posted as "pfx" whose data is PEM text is accepted; its certificate is kept', async () => {
  await client.createHostedService({ ServiceName: 'pemcertsvc', Label: 'pemcertsvc', Location: 'West US' });
  const pemText = `${emulator.clientCert.key}\n${emulator.clientCert.cert}`;
  await client.addServiceCertificate({ ServiceName: 'pemcertsvc', Data: Buffer.from(pemText).toString('base64'), CertificateFormat: 'pfx', Password: '' }, { wait: true });
  const [listed] = await client.listServiceCertificates({ ServiceName: 'pemcertsvc' });
  const der = new (await import('node:crypto')).X509Certificate(emulator.clientCert.cert);
  assert.equal(listed?.Thumbprint, der.fingerprint.replace(/:/g, ''));
  assert.ok(!JSON.stringify(listed).includes('PRIVATE KEY'), 'the private key is not kept');

  const broken = Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n').toString('base64');
  await assert.rejects(client.addServiceCertificate({ ServiceName: 'pemcertsvc', Data: broken, CertificateFormat: 'pfx', Password: '' }),
    (err: unknown) => err instanceof ServiceError && err.statusCode === 400 && /PEM text holds no readable X\.509 certificate/.test(err.detail));
});

test('a VM from the user\'s own OS image needs no MediaLink (its disk goes next to the image); a platform image still does', async () => {
  await client.addOSImage({ Name: 'my-linux', Label: 'my linux', MediaLink: vhdUrl(STORE, 'my-linux.vhd'), OS: 'Linux' });
  const linux: Role = {
    RoleName: 'own', RoleSize: 'Small', OSVirtualHardDisk: { SourceImageName: 'my-linux' },
    ConfigurationSets: [{ ConfigurationSetType: 'LinuxProvisioningConfiguration', HostName: 'own', UserName: 'azureuser', UserPassword: 'Pa55word!', DisableSshPasswordAuthentication: false }],
  };
  await vmDeployment('ownimagesvc', linux);
  const role = await client.getRole({ ServiceName: 'ownimagesvc', DeploymentName: 'ownimagesvc', RoleName: 'own' });
  assert.match(role.OSVirtualHardDisk?.MediaLink ?? '', new RegExp(`^https://${STORE}\\.blob\\.core\\.windows\\.net/vhds/ownimagesvc-own-os-\\w+\\.vhd$`));

  await client.createHostedService({ ServiceName: 'platformsvc', Label: 'platformsvc', Location: 'West US' });
  const platform: Role = { ...seedRole(STORE), ConfigurationSets: [provisioningSet('m1')], OSVirtualHardDisk: { SourceImageName: seedRole(STORE).OSVirtualHardDisk!.SourceImageName } };
  await assert.rejects(client.createVirtualMachineDeployment({ ServiceName: 'platformsvc', Name: 'p', DeploymentSlot: 'Production', Label: 'p', RoleList: [platform] }),
    (err: unknown) => err instanceof ServiceError && err.statusCode === 400 && /MediaLink of the OS disk of role sampleRole must be specified: it names the blob created from platform image/.test(err.detail));
});
