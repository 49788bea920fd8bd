/**
 * The response object of the documents — isSuccessful, statusCode, response, error { Code, Message }, body,
 * headers, reqopts — for a read, a bodiless creation, a service error, a network failure and invalid input; the
 * callback and promise forms; and the calling convention (optional middle arguments, missing arguments).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { IaasClient } from '../../src/compat/iaas-client.js';
import type { ResponseObject } from '../../src/compat/types.js';
import type { Emulator } from '../../src/emulator/server.js';
import { startTestEmulator } from '../support/emulator.js';
import { clearProxyEnvironment } from '../support/environment.js';
import { facadeFor } from './support.js';

clearProxyEnvironment();
let emulator: Emulator;
let client: IaasClient;

before(async () => {
  emulator = await startTestEmulator();
  client = facadeFor(emulator);
  const created = await client.CreateHostedService('present', { Location: 'West US' });
  assert.equal(created.isSuccessful, true, JSON.stringify(created.error));
});
after(async () => {
  await client.close();
  await emulator.close();
});

/** The documents' callback form. */
function viaCallback(run: (callback: (rsp: ResponseObject) => void) => unknown): Promise<ResponseObject> {
  return new Promise((resolve) => {
    run(resolve);
  });
}

test('success: isSuccessful, statusCode, the parsed response, the body text, headers with x-ms-request-id, reqopts', async () => {
  const rsp = await viaCallback((cb) => client.ListHostedServices(cb));
  assert.equal(rsp.isSuccessful, true);
  assert.equal(rsp.statusCode, 200);
  assert.equal(rsp.error, undefined);
  const services = rsp.response as Array<{ ServiceName: string; HostedServiceProperties: { Label: string } }>;
  assert.equal(services[0]!.ServiceName, 'present');
  assert.equal(services[0]!.HostedServiceProperties.Label, 'present', 'labels arrive decoded');
  assert.match(rsp.body ?? '', /^<HostedServices[\s>]/);
  assert.match(rsp.headers['x-ms-request-id'] ?? '', /^[0-9a-f]{32}$/);
  assert.match(rsp.headers['content-type'] ?? '', /xml/);
  assert.deepEqual(rsp.reqopts, {
    protocol: 'https:', method: 'GET', host: '127.0.0.1', port: emulator.port,
    path: `/${emulator.subscriptionId}/services/hostedservices`,
    headers: { 'x-ms-version': '2014-10-01', accept: 'application/xml' },
  });
  assert.doesNotMatch(JSON.stringify(rsp), /PRIVATE KEY|BEGIN CERTIFICATE/, 'no key or certificate in the response object');
});

test('a creation without a body: response is an empty object, body empty, the request id in the headers', async () => {
  const rsp = await viaCallback((cb) => client.CreateHostedService('bodiless', { Location: 'East US' }, cb));
  assert.equal(rsp.isSuccessful, true);
  assert.equal(rsp.statusCode, 201);
  assert.deepEqual(rsp.response, {});
  assert.equal(rsp.body, '');
  assert.ok(rsp.headers['x-ms-request-id']);
  assert.equal(rsp.reqopts?.method, 'POST');
  assert.equal(rsp.reqopts?.headers['content-type'], 'application/xml; charset=utf-8');
});

test('a service error: isSuccessful false, the status, error { Code, Message } as the sample prints them', async () => {
  const rsp = await viaCallback((cb) => client.GetHostedService('absent', cb));
  assert.equal(rsp.isSuccessful, false);
  assert.equal(rsp.statusCode, 404);
  assert.equal(rsp.response, undefined);
  assert.deepEqual(rsp.error, { Code: 'ResourceNotFound', Message: 'The hosted service does not exist.' });
  assert.match(rsp.headers['x-ms-request-id'] ?? '', /^[0-9a-f]{32}$/);
  assert.equal(rsp.reqopts?.path, `/${emulator.subscriptionId}/services/hostedservices/absent`);
  const conflict = await client.CreateHostedService('present', { Location: 'West US' });
  assert.deepEqual([conflict.statusCode, conflict.error?.Code], [409, 'ConflictError']);
});

