import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { buildPathAndQuery, prepareRequest } from '../../src/client/request.js';
import { GetHostedServiceOperation } from '../../generated/operations/GetHostedService.js';
import { AddRoleOperation } from '../core/fixtures.js';

const SUB = '00000000-0000-0000-0000-000000000000';

test('path parameters are encoded segment by segment; query flags and typed query values follow', () => {
  assert.equal(buildPathAndQuery(AddRoleOperation, SUB, { ServiceName: 'a/b?c#d e', DeploymentName: 'é', Verbose: true, Purge: true }),
    `/${SUB}/services/hostedservices/a%2Fb%3Fc%23d%20e/deployments/%C3%A9/roles?verbose=true&comp=media`);
  assert.equal(buildPathAndQuery(AddRoleOperation, SUB, { ServiceName: 's', DeploymentName: 'd', Purge: false }), `/${SUB}/services/hostedservices/s/deployments/d/roles`);
  assert.equal(buildPathAndQuery(GetHostedServiceOperation, SUB, { ServiceName: 's', EmbedDetail: false }), `/${SUB}/services/hostedservices/s?embed-detail=false`);
});

test('"." and ".." and empty path parameters are refused before anything is sent', () => {
  for (const bad of ['..', '.', '']) {
    assert.throws(() => buildPathAndQuery(AddRoleOperation, SUB, { ServiceName: bad, DeploymentName: 'd' }),
      (e: unknown) => e instanceof ValidationError && e.issues[0]!.path === 'ServiceName');
  }
});

test('the body holds the input minus its parameters; headers carry version, type and agent', () => {
  const prepared = prepareRequest(AddRoleOperation, { ServiceName: 's', DeploymentName: 'd', RoleName: 'vm' }, {
    subscriptionId: SUB, apiVersion: '2014-10-01', namespace: 'urn:ns', serializeType: 'xml', userAgent: 'ua',
  });
  assert.equal(prepared.method, 'POST');
  assert.match(prepared.body!, /<PersistentVMRole xmlns="urn:ns"[^>]*><RoleName>vm<\/RoleName><\/PersistentVMRole>$/);
  assert.equal(prepared.headers['x-ms-version'], '2014-10-01');
  assert.equal(prepared.headers['content-type'], 'application/xml; charset=utf-8');
  assert.equal(prepared.headers['user-agent'], 'ua');
});

test('JSON bodies use the same members with base64 encoded as on the XML wire', () => {
  const prepared = prepareRequest(AddRoleOperation, { ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', Label: 'hello' }, {
    subscriptionId: SUB, apiVersion: '2014-10-01', namespace: 'urn:ns', serializeType: 'json', userAgent: 'ua',
  });
  assert.equal(prepared.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(prepared.body!), { RoleName: 'vm', Label: 'aGVsbG8=' });
});
