import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readXmlBody, writeXmlBody, ShapeError, XmlSyntaxError } from '../../src/core/xml.js';
import { HostedServiceShape } from '../../generated/models/HostedService.js';
import { LocationShape } from '../../generated/models/Location.js';
import { RoleShape as GeneratedRoleShape } from '../../generated/models/Role.js';
import { ConfigurationSetShape as ConfigurationSetShapeOfSpec } from '../../generated/models/ConfigurationSet.js';
import { FlatSetShape, RoleShape, SiteShape } from './fixtures.js';

const NS = 'http://schemas.microsoft.com/windowsazure';
const roleBody = { element: 'PersistentVMRole', model: () => RoleShape } as const;

test('members are written in spec order whatever the order of the object', () => {
  const xml = writeXmlBody(roleBody, { Lun: 3, Label: 'my vm', RoleName: 'vm1' }, NS);
  assert.equal(xml, `<PersistentVMRole xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><RoleName>vm1</RoleName><Lun>3</Lun><Label>bXkgdm0=</Label></PersistentVMRole>`);
});

test('polymorphic sets write their own fields, discriminator first, in their own order', () => {
  const xml = writeXmlBody(roleBody, {
    RoleName: 'vm1',
    ConfigurationSets: [
      { ResetPasswordOnFirstLogon: false, AdminPassword: 'p', ComputerName: 'host', ConfigurationSetType: 'WindowsProvisioningConfiguration' },
      { SubnetNames: ['a', 'b'], InputEndpoints: [{ Protocol: 'tcp', Name: 'http', LocalPort: 80 }], ConfigurationSetType: 'NetworkConfiguration' },
    ],
  }, NS);
  assert.match(xml, /<ConfigurationSets><ConfigurationSet><ConfigurationSetType>WindowsProvisioningConfiguration<\/ConfigurationSetType><ComputerName>host<\/ComputerName><AdminPassword>p<\/AdminPassword><ResetPasswordOnFirstLogon>false<\/ResetPasswordOnFirstLogon><\/ConfigurationSet><ConfigurationSet><ConfigurationSetType>NetworkConfiguration<\/ConfigurationSetType><InputEndpoints><InputEndpoint><LocalPort>80<\/LocalPort><Name>http<\/Name><Protocol>tcp<\/Protocol><\/InputEndpoint><\/InputEndpoints><SubnetNames><SubnetName>a<\/SubnetName><SubnetName>b<\/SubnetName><\/SubnetNames><\/ConfigurationSet><\/ConfigurationSets>/);
});

test('text is escaped, dates are ISO, unwrapped lists repeat in place, empty lists stay empty', () => {
  const xml = writeXmlBody(roleBody, { RoleName: 'a<b&c>', Created: new Date('2015-07-02T16:45:20Z'), Tag: ['x', 'y'], ConfigurationSets: [] }, NS);
  assert.match(xml, /<RoleName>a&lt;b&amp;c&gt;<\/RoleName><ConfigurationSets\/><Created>2015-07-02T16:45:20.000Z<\/Created><Tag>x<\/Tag><Tag>y<\/Tag>/);
});

test('attributes are written on the element and read back', () => {
  const body = { element: 'VirtualNetworkSite', model: () => SiteShape } as const;
  const xml = writeXmlBody(body, { name: 'net "1"', AffinityGroup: 'ag', AddressPrefix: '10.0.0.0/8' }, NS);
  assert.match(xml, /<VirtualNetworkSite xmlns="[^"]+" xmlns:i="[^"]+" name="net &quot;1&quot;" AffinityGroup="ag"><AddressPrefix>10.0.0.0\/8<\/AddressPrefix><\/VirtualNetworkSite>/);
  assert.deepEqual(readXmlBody(body, xml), { name: 'net "1"', AffinityGroup: 'ag', AddressPrefix: '10.0.0.0/8' });
});

test('a wrong value names the member path', () => {
  assert.throws(() => writeXmlBody(roleBody, { RoleName: 'vm', ConfigurationSets: [{ ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ Name: 'x', LocalPort: 'eighty' }] }] }, NS),
    (err: unknown) => err instanceof ShapeError && err.path === 'ConfigurationSets[0].InputEndpoints[0].LocalPort' && /integer/.test(err.rule));
  assert.throws(() => writeXmlBody(roleBody, { RoleName: 'vm', ConfigurationSets: [{ ConfigurationSetType: 'Nope' }] }, NS),
    (err: unknown) => err instanceof ShapeError && err.path === 'ConfigurationSets[0].ConfigurationSetType');
});

