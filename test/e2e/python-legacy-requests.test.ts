/**
 * What a user of Microsoft's Python legacy SDK (azure-servicemanagement-legacy) meets, over HTTPS with its
 * management certificate: requests shaped as its transport sends them (Content-Type application/atom+xml on every
 * non-GET, a Content-Length, x-ms-version 2014-10-01 or the call's own, its paths with `/?comp=` and lowercase
 * `roles/Operations`, empty bodies for the role-instance actions) and bodies in its serializers' element order
 * (tools/crosscheck-python/python-legacy-bodies.json), then its polling: the x-ms-request-id of each as_async call
 * through Get Operation Status until Succeeded. The flow is its main one: cloud service, storage account, a Linux
 * VM deployment, a Windows role added, the role updated, a data disk, lists and gets, deletes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import { clientFor, elementText, startTestEmulator, type Answer, type TestClient } from '../emulator/helpers.js';

let emulator: Emulator;
let http: TestClient;

const CONTENT_TYPE = 'application/atom+xml;type=entry;charset=utf-8';
const LINUX_IMAGE = '5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-66-20150325';
const WINDOWS_IMAGE = 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd';
const STORE = 'pylegacystore';
const SERVICE = 'pylegacysvc';
const vhd = (blob: string): string => `https://${STORE}.blob.core.windows.net/vhds/${blob}`;
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** Their data_to_xml: one element per pair, in the given order, leaving out the unset ones. */
function leaves(pairs: ReadonlyArray<readonly [string, string | number | boolean | undefined]>): string {
  return pairs.filter(([, v]) => v !== undefined).map(([n, v]) => `<${n}>${typeof v === 'boolean' ? String(v).toLowerCase() : String(v)}</${n}>`).join('');
}

/** Their doc_from_xml: the root with the i and default namespaces, no XML declaration. */
function doc(root: string, inner: string): string {
  return `<${root} xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/windowsazure">${inner}</${root}>`;
}

/** As their _HTTPClient sends: a Content-Length always, the atom Content-Type on every non-GET. */
async function send(method: string, path: string, body = '', version = '2014-10-01'): Promise<Answer> {
  const headers: Record<string, string> = { 'User-Agent': 'pyazure/0.20.0' };
  if (method !== 'GET') Object.assign(headers, { 'Content-Type': CONTENT_TYPE, 'Content-Length': String(Buffer.byteLength(body)) });
  return http.call(method, path, { ...(method !== 'GET' ? { body } : {}), headers, version });
}

/** Their _perform_*: any status below 300 is success (the caller raises otherwise). */
function succeeded(answer: Answer, what: string): Answer {
  assert.ok(answer.status >= 200 && answer.status < 300, `${what}: ${answer.status} ${answer.text}`);
  return answer;
}

