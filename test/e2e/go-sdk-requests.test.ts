/**
 * What a user of Microsoft's Go SDK for Service Management meets, over HTTPS with its management certificate:
 * bodies built from the committed reading of its structs (tools/crosscheck-go/go-sdk-bodies.json), keeping their
 * declaration order and leaving out what a caller does not set (its `omitempty`), sent as its transport sends them
 * (Content-Type application/xml, or text/xml where the call names it; x-ms-version 2014-10-01; its paths, with the
 * affinity group client's doubled slash), every call counted a success below 400, then polled as WaitForOperation
 * does: the x-ms-request-id through Get Operation Status until Succeeded, also for calls answered synchronously.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/server.js';
import { loadGoEvidence, type GoCall, type Node } from '../../tools/crosscheck-go/bodies.js';
import { clientFor, elementText, startTestEmulator, type Answer, type TestClient } from '../emulator/helpers.js';

let emulator: Emulator;
let http: TestClient;

const evidence = loadGoEvidence();
const LINUX_IMAGE = '5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-66-20150325';
const WINDOWS_IMAGE = 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd';
const STORE = 'gosdkstore';
const SERVICE = 'gosdksvc';
const vhd = (blob: string): string => `https://${STORE}.blob.core.windows.net/vhds/${blob}`;
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const deployment = `/services/hostedservices/${SERVICE}/deployments/${SERVICE}`;

/** A caller's values, by `Parent/Leaf` or `Leaf`; null leaves out a leaf the reading fixes (a value not set). */
type Values = Readonly<Record<string, string | null>>;
interface Rendered { readonly xml: string; readonly set: boolean }

/**
 * The struct as xml.Marshal writes it for these values: fields in the reading's order; a leaf the caller sets
 * carries its value; a leaf the reading fixes (`Name=text`: a discriminator, a constant the client writes) is
 * written inside an element that is written; an element with nothing set is left out (omitempty).
 */
function render(node: Node, values: Values, parent: string): Rendered {
  if (typeof node === 'string') {
    if (node.startsWith('@')) throw new Error(`fragment ${node} outside a list of children`);
    const [name, ...fixed] = node.split('=') as [string, ...string[]];
    const value = values[`${parent}/${name}`] !== undefined ? values[`${parent}/${name}`] : values[name];
    if (value === null) return { xml: '', set: false };
    if (value !== undefined) return { xml: `<${name}>${value}</${name}>`, set: true };
    return { xml: fixed.length > 0 ? `<${name}>${fixed.join('=')}</${name}>` : '', set: false };
  }
  const [name, children] = Object.entries(node)[0]!;
  const parts = expand(children).map((c) => render(c, values, name));
  return parts.some((p) => p.set) ? { xml: `<${name}>${parts.map((p) => p.xml).join('')}</${name}>`, set: true } : { xml: '', set: false };
}

function expand(nodes: readonly Node[]): Node[] {
  return nodes.flatMap((n) => (typeof n === 'string' && n.startsWith('@') ? expand(evidence.fragments[n.slice(1)]!) : [n]));
}

function goCall(go: string, variant?: string): GoCall {
  const call = evidence.calls.find((c) => c.go === go && c.variant === variant);
  assert.ok(call?.body, `${go} is in the reading`);
  return call;
}

/** The body of one call, the root always written, in the namespace its XMLName gives. */
function bodyOf(call: GoCall, values: Values): string {
  const [root, children] = Object.entries(call.body!)[0]!;
  const inner = expand(children).map((c) => render(c, values, root).xml).join('');
  return `<${root} xmlns="http://schemas.microsoft.com/windowsazure">${inner}</${root}>`;
}

/** As management/http.go sends: x-ms-version 2014-10-01, the call's Content-Type or application/xml; < 400 is success. */
async function send(method: string, path: string, body?: string, contentType = 'application/xml'): Promise<Answer> {
  const headers: Record<string, string> = { 'User-Agent': 'azure-sdk-for-go', 'Content-Type': contentType };
  const answer = await http.call(method, path, { ...(body !== undefined ? { body } : {}), headers, version: '2014-10-01' });
  assert.ok(answer.status < 400, `${method} ${path}: ${answer.status} ${answer.text}`);
  return answer;
}

/** A call of the SDK, then WaitForOperation on its x-ms-request-id (an error if the header is missing). */
async function sendAndWait(call: GoCall, path: string, values: Values): Promise<Answer> {
  const answer = await send(call.verb, path, bodyOf(call, values), call.contentType);
  const id = answer.headers['x-ms-request-id'];
  assert.equal(typeof id, 'string', `${call.go} answers an x-ms-request-id`);
  for (let i = 0; i < 50; i++) {
    const state = elementText((await send('GET', `/operations/${String(id)}`)).text, 'Status');
    if (state === 'Succeeded') return answer;
    assert.equal(state, 'InProgress', `${call.go} failed`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return assert.fail(`${call.go} did not finish`);
}

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  http = clientFor(emulator);
});

after(async () => {
  await http.close();
  await emulator.close();
});