test('a network failure: no statusCode, the network error code', async () => {
  const reserved = createServer().listen(0, '127.0.0.1');
  await once(reserved, 'listening');
  const port = (reserved.address() as AddressInfo).port;
  reserved.close();
  const unreachable = facadeFor(emulator, { host: `127.0.0.1:${port}` });
  try {
    const rsp = await unreachable.GetOSImage('anything');
    assert.equal(rsp.isSuccessful, false);
    assert.equal(rsp.statusCode, undefined);
    assert.equal(rsp.error?.Code, 'ECONNREFUSED');
    assert.deepEqual(rsp.headers, {});
  } finally {
    await unreachable.close();
  }
});

test('input the spec refuses: the operation is not sent, the error names the member, and no password appears', async () => {
  const before = emulator.requests.length;
  const rsp = await client.CreateDeployment('present', 'dep', {
    RoleName: 'r', OSDisk: { SourceImageName: 'img' }, DataDisks: [{ LUN: 99, LogicalDiskSizeInGB: 10 }],
    ConfigurationSets: [{ ConfigurationSetType: 'ProvisioningConfiguration', AdminPassword: 'Sup3rSecret!', MachineName: 'm' }],
  });
  assert.equal(emulator.requests.slice(before).some((r) => r.operation === 'CreateVirtualMachineDeployment'), false);
  assert.equal(rsp.isSuccessful, false);
  assert.equal(rsp.error?.Code, 'ValidationError');
  assert.match(rsp.error?.Message ?? '', /Lun/);
  assert.doesNotMatch(JSON.stringify(rsp), /Sup3rSecret/);
  const contradictory = await client.AddDataDisk('present', 'dep', 'r', { DisableReadCache: true, EnableWriteCache: true, LUN: 1 });
  assert.equal(contradictory.error?.Code, 'ValidationError');
});

test('without a callback a method returns a promise of the same object, also on failure', async () => {
  const pending = client.GetHostedService('absent');
  assert.ok(pending instanceof Promise);
  const rsp = await pending;
  assert.deepEqual([rsp.isSuccessful, rsp.statusCode, rsp.error?.Code], [false, 404, 'ResourceNotFound']);
  const found = await client.GetHostedService('present');
  assert.equal((found.response as { ServiceName: string }).ServiceName, 'present');
});

test('the callback runs once, after the call has returned', async () => {
  let calls = 0;
  let returned = false;
  await viaCallback((done) => {
    client.ListHostedServices((rsp) => {
      calls++;
      assert.equal(returned, true);
      done(rsp);
    });
    returned = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(calls, 1);
});

test('optional middle arguments may be left out or passed as null', async () => {
  const left = await viaCallback((cb) => client.CreateHostedService('nomiddle', cb));
  assert.equal(left.isSuccessful, true, JSON.stringify(left.error));
  const nulled = await viaCallback((cb) => client.CreateHostedService('nullmiddle', null, cb));
  assert.equal(nulled.isSuccessful, true, JSON.stringify(nulled.error));
});

test('a missing or mistyped argument throws at once, before anything is sent', () => {
  const before = emulator.requests.length;
  const methods = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  assert.throws(() => methods['GetOSImage']!(), /GetOSImage: imageName is required/);
  assert.throws(() => methods['GetOSImage']!(() => undefined), /imageName is required/);
  assert.throws(() => methods['GetDeployment']!('svc', () => undefined), /GetDeployment: deploymentName is required/);
  assert.throws(() => methods['CreateDeployment']!('svc', 'dep', () => undefined), /VMRole is required/);
  assert.throws(() => methods['RemoveDataDisk']!('svc', 'dep', 'role', 'first', () => undefined), /LUN is required \(a number from 0 to 15\)/);
  assert.throws(() => methods['listOSImage']!('extra', () => undefined), /got 2 arguments/);
  assert.throws(() => methods['CreateHostedService']!('svc', 'not an object', () => undefined), /serviceOptions must be an object, or left out/);
  assert.equal(emulator.requests.length, before);
});
