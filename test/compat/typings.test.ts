/**
 * The facade's TypeScript signatures: these calls must compile (tsc checks them with the tests), and the checks
 * below confirm at run time that the typed overloads are the methods that exist.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IaasClient } from '../../src/compat/index.js';
import type { NoContent, ResponseObject } from '../../src/compat/types.js';
import type { OSImage, Operation } from '../../generated/models/index.js';

/** Never called: compiling it is the test. */
function typedUsage(client: IaasClient): Array<Promise<ResponseObject<unknown>>> {
  client.GetOperationStatus('id', (rsp: ResponseObject<Operation>) => {
    if (rsp.isSuccessful && rsp.response?.Status === 'InProgress') return;
  });
  client.CreateOSImage('name', 'https://a/b.vhd', (rsp: ResponseObject<OSImage>) => rsp.response?.Label);
  client.CreateOSImage('name', 'https://a/b.vhd', { Category: 'User' }, (rsp) => rsp.statusCode);
  client.CreateHostedService('svc', (rsp: ResponseObject<NoContent>) => rsp.headers['x-ms-request-id']);
  client.ModifyDataDisk('svc', 'dep', 'role', '0', { DisableReadCache: true }, (rsp) => rsp.error?.Code);
  client.listOSImage((rsp) => rsp.response?.length);
  const images: Promise<ResponseObject<OSImage[]>> = client.ListOSImages();
  const created: Promise<ResponseObject<NoContent>> = client.CreateDeployment('svc', 'dep', { RoleName: 'r' }, { DeploymentSlot: 'Staging' });
  client.setProxy({ host: 'proxy', port: 3128, proxyAuth: 'user:password' }, false);
  client.SetProxyUrl('http://proxy:3128');
  return [images, created];
}

test('the typed methods are the installed ones', () => {
  assert.equal(typeof typedUsage, 'function');
  for (const name of ['GetOperationStatus', 'CreateOSImage', 'CreateHostedService', 'ModifyDataDisk', 'listOSImage', 'ListOSImages', 'CreateDeployment', 'setProxy', 'SetProxyUrl']) {
    assert.equal(typeof (IaasClient.prototype as unknown as Record<string, unknown>)[name], 'function', name);
  }
});