test('a real HostedService response reads into typed values: base64 decoded, dates as Date, lists as arrays', () => {
  const xml = `<HostedService xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Url>https://x/services/hostedservices/svc</Url><ServiceName>svc</ServiceName><HostedServiceProperties><Description i:nil="true"/><Location>West US</Location><Label>cHl0aG9ubGFiZWw=</Label><Status>Created</Status><DateCreated>2015-07-02T16:45:20Z</DateCreated><DateLastModified>2015-07-02T16:45:20Z</DateLastModified><ExtendedProperties><ExtendedProperty><Name>ext2</Name><Value>42</Value></ExtendedProperty></ExtendedProperties></HostedServiceProperties></HostedService>`;
  const value = readXmlBody({ element: 'HostedService', model: () => HostedServiceShape }, xml) as Record<string, any>;
  assert.equal(value['ServiceName'], 'svc');
  const props = value['HostedServiceProperties'];
  assert.equal(props.Label, 'pythonlabel');
  assert.equal('Description' in props, false, 'i:nil reads as absent');
  assert.ok(props.DateCreated instanceof Date);
  assert.equal(props.DateCreated.toISOString(), '2015-07-02T16:45:20.000Z');
  assert.deepEqual(props.ExtendedProperties, [{ Name: 'ext2', Value: '42' }], 'a list of one is an array');
});

test('list roots give arrays: empty root is [], one item is [item]', () => {
  const body = { element: 'Locations', list: { element: 'Location', type: { kind: 'model', model: () => LocationShape } } } as const;
  assert.deepEqual(readXmlBody(body, `<Locations xmlns="${NS}"/>`), []);
  const one = readXmlBody(body, `\uFEFF<?xml version="1.0" encoding="utf-8"?><Locations xmlns="${NS}"><Location><Name>West US</Name><AvailableServices><AvailableService>Compute</AvailableService></AvailableServices><ComputeCapabilities><WebWorkerRoleSizes/></ComputeCapabilities></Location></Locations>`);
  assert.deepEqual(one, [{ Name: 'West US', AvailableServices: ['Compute'], ComputeCapabilities: { WebWorkerRoleSizes: [] } }]);
});

test('polymorphic responses pick the variant from the discriminator or i:type, and tolerate i:type everywhere', () => {
  const xml = `<PersistentVMRole xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="PersistentVMRole"><RoleName>vm</RoleName><ConfigurationSets><ConfigurationSet i:type="NetworkConfigurationSet"><InputEndpoints><InputEndpoint><LocalPort>22</LocalPort><Name>ssh</Name></InputEndpoint></InputEndpoints></ConfigurationSet><ConfigurationSet><ConfigurationSetType>WindowsProvisioningConfiguration</ConfigurationSetType><ComputerName>h</ComputerName></ConfigurationSet></ConfigurationSets><Size>1099511627776</Size></PersistentVMRole>`;
  const value = readXmlBody(roleBody, xml) as Record<string, any>;
  assert.deepEqual(value['ConfigurationSets'][0], { ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [{ LocalPort: 22, Name: 'ssh' }] });
  assert.deepEqual(value['ConfigurationSets'][1], { ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: 'h' });
  assert.equal(value['Size'], 1099511627776);
});

test('unmapped elements are reported with their path', () => {
  const unmapped: string[] = [];
  readXmlBody(roleBody, `<PersistentVMRole xmlns="${NS}"><RoleName>vm</RoleName><Mystery>1</Mystery><ConfigurationSets><ConfigurationSet><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType><Extra/></ConfigurationSet><Odd/></ConfigurationSets></PersistentVMRole>`, { unmapped });
  assert.deepEqual(unmapped.sort(), ['ConfigurationSets.Odd', 'ConfigurationSets[0].Extra', 'Mystery']);
});

