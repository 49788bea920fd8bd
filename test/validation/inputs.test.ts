/**
 * validate() from the package root: a typed input checked by the rules the client applies before sending,
 * answered as { valid, issues } without throwing; by name (a typed union) or by descriptor.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { operationsByName, validate, type OperationInput, type OperationName } from '../../generated/index.js';

const CreateHostedServiceOperation = operationsByName.CreateHostedService;

test('a valid input passes by name and by descriptor', () => {
  const input = { ServiceName: 'svc-1', Label: 'My service', Location: 'West US' };
  assert.deepEqual(validate('CreateHostedService', input), { valid: true, issues: [], warnings: [] });
  assert.deepEqual(validate(CreateHostedServiceOperation, input), { valid: true, issues: [], warnings: [] });
  const name: OperationName = 'CreateHostedService';
  assert.equal(operationsByName[name], CreateHostedServiceOperation);
});

test('issues carry the path, the rule and what it asks, for every broken rule at once', () => {
  const result = validate('CreateHostedService', { ServiceName: 'bad name!', Label: 'x'.repeat(101), Location: 'West US', AffinityGroup: 'ag' });
  assert.equal(result.valid, false);
  assert.deepEqual(result.issues.map((i) => `${i.path}: ${i.rule}`).sort(), ['(input): exactlyOne', 'Label: maxLength', 'ServiceName: pattern']);
  assert.match(result.issues.find((i) => i.rule === 'maxLength')!.message, /at most 100 characters/);
});

test('response-only members, value sets and ranges are refused on input', () => {
  const role = {
    ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', DefaultWinRmCertificateThumbprint: '5F2A', MigrationState: 'Prepared',
    ConfigurationSets: [{ ConfigurationSetType: 'NetworkConfiguration' as const, InputEndpoints: [{ Name: 'ssh', LocalPort: 22, Port: 99999, Protocol: 'tpc' }] }],
  };
  // What TypeScript lets through (strings for value sets, numbers for ranges) is checked at run time.
  const result = validate('AddRole', role as unknown as OperationInput<'AddRole'>);
  assert.deepEqual(result.issues.map((i) => `${i.path}: ${i.rule}`).sort(), [
    'ConfigurationSets[0].InputEndpoints[0].Port: maximum',
    'ConfigurationSets[0].InputEndpoints[0].Protocol: enum',
    'DefaultWinRmCertificateThumbprint: readOnly',
    'MigrationState: readOnly',
  ]);
});

test('a value that is not an object is an issue, not an exception', () => {
  assert.deepEqual(validate('ListLocations', null as never).issues, [{ path: '(input)', rule: 'type', message: 'expected an object' }]);
});
