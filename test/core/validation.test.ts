import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { bodyViolations, memberAccepts, paramViolations, validateInput } from '../../src/core/validation.js';
import { CreateHostedServiceShape } from '../../generated/models/CreateHostedService.js';
import { CreateHostedServiceOperation } from '../../generated/operations/CreateHostedService.js';
import { GetDataDiskOperation } from '../../generated/operations/GetDataDisk.js';
import { AddRoleOperation as GeneratedAddRole } from '../../generated/operations/AddRole.js';
import { AddRoleOperation } from './fixtures.js';

function issues(op: Parameters<typeof validateInput>[0], input: unknown): string[] {
  try {
    validateInput(op, input);
    return [];
  } catch (err) {
    assert.ok(err instanceof ValidationError);
    return err.issues.map((i) => `${i.path}: ${i.rule}`);
  }
}

test('a valid input passes', () => {
  assert.deepEqual(issues(CreateHostedServiceOperation, { ServiceName: 'svc-1', Label: 'x', Location: 'West US' }), []);
  assert.deepEqual(issues(AddRoleOperation, {
    ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', Created: new Date(),
    ConfigurationSets: [{ ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: 'h' }],
  }), []);
});

test('missing required members are named with their path', () => {
  assert.deepEqual(issues(CreateHostedServiceOperation, { Label: 'x', Location: 'West US' }), ['ServiceName: required']);
  assert.deepEqual(issues(AddRoleOperation, { DeploymentName: 'd', RoleName: 'vm', ConfigurationSets: [{ ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ Name: 'http' }] }] }),
    ['ServiceName: required', 'ConfigurationSets[0].InputEndpoints[0].LocalPort: required']);
});

test('types, ranges, enums, patterns, unknown members and variants are checked', () => {
  assert.deepEqual(issues(AddRoleOperation, { ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', Lun: 16 }), ['Lun: must be <= 15']);
  assert.deepEqual(issues(AddRoleOperation, { ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', Created: 'yesterday' }), ['Created: must be a Date or an ISO 8601 string']);
  assert.deepEqual(issues(AddRoleOperation, { ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', Colour: 'red' }), ['Colour: unknown member']);
  assert.deepEqual(issues(CreateHostedServiceOperation, { ServiceName: 'bad name!', Label: 'x', Location: 'West US' }), ['ServiceName: must match pattern "^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$"']);
  assert.deepEqual(issues(AddRoleOperation, { ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', ConfigurationSets: [{ ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ Name: 'x', LocalPort: 1, Protocol: 'icmp' }] }] }),
    ['ConfigurationSets[0].InputEndpoints[0].Protocol: must be one of tcp, udp']);
  assert.deepEqual(issues(AddRoleOperation, { ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', ConfigurationSets: [{ ConfigurationSetType: 'Bogus' }] }),
    ['ConfigurationSets[0].ConfigurationSetType: must select a known variant']);
});

test('the message names fields and rules but never the values', () => {
  try {
    validateInput(AddRoleOperation, { ServiceName: 's', DeploymentName: 'd', RoleName: 'vm', ConfigurationSets: [{ ConfigurationSetType: 'WindowsProvisioningConfiguration', AdminPassword: 42 }] });
    assert.fail('expected a ValidationError');
  } catch (err) {
    assert.ok(err instanceof ValidationError);
    assert.match(err.message, /AddRole: invalid input: .*ConfigurationSets\[0\]\.ComputerName: required/);
    assert.match(err.message, /ConfigurationSets\[0\]\.AdminPassword: must be string/);
    assert.doesNotMatch(err.message, /42/);
  }
});

test('a body read from the wire is checked by the same rules as the input the client sends', () => {
  const body = CreateHostedServiceOperation.request!;
  const bad = { ServiceName: 'bad name!', Label: 'x'.repeat(101), Location: 'West US' };
  const wire = bodyViolations(body, bad).map((v) => `${v.path}: ${v.keyword}`);
  assert.deepEqual(wire, ['ServiceName: pattern', 'Label: maxLength']);
  assert.deepEqual(issues(CreateHostedServiceOperation, bad).map((i) => i.split(':')[0]), ['ServiceName', 'Label']);
});

test('on the wire a const member is required; in the input the client fills it in', () => {
  const role = { RoleName: 'vm', RoleSize: 'Small' };
  assert.deepEqual(bodyViolations(GeneratedAddRole.request!, role).map((v) => `${v.path}: ${v.keyword} ${String(v.params['allowedValue'])}`), ['RoleType: const PersistentVMRole']);
  assert.deepEqual(issues(GeneratedAddRole, { ServiceName: 's', DeploymentName: 'd', ...role }), []);
});

test('parameters and single members are checked by the same rules', () => {
  const disk = { ServiceName: 's', DeploymentName: 'd', RoleName: 'vm' };
  assert.deepEqual(paramViolations(GetDataDiskOperation, { ...disk, Lun: 63 }), []);
  assert.deepEqual(paramViolations(GetDataDiskOperation, { ...disk, Lun: 64 }).map((v) => `${v.path}: ${v.keyword} ${String(v.params['limit'])}`), ['Lun: maximum 63']);
  const serviceName = (CreateHostedServiceShape.members.find((m) => m.name === 'ServiceName'))!;
  assert.equal(memberAccepts(serviceName, 'good-name'), true);
  assert.equal(memberAccepts(serviceName, '-bad'), false);
});