test('bad documents fail with typed errors: wrong root, malformed, DOCTYPE, bad values', () => {
  assert.throws(() => readXmlBody(roleBody, `<Other xmlns="${NS}"/>`), ShapeError);
  assert.throws(() => readXmlBody(roleBody, '<PersistentVMRole><RoleName>vm</PersistentVMRole>'), XmlSyntaxError);
  assert.throws(() => readXmlBody(roleBody, '<!DOCTYPE r [<!ENTITY a "aaaa">]><PersistentVMRole><RoleName>&a;</RoleName></PersistentVMRole>'), XmlSyntaxError);
  assert.throws(() => readXmlBody(roleBody, '<PersistentVMRole><Lun>three</Lun></PersistentVMRole>'), (e: unknown) => e instanceof ShapeError && e.path === 'Lun');
});

// ConfigurationSet was one flat data contract on the service (spec: wireOrder); the client writes each kind in it.
const persistentVMRole = { element: 'PersistentVMRole', model: () => GeneratedRoleShape } as const;
const setsOf = (xml: string) => [...xml.matchAll(/<ConfigurationSet>(.*?)<\/ConfigurationSet>/g)].map((m) => [...m[1]!.matchAll(/<(\w+)[ />]/g)].map((e) => e[1]).filter((n) => FLAT.includes(n!)));
const FLAT = ConfigurationSetShapeOfSpec.wireOrder!;

test('a Windows and a Linux set are written in the flat contract\'s order, whatever the order of the object', () => {
  const xml = writeXmlBody(persistentVMRole, {
    RoleName: 'vm1',
    ConfigurationSets: [
      { CustomData: 'echo hi', AdditionalUnattendContent: { Passes: [] }, AdminUsername: 'admin', WinRM: { Listeners: [{ Protocol: 'Https', CertificateThumbprint: 'AB12' }] }, ComputerName: 'host', ConfigurationSetType: 'WindowsProvisioningConfiguration' },
      { CustomData: 'echo hi', SSH: { PublicKeys: [] }, DisableSshPasswordAuthentication: true, UserName: 'azureuser', HostName: 'host', ConfigurationSetType: 'LinuxProvisioningConfiguration' },
    ],
  }, NS);
  const [windows, linux] = setsOf(xml);
  assert.deepEqual(windows, ['ConfigurationSetType', 'ComputerName', 'WinRM', 'AdminUsername', 'AdditionalUnattendContent', 'CustomData']);
  assert.deepEqual(linux, ['ConfigurationSetType', 'HostName', 'UserName', 'DisableSshPasswordAuthentication', 'SSH', 'CustomData']);
  for (const set of [windows!, linux!]) assert.deepEqual(set, [...set].sort((a, b) => FLAT.indexOf(a!) - FLAT.indexOf(b!)), 'flat order');
  assert.match(xml, /<Listener><CertificateThumbprint>AB12<\/CertificateThumbprint><Protocol>Https<\/Protocol><\/Listener>/);
});

test('the writer follows wireOrder even when a hand-built variant lists its members otherwise', () => {
  const body = { element: 'ConfigurationSet', model: () => FlatSetShape } as const;
  const xml = writeXmlBody(body, { ConfigurationSetType: 'WindowsProvisioningConfiguration', CustomData: 'x', ComputerName: 'host' }, NS);
  assert.match(xml, /<ConfigurationSetType>WindowsProvisioningConfiguration<\/ConfigurationSetType><ComputerName>host<\/ComputerName><CustomData>eA==<\/CustomData><\/ConfigurationSet>$/);
});

test('a set holding members of another kind of the flat contract reads as its own kind: the others are ignored, not unmapped', () => {
  const unmapped: string[] = [];
  const value = readXmlBody(persistentVMRole, `<PersistentVMRole xmlns="${NS}"><RoleName>vm1</RoleName><ConfigurationSets><ConfigurationSet>`
    + '<ConfigurationSetType>NetworkConfiguration</ConfigurationSetType><InputEndpoints/><SubnetNames/><PublicIPs/><NetworkInterfaces/>'
    + '<ComputerName>not-a-network-member</ComputerName><StoredCertificateSettings/><Unknown/></ConfigurationSet></ConfigurationSets></PersistentVMRole>', { unmapped });
  assert.deepEqual(value, {
    RoleName: 'vm1',
    ConfigurationSets: [{ ConfigurationSetType: 'NetworkConfiguration', InputEndpoints: [], SubnetNames: [], PublicIPs: [], NetworkInterfaces: [] }],
  });
  assert.deepEqual(unmapped, ['ConfigurationSets[0].Unknown']);
});
