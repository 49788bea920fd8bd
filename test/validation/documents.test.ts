/**
 * validateDocument() from the package root: wire documents (XML and JSON) checked by the rules the emulator
 * applies on receipt. Each mutation of a valid document is refused with the path and the rule that name it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateDocument, type ValidationResult } from '../../generated/index.js';

const NS = 'xmlns="http://schemas.microsoft.com/windowsazure"';
const label = Buffer.from('My service').toString('base64');

function createHostedService(inner: string): string {
  return `<CreateHostedService ${NS}>${inner}</CreateHostedService>`;
}

const VALID = createHostedService(`<ServiceName>svc-1</ServiceName><Label>${label}</Label><Location>West US</Location>`);

function refusals(result: ValidationResult): string[] {
  return result.issues.map((i) => `${i.path}: ${i.rule}`);
}

test('a valid request document passes, as XML and as JSON', () => {
  assert.deepEqual(validateDocument('CreateHostedService', VALID), { valid: true, issues: [], warnings: [] });
  const json = JSON.stringify({ ServiceName: 'svc-1', Label: label, Location: 'West US' });
  assert.equal(validateDocument('CreateHostedService', json, { format: 'json' }).valid, true);
});

test('a missing member, an element out of order and a wrong type are refused with their path and rule', () => {
  const missing = validateDocument('CreateHostedService', createHostedService(`<ServiceName>svc-1</ServiceName><Location>West US</Location>`));
  assert.deepEqual(refusals(missing), ['CreateHostedService.Label: required']);
  const outOfOrder = validateDocument('CreateHostedService', createHostedService(`<Label>${label}</Label><ServiceName>svc-1</ServiceName><Location>West US</Location>`));
  // The service skipped an element out of its contract's order: ServiceName, skipped, is then missing.
  assert.deepEqual(refusals(outOfOrder), ['CreateHostedService.ServiceName: required', 'CreateHostedService.ServiceName: order']);
  assert.match(outOfOrder.issues[1]!.message, /must come before Label/);
  // An optional member out of order is skipped too: the request is valid, and the loss is a warning.
  const lateDescription = validateDocument('CreateHostedService', createHostedService(`<ServiceName>svc-1</ServiceName><Label>${label}</Label><Location>West US</Location><Description>d</Description>`));
  assert.equal(lateDescription.valid, true);
  assert.deepEqual(lateDescription.warnings.map((w) => `${w.path}: ${w.rule}`), ['CreateHostedService.Description: order']);
  const disk = (lun: string) => `<DataVirtualHardDisk ${NS}><HostCaching>ReadOnly</HostCaching><Lun>${lun}</Lun><LogicalDiskSizeInGB>10</LogicalDiskSizeInGB></DataVirtualHardDisk>`;
  assert.equal(validateDocument('AddDataDisk', disk('1')).valid, true);
  assert.deepEqual(refusals(validateDocument('AddDataDisk', disk('one'))), ['DataVirtualHardDisk.Lun: value format']);
  assert.deepEqual(refusals(validateDocument('AddDataDisk', disk('64'))), ['DataVirtualHardDisk.Lun: maximum']);
});

test('values outside their value set or range are refused; case does not matter, as on the service', () => {
  const role = (endpoint: string) => `<PersistentVMRole ${NS}><RoleName>vm</RoleName><RoleType>PersistentVMRole</RoleType><ConfigurationSets><ConfigurationSet><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType><InputEndpoints><InputEndpoint>${endpoint}</InputEndpoint></InputEndpoints></ConfigurationSet></ConfigurationSets></PersistentVMRole>`;
  const endpoint = (protocol: string, port: string) => `<LocalPort>22</LocalPort><Name>ssh</Name><Port>${port}</Port><Protocol>${protocol}</Protocol>`;
  assert.equal(validateDocument('AddRole', role(endpoint('tcp', '22'))).valid, true);
  assert.equal(validateDocument('AddRole', role(endpoint('TCP', '22'))).valid, true);
  const typo = validateDocument('AddRole', role(endpoint('tpc', '22')));
  assert.deepEqual(refusals(typo), ['PersistentVMRole.ConfigurationSets[0].InputEndpoints[0].Protocol: enum']);
  assert.match(typo.issues[0]!.message, /must be one of tcp, udp/);
  assert.deepEqual(refusals(validateDocument('AddRole', role(endpoint('tcp', '99999')))), ['PersistentVMRole.ConfigurationSets[0].InputEndpoints[0].Port: maximum']);
});

test('the rules between members: both or neither of Location and AffinityGroup are refused', () => {
  const both = validateDocument('CreateHostedService', createHostedService(`<ServiceName>svc-1</ServiceName><Label>${label}</Label><Location>West US</Location><AffinityGroup>ag</AffinityGroup>`));
  assert.deepEqual(refusals(both), ['CreateHostedService: exactlyOne']);
  assert.match(both.issues[0]!.message, /exactly one of Location, AffinityGroup/);
  const neither = validateDocument('CreateHostedService', createHostedService(`<ServiceName>svc-1</ServiceName><Label>${label}</Label>`));
  assert.deepEqual(refusals(neither), ['CreateHostedService: exactlyOne']);
  const update = validateDocument('UpdateHostedService', `<UpdateHostedService ${NS}><ReverseDnsFqdn>x.example.</ReverseDnsFqdn></UpdateHostedService>`);
  assert.deepEqual(refusals(update), ['UpdateHostedService: atLeastOne']);
  const capture = validateDocument('CaptureRole', `<CaptureRoleOperation ${NS}><OperationType>CaptureRoleOperation</OperationType><PostCaptureAction>Reprovision</PostCaptureAction><TargetImageLabel>l</TargetImageLabel><TargetImageName>n</TargetImageName></CaptureRoleOperation>`);
  assert.deepEqual(refusals(capture), ['CaptureRoleOperation.ProvisioningConfiguration: requiredIf']);
});

test('a response-only member is refused on input and accepted in a response', () => {
  const role = (extra: string) => `<PersistentVMRole ${NS}><RoleName>vm</RoleName><RoleType>PersistentVMRole</RoleType>${extra}</PersistentVMRole>`;
  const thumbprint = '<DefaultWinRmCertificateThumbprint>5F2A</DefaultWinRmCertificateThumbprint>';
  const input = validateDocument('AddRole', role(thumbprint));
  assert.deepEqual(refusals(input), ['PersistentVMRole.DefaultWinRmCertificateThumbprint: readOnly']);
  const response = validateDocument('GetRole', role(thumbprint), { as: 'response' });
  assert.deepEqual(response, { valid: true, issues: [], warnings: [] });
});

test('in a response, elements the spec does not know are warnings, not refusals; required input members may be absent', () => {
  const result = validateDocument('GetRole', `<PersistentVMRole ${NS}><RoleName>vm</RoleName><NewMember>x</NewMember></PersistentVMRole>`, { as: 'response' });
  assert.equal(result.valid, true);
  assert.deepEqual(result.warnings.map((w) => `${w.path}: ${w.rule}`), ['PersistentVMRole.NewMember: unknown element']);
  // The same element in a request is refused.
  assert.deepEqual(refusals(validateDocument('AddRole', `<PersistentVMRole ${NS}><RoleName>vm</RoleName><RoleType>PersistentVMRole</RoleType><NewMember>x</NewMember></PersistentVMRole>`)), ['PersistentVMRole.NewMember: unknown element']);
});

test('documents that are not documents of the operation are refused as such', () => {
  assert.deepEqual(refusals(validateDocument('CreateHostedService', '<CreateHostedService')), ['(document): well-formed']);
  assert.deepEqual(refusals(validateDocument('CreateHostedService', `<Other ${NS}/>`)), ['(document): root element']);
  assert.deepEqual(refusals(validateDocument('CreateHostedService', '{', { format: 'json' })), ['(document): well-formed']);
  assert.deepEqual(refusals(validateDocument('ListLocations', '<x/>')), ['(document): body']);
  assert.throws(() => validateDocument('NoSuchOperation' as 'ListLocations', VALID), /NoSuchOperation is not an operation of the spec/);
});

test('a hostile document is refused as an issue, never thrown: nesting past the reader\'s depth, a namespace bomb', () => {
  const deep = createHostedService(`<ServiceName>svc-1</ServiceName>${'<U>'.repeat(5_000)}${'</U>'.repeat(5_000)}`);
  const result = validateDocument('CreateHostedService', deep);
  assert.deepEqual(refusals(result), ['(document): well-formed']);
  assert.match(result.issues[0]!.message, /nest deeper than 64 levels/);
  const declarations = Array.from({ length: 4_000 }, (_, i) => `<U xmlns:p${i}="urn:${i}"/>`).join('');
  const bomb = createHostedService(`<ServiceName>svc-1</ServiceName><Label>${label}</Label><Location>West US</Location>${declarations}`);
  assert.deepEqual(refusals(validateDocument('CreateHostedService', bomb)), ['CreateHostedService.U: unknown element']);
});