/** An as_async call: the x-ms-request-id header, then wait_for_operation_status's polling of Get Operation Status. */
async function sendAndWait(method: string, path: string, body = '', version?: string): Promise<void> {
  const answer = succeeded(await send(method, path, body, version), `${method} ${path}`);
  const id = answer.headers['x-ms-request-id'];
  assert.equal(typeof id, 'string', `${method} ${path} answers an x-ms-request-id`);
  for (let i = 0; i < 50; i++) {
    const status = succeeded(await send('GET', `/operations/${String(id)}`), 'Get Operation Status');
    const state = elementText(status.text, 'Status');
    if (state === 'Succeeded') return;
    assert.equal(state, 'InProgress', `${method} ${path} failed: ${status.text}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail(`${method} ${path} did not finish`);
}

function networkSet(endpoint: string, port: number): string {
  return `<ConfigurationSet>${leaves([['ConfigurationSetType', 'NetworkConfiguration']])}<InputEndpoints><InputEndpoint>`
    + `${leaves([['LocalPort', port], ['Name', endpoint], ['Port', port]])}${leaves([['Protocol', 'tcp']])}</InputEndpoint></InputEndpoints>`
    + '<SubnetNames></SubnetNames></ConfigurationSet>';
}

function osDisk(image: string, blob: string): string {
  return `<OSVirtualHardDisk>${leaves([['MediaLink', vhd(blob)], ['SourceImageName', image]])}</OSVirtualHardDisk>`;
}

const deployment = `/services/hostedservices/${SERVICE}/deployments/${SERVICE}`;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  http = clientFor(emulator);
});

after(async () => {
  await http.close();
  await emulator.close();
});

test('cloud service and storage account, as create_hosted_service and create_storage_account send them', async () => {
  const created = succeeded(await send('POST', '/services/hostedservices', doc('CreateHostedService', leaves([
    ['ServiceName', SERVICE], ['Label', b64('python label')], ['Description', 'from python'], ['Location', 'West US'],
  ]) + '<ExtendedProperties><ExtendedProperty><Name>ext1</Name><Value>val1</Value></ExtendedProperty></ExtendedProperties>')), 'create_hosted_service');
  assert.equal(created.status, 201);
  await sendAndWait('POST', '/services/storageservices', doc('CreateStorageServiceInput', leaves([
    ['ServiceName', STORE], ['Description', 'python storage'], ['Label', b64('python storage')], ['Location', 'West US'],
  ]) + leaves([['AccountType', 'Standard_LRS']])));

  const service = succeeded(await send('GET', `/services/hostedservices/${SERVICE}?embed-detail=false`), 'get_hosted_service_properties');
  assert.equal(elementText(service.text, 'Label'), b64('python label'));
  const store = succeeded(await send('GET', `/services/storageservices/${STORE}`), 'get_storage_account_properties');
  assert.equal(elementText(store.text, 'AccountType'), 'Standard_LRS');
});

test('a Linux VM deployment, a Windows role added, the role updated, a data disk: each applied as sent', async () => {
  const linuxSet = `<ConfigurationSet>${leaves([
    ['ConfigurationSetType', 'LinuxProvisioningConfiguration'], ['HostName', 'pylinux'], ['UserName', 'azureuser'], ['UserPassword', 'Pa55word!x'],
    ['DisableSshPasswordAuthentication', false],
  ])}${leaves([['CustomData', b64('#cloud-config')]])}</ConfigurationSet>`;
  await sendAndWait('POST', `/services/hostedservices/${SERVICE}/deployments`, doc('Deployment', leaves([
    ['Name', SERVICE], ['DeploymentSlot', 'production'], ['Label', 'python deployment'],
  ]) + `<RoleList><Role>${leaves([['RoleName', 'pylinux'], ['RoleType', 'PersistentVMRole']])}<ConfigurationSets>${linuxSet}${networkSet('ssh', 22)}</ConfigurationSets>`
    + `${osDisk(LINUX_IMAGE, 'pylinux-os.vhd')}${leaves([['RoleSize', 'Small'], ['ProvisionGuestAgent', true]])}</Role></RoleList>`));

  // Their Windows set writes CustomData after AdminUsername, and nothing of AdditionalUnattendContent when unset.
  const windowsSet = `<ConfigurationSet>${leaves([
    ['ConfigurationSetType', 'WindowsProvisioningConfiguration'], ['ComputerName', 'pywin'], ['AdminPassword', 'Pa55word!x'],
    ['ResetPasswordOnFirstLogon', false], ['EnableAutomaticUpdates', true], ['TimeZone', 'Pacific Standard Time'],
  ])}<WinRM><Listeners><Listener>${leaves([['Protocol', 'Http']])}</Listener></Listeners></WinRM>${leaves([['AdminUsername', 'pyadmin'], ['CustomData', b64('echo hi')]])}</ConfigurationSet>`;
  await sendAndWait('POST', `${deployment}/roles`, doc('PersistentVMRole', leaves([['RoleName', 'pywin'], ['RoleType', 'PersistentVMRole']])
    + `<ConfigurationSets>${windowsSet}${networkSet('rdp', 3389)}</ConfigurationSets>${osDisk(WINDOWS_IMAGE, 'pywin-os.vhd')}${leaves([['RoleSize', 'Small']])}`));

  await sendAndWait('PUT', `${deployment}/roles/pywin`, doc('PersistentVMRole', leaves([['RoleName', 'pywin'], ['RoleType', 'PersistentVMRole']])
    + `<ConfigurationSets>${networkSet('web', 80)}</ConfigurationSets>${leaves([['RoleSize', 'Medium']])}`));
  const role = succeeded(await send('GET', `${deployment}/roles/pywin`), 'get_role');
  assert.equal(elementText(role.text, 'RoleSize'), 'Medium');
  assert.match(role.text, /<Name>web<\/Name>/);
  assert.doesNotMatch(role.text, /WindowsProvisioningConfiguration|Pa55word/, 'the provisioning set (and its password) is not returned, as the service did not');

  await sendAndWait('POST', `${deployment}/roles/pylinux/DataDisks`, doc('DataVirtualHardDisk', leaves([
    ['HostCaching', 'ReadOnly'], ['DiskLabel', 'pydata'], ['Lun', 1], ['LogicalDiskSizeInGB', 10], ['MediaLink', vhd('pylinux-data.vhd')],
  ])));
  const disk = succeeded(await send('GET', `${deployment}/roles/pylinux/DataDisks/1`), 'get_data_disk');
  assert.equal(elementText(disk.text, 'HostCaching'), 'ReadOnly');
  assert.equal(elementText(disk.text, 'LogicalDiskSizeInGB'), '10');
});

test('Python\'s AdditionalUnattendContent (PassName straight under Passes, no UnattendPass) is refused, naming the element', async () => {
  const windowsSet = `<ConfigurationSet>${leaves([
    ['ConfigurationSetType', 'WindowsProvisioningConfiguration'], ['ComputerName', 'pyunat'], ['AdminPassword', 'Pa55word!x'], ['AdminUsername', 'pyadmin'],
  ])}<AdditionalUnattendContent><Passes>${leaves([['PassName', 'oobeSystem']])}<Components><UnattendComponent>${leaves([['ComponentName', 'Microsoft-Windows-Shell-Setup']])}`
    + `<ComponentSettings><ComponentSetting>${leaves([['SettingName', 'AutoLogon'], ['Content', 'x']])}</ComponentSetting></ComponentSettings></UnattendComponent></Components></Passes></AdditionalUnattendContent></ConfigurationSet>`;
  const refused = await send('POST', `${deployment}/roles`, doc('PersistentVMRole', leaves([['RoleName', 'pyunat'], ['RoleType', 'PersistentVMRole']])
    + `<ConfigurationSets>${windowsSet}</ConfigurationSets>${osDisk(WINDOWS_IMAGE, 'pyunat-os.vhd')}${leaves([['RoleSize', 'Small']])}`));
  assert.equal(refused.status, 400);
  assert.match(refused.text, /AdditionalUnattendContent\.Passes\.PassName: is not an element the spec defines here \(rule: unknown element\)/);
  assert.doesNotMatch(refused.text, /Pa55word/, 'the password is not echoed');
});

test('role actions as Python sends them: Operations bodies, lowercase roles/Operations, an empty reboot body', async () => {
  await sendAndWait('POST', `${deployment}/roleinstances/pylinux/Operations`, doc('ShutdownRoleOperation', leaves([['OperationType', 'ShutdownRoleOperation'], ['PostShutdownAction', 'Stopped']])));
  await sendAndWait('POST', `${deployment}/roles/Operations`, doc('StartRolesOperation', `${leaves([['OperationType', 'StartRolesOperation']])}<Roles><Name>pylinux</Name></Roles>`));
  await sendAndWait('POST', `${deployment}/roleinstances/pylinux?comp=reboot`, '');
  const full = succeeded(await send('GET', `/services/hostedservices/${SERVICE}?embed-detail=true`), 'get_hosted_service_properties(embed_detail=True)');
  assert.match(full.text, /<RoleName>pylinux<\/RoleName>/);
  assert.match(full.text, /<RoleName>pywin<\/RoleName>/);
});

test('a reserved IP associated with x-ms-version 2015-02-01, as associate_reserved_ip_address sends it', async () => {
  await sendAndWait('POST', '/services/networking/reservedips', doc('ReservedIP', leaves([['Name', 'pyip'], ['Label', 'python ip'], ['Location', 'West US']])));
  await sendAndWait('POST', '/services/networking/reservedips/pyip/operations/associate',
    doc('ReservedIPAssociation', leaves([['ServiceName', SERVICE], ['DeploymentName', SERVICE]])), '2015-02-01');
  const ip = succeeded(await send('GET', '/services/networking/reservedips/pyip'), 'get_reserved_ip_address');
  assert.equal(elementText(ip.text, 'InUse'), 'true');
  await sendAndWait('POST', '/services/networking/reservedips/pyip/operations/disassociate',
    doc('ReservedIPAssociation', leaves([['ServiceName', SERVICE], ['DeploymentName', SERVICE]])), '2015-02-01');
  await sendAndWait('DELETE', '/services/networking/reservedips/pyip');
});

test('deletes with ?comp=media, as delete_role, delete_deployment and delete_hosted_service(complete=True) send them', async () => {
  await sendAndWait('DELETE', `${deployment}/roles/pywin?comp=media`);
  await sendAndWait('DELETE', `${deployment}?comp=media`);
  await sendAndWait('DELETE', `/services/hostedservices/${SERVICE}?comp=media`);
  const gone = await send('GET', `/services/hostedservices/${SERVICE}?embed-detail=false`);
  assert.equal(gone.status, 404);
  const deleted = succeeded(await send('DELETE', `/services/storageservices/${STORE}`), 'delete_storage_account');
  assert.equal(deleted.status, 200);
});
