/**
 * Every success status the spec lists for the operations whose sources disagree (recordings, Microsoft's clients,
 * documentation) is accepted by the typed client: a synchronous one resolves with its metadata or body, an
 * asynchronous one answered 200/201 resolves as already completed (wait() reads no status), answered 202 it polls.
 * The statuses come from the operations' descriptors, so a status added to the spec is tested here too.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ServiceManagementClient } from '../../generated/client.js';
import { AddManagementCertificateOperation } from '../../generated/operations/AddManagementCertificate.js';
import { DeleteHostedServiceOperation } from '../../generated/operations/DeleteHostedService.js';
import { DeleteManagementCertificateOperation } from '../../generated/operations/DeleteManagementCertificate.js';
import { DeleteVMImageOperation } from '../../generated/operations/DeleteVMImage.js';
import { RollbackUpdateOrUpgradeOperation } from '../../generated/operations/RollbackUpdateOrUpgrade.js';
import { UnreplicateOSImageOperation } from '../../generated/operations/UnreplicateOSImage.js';
import { UnreplicateVMImageOperation } from '../../generated/operations/UnreplicateVMImage.js';
import { UpdateDataDiskOperation } from '../../generated/operations/UpdateDataDisk.js';
import { UpdateDiskOperation } from '../../generated/operations/UpdateDisk.js';
import { certificateFromPem } from '../../src/client/credentials.js';
import type { OperationDescriptor } from '../../src/core/shapes.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { testPki } from '../support/pki.js';
import { operationXml, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

clearProxyEnvironment();
const pki = testPki();
let server: ScriptedServer;
let client: ServiceManagementClient;

before(async () => {
  server = await startScriptedServer();
  client = new ServiceManagementClient({
    subscriptionId: '00000000-0000-0000-0000-00000000abcd', credential: certificateFromPem(pki.client), endpoint: server.url,
    ca: pki.ca.cert, polling: { minDelayMs: 5, maxDelayMs: 20 }, retry: { maxRetries: 0 },
  });
});
after(async () => {
  await client.close();
  await server.close();
});

const NS = 'xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';
const DISK_XML = `<Disk ${NS}><Label>data</Label><LogicalDiskSizeInGB>64</LogicalDiskSizeInGB><MediaLink>https://a.blob.core.windows.net/v/d.vhd</MediaLink><Name>d</Name></Disk>`;
const CERT = Buffer.from('certificate').toString('base64');

interface Case {
  op: OperationDescriptor;
  call: () => Promise<unknown>;
  /** Body the service sent with a status whose response has one. */
  body?: string;
}

const cases: Case[] = [
  { op: AddManagementCertificateOperation, call: () => client.addManagementCertificate({ SubscriptionCertificatePublicKey: CERT, SubscriptionCertificateThumbprint: 'AB01', SubscriptionCertificateData: CERT }) },
  { op: DeleteManagementCertificateOperation, call: () => client.deleteManagementCertificate({ Thumbprint: 'AB01' }) },
  { op: UpdateDataDiskOperation, call: () => client.updateDataDisk({ ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', Lun: 0, DataVirtualHardDisk: { HostCaching: 'None', Lun: 0 } }) },
  { op: UpdateDiskOperation, call: () => client.updateDisk({ DiskName: 'd', Label: 'data', Name: 'd', ResizedSizeInGB: 64 }), body: DISK_XML },
  { op: UnreplicateOSImageOperation, call: () => client.unreplicateOSImage({ ImageName: 'img' }) },
  { op: UnreplicateVMImageOperation, call: () => client.unreplicateVMImage({ VMImageName: 'img' }) },
  { op: DeleteVMImageOperation, call: () => client.deleteVMImage({ VMImageName: 'img' }) },
  { op: DeleteHostedServiceOperation, call: () => client.deleteHostedService({ ServiceName: 's' }) },
  { op: RollbackUpdateOrUpgradeOperation, call: () => client.rollbackUpdateOrUpgrade({ ServiceName: 's', DeploymentName: 'd', Mode: 'Auto', Force: false }) },
];

interface Accepted { statusCode: number; completed: boolean; requestId: string; wait(): Promise<{ status: string }> }

for (const { op, call, body } of cases) {
  for (const response of op.responses) {
    test(`${op.name}: the client accepts ${response.status}`, async () => {
      let statusReads = 0;
      server.handle((request) => {
        if (request.path.includes('/operations/')) {
          statusReads++;
          return { status: 200, body: operationXml('req-1', 'Succeeded', 200) };
        }
        return { status: response.status, headers: { 'x-ms-request-id': 'req-1' }, ...(response.body !== undefined && body !== undefined ? { body } : {}) };
      });
      const result = await call();
      if (op.async === undefined) {
        if (response.body !== undefined) assert.equal((result as { Name?: string }).Name, 'd');
        else assert.deepEqual(result, { statusCode: response.status, requestId: 'req-1' });
        return;
      }
      const accepted = result as Accepted;
      assert.equal(accepted.statusCode, response.status);
      assert.equal(accepted.requestId, 'req-1');
      assert.equal(accepted.completed, response.status !== 202, 'only a 202 is still running');
      assert.equal((await accepted.wait()).status, 'Succeeded');
      assert.equal(statusReads, response.status === 202 ? 1 : 0, 'a finished answer needs no status read');
    });
  }
}