// The helper takes a path beginning with // as absolute: the subscription is written out to keep Go's doubled slash.
test('affinity group through the client\'s doubled slash, cloud service and storage account, each applied', async () => {
  const created = await sendAndWait(goCall('affinitygroup.CreateAffinityGroup'), `//${emulator.subscriptionId}//affinitygroups`, { Name: 'gosdkag', Label: b64('go ag'), Location: 'West US' });
  assert.equal(created.status, 201);
  await sendAndWait(goCall('affinitygroup.UpdateAffinityGroup'), `//${emulator.subscriptionId}//affinitygroups/gosdkag`, { Label: b64('go ag 2'), Description: 'updated from go' });
  const group = await send('GET', '/affinitygroups/gosdkag');
  assert.equal(elementText(group.text, 'Description'), 'updated from go');

  const service = await sendAndWait(goCall('hostedservice.CreateHostedService'), '/services/hostedservices', { ServiceName: SERVICE, Label: b64('go label'), Location: 'West US' });
  assert.equal(service.status, 201, 'synchronous, and still polled by request id');
  await sendAndWait(goCall('storageservice.CreateStorageService'), '/services/storageservices', { ServiceName: STORE, Label: b64('go storage'), Location: 'West US' });
  const store = await send('GET', `/services/storageservices/${STORE}`);
  assert.equal(elementText(store.text, 'AccountType'), 'Standard_LRS');
});

test('a Linux VM deployment, a Windows role added, the Linux role updated, a data disk: each applied as sent', async () => {
  await sendAndWait(goCall('virtualmachine.CreateDeployment', 'Linux role'), `/services/hostedservices/${SERVICE}/deployments`, {
    'Deployment/Name': SERVICE, 'Deployment/Label': 'go deployment', RoleName: 'golinux',
    HostName: 'golinux', UserName: 'azureuser', UserPassword: 'Pa55word!x', 'InputEndpoint/Name': 'SSH',
    'OSVirtualHardDisk/MediaLink': vhd('golinux-os.vhd'), SourceImageName: LINUX_IMAGE, 'OSVirtualHardDisk/ResizedSizeInGB': null, RoleSize: 'Small',
  });
  await sendAndWait(goCall('virtualmachine.AddRole', 'Windows role'), `${deployment}/roles`, {
    RoleName: 'gowin', ComputerName: 'gowin', AdminPassword: 'Pa55word!x', AdminUsername: 'goadmin',
    'InputEndpoint/Name': 'RDP', 'InputEndpoint/LocalPort': '3389', 'InputEndpoint/Port': '3389',
    'OSVirtualHardDisk/MediaLink': vhd('gowin-os.vhd'), SourceImageName: WINDOWS_IMAGE, 'OSVirtualHardDisk/OS': 'Windows', 'OSVirtualHardDisk/ResizedSizeInGB': null, RoleSize: 'Small',
  });
  await sendAndWait(goCall('virtualmachine.UpdateRole'), `${deployment}/roles/golinux`, {
    RoleName: 'golinux', 'InputEndpoint/Name': 'web', 'InputEndpoint/LocalPort': '80', 'InputEndpoint/Port': '80', RoleSize: 'Medium',
  });
  const role = await send('GET', `${deployment}/roles/golinux`);
  assert.equal(elementText(role.text, 'RoleSize'), 'Medium');
  assert.match(role.text, /<Name>web<\/Name>/);
  assert.doesNotMatch(role.text, /Pa55word/, 'the password is not returned, as the service did not');
  const windows = await send('GET', `${deployment}/roles/gowin`);
  assert.match(windows.text, /<Name>RDP<\/Name>/);

  await sendAndWait(goCall('virtualmachinedisk.AddDataDisk'), `${deployment}/roles/golinux/DataDisks`, { DiskLabel: 'godata', MediaLink: vhd('golinux-data.vhd') });
  const disk = await send('GET', `${deployment}/roles/golinux/DataDisks/1`);
  assert.equal(elementText(disk.text, 'HostCaching'), 'ReadOnly');
  assert.equal(elementText(disk.text, 'LogicalDiskSizeInGB'), '10');
});

test('Go\'s StoredCertificateSetting item (its tag\'s name) is refused, naming the element', async () => {
  const refused = await http.call('POST', `${deployment}/roles`, {
    body: bodyOf(goCall('virtualmachine.AddRole', 'Windows role'), {
      RoleName: 'gocert', ComputerName: 'gocert', AdminPassword: 'Pa55word!x', AdminUsername: 'goadmin', Thumbprint: 'A'.repeat(40),
      StoreLocation: 'LocalMachine', StoreName: 'My', 'OSVirtualHardDisk/MediaLink': vhd('gocert-os.vhd'), SourceImageName: WINDOWS_IMAGE,
      'OSVirtualHardDisk/OS': 'Windows', 'OSVirtualHardDisk/ResizedSizeInGB': null, RoleSize: 'Small',
    }),
    headers: { 'Content-Type': 'application/xml' }, version: '2014-10-01',
  });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /StoredCertificateSettings\.StoredCertificateSetting: is not an element the spec defines here \(rule: unknown element\)/);
  assert.doesNotMatch(refused.text, /Pa55word/, 'the password is not echoed');
});

test('role actions as the Go SDK sends them: shutdown (StoppedDeallocated), start, restart on roleinstances/…/Operations', async () => {
  const operations = `${deployment}/roleinstances/golinux/Operations`;
  await sendAndWait(goCall('virtualmachine.ShutdownRole'), operations, {});
  const stopped = await send('GET', `${deployment}`);
  assert.match(stopped.text, /StoppedDeallocated/);
  await sendAndWait(goCall('virtualmachine.StartRole'), operations, {});
  await sendAndWait(goCall('virtualmachine.RestartRole'), operations, {});
  const running = await send('GET', `${deployment}`);
  assert.match(running.text, /<RoleName>golinux<\/RoleName>/);
  assert.doesNotMatch(running.text, /<InstanceName>golinux<\/InstanceName>[\s\S]*?<InstanceStatus>StoppedDeallocated/);
});
