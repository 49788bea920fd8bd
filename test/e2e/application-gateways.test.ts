/**
 * Application gateways end to end through the typed client over HTTPS against the emulator: created Stopped in
 * subnets of an existing virtual network and polled as gateway operations, answered with the recorded elements
 * and 404, resized, configured with a document whose references must resolve, started (given addresses) and
 * stopped, and given SSL certificates whose PFX data and password are never answered.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { ApplicationGatewayConfiguration, ServiceManagementClient } from '../../generated/index.js';
import { createPkcs12, createSelfSignedClientCertificate } from '../../src/emulator/certs.js';
import type { Emulator } from '../../src/emulator/server.js';
import { startTestEmulator } from '../emulator/helpers.js';
import { rejectsWith, setVirtualNetwork, VNET } from '../support/network-fixtures.js';
import { typedClientFor } from '../support/typed-client.js';

let emulator: Emulator;
let client: ServiceManagementClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 1 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
  await setVirtualNetwork(client);
});

after(async () => {
  await client.close();
  await emulator.close();
});

const gw = { GatewayName: 'appgw1' };

const config: ApplicationGatewayConfiguration = {
  FrontendIPConfigurations: [{ Name: 'fip', Type: 'Private', StaticIPAddress: '10.4.1.10' }],
  FrontendPorts: [{ Name: 'port80', Port: 80 }, { Name: 'port443', Port: 443 }],
  Probes: [{ Name: 'probe', Protocol: 'Http', Host: 'contoso.test', Path: '/health', Interval: 30, Timeout: 120, UnhealthyThreshold: 3 }],
  BackendAddressPools: [{ Name: 'pool', IPAddresses: ['10.4.2.4', '10.4.2.5'] }],
  BackendHttpSettingsList: [{ Name: 'settings', Port: 80, Protocol: 'Http', CookieBasedAffinity: 'Enabled', RequestTimeout: 30, Probe: 'probe' }],
  HttpListeners: [{ Name: 'listener', FrontendIP: 'fip', FrontendPort: 'port80', Protocol: 'Http' }],
  HttpLoadBalancingRules: [{ Name: 'rule', Type: 'basic', BackendHttpSettings: 'settings', Listener: 'listener', BackendAddressPool: 'pool' }],
};

test('a gateway is created Stopped, polled as a gateway operation, listed and read as recorded; unknown ones answer 404', async () => {
  await rejectsWith(client.getApplicationGateway(gw), 404, 'ResourceNotFound', /^The gateway does not exist\.$/);
  const accepted = await client.createApplicationGateway({ Name: 'appgw1', VnetName: VNET, Subnets: ['front'], GatewaySize: 'small', InstanceCount: 2 });
  const sent = emulator.requests.find((r) => r.method === 'POST' && r.url.includes('/ApplicationGateways'))!;
  assert.match(sent.url, /\?api-version=2016-07-01$/);
  await accepted.wait();
  const expected = { Description: '', GatewaySize: 'Small', InstanceCount: 2, Name: 'appgw1', State: 'Stopped', Subnets: ['front'], VnetName: VNET };
  assert.deepEqual(await client.getApplicationGateway(gw), expected);
  assert.deepEqual(await client.listApplicationGateways(), [expected]);
  await rejectsWith(client.createApplicationGateway({ Name: 'APPGW1', VnetName: VNET, Subnets: ['front'], GatewaySize: 'Small', InstanceCount: 1 }), 409, 'ConflictError', /named APPGW1 already exists/);
  await rejectsWith(client.createApplicationGateway({ Name: 'g2', VnetName: 'nonet', Subnets: ['front'], GatewaySize: 'Small', InstanceCount: 1 }), 404, 'ResourceNotFound', /virtual network nonet does not exist/);
  await rejectsWith(client.createApplicationGateway({ Name: 'g2', VnetName: VNET, Subnets: ['side'], GatewaySize: 'Small', InstanceCount: 1 }), 404, 'ResourceNotFound', /subnet side does not exist/);
  await rejectsWith(client.createApplicationGateway({ Name: 'g2', VnetName: VNET, Subnets: ['front'], GatewaySize: 'Huge', InstanceCount: 1 }), 400, 'BadRequest', /GatewaySize Huge of application gateway g2 is not valid: it is Small, Medium, Large/);
  await rejectsWith(client.createApplicationGateway({ Name: 'g2', VnetName: VNET, Subnets: ['front'], GatewaySize: 'Small', InstanceCount: 11 }), 400, 'BadRequest', /InstanceCount 11 of application gateway g2 is not valid: it is from 1 to 10/);
});

test('update resizes the gateway; a start without a configuration is refused', async () => {
  await client.updateApplicationGateway({ ...gw, GatewaySize: 'Medium', InstanceCount: 3, Description: 'front door' }, { wait: true });
  const updated = await client.getApplicationGateway(gw);
  assert.deepEqual([updated.GatewaySize, updated.InstanceCount, updated.Description], ['Medium', 3, 'front door']);
  await rejectsWith(client.executeApplicationGatewayOperation({ ...gw, OperationType: 'Start' }), 400, 'BadRequest', /appgw1 has no configuration; set one before starting it/);
  assert.deepEqual(await client.getApplicationGatewayConfig(gw), {});
});

test('the configuration is replaced as a whole when every reference resolves', async () => {
  const set = (change: Partial<ApplicationGatewayConfiguration>) => client.setApplicationGatewayConfig({ ...gw, ...config, ...change });
  await rejectsWith(set({ HttpListeners: [{ Name: 'listener', FrontendIP: 'nofip', FrontendPort: 'port80', Protocol: 'Http' }] }), 400, 'BadRequest', /FrontendIP of listener listener refers to nofip, which is not in FrontendIPConfigurations/);
  await rejectsWith(set({ HttpLoadBalancingRules: [{ Name: 'rule', Type: 'basic', BackendHttpSettings: 'settings', Listener: 'listener', BackendAddressPool: 'nopool' }] }), 400, 'BadRequest', /BackendAddressPool of rule rule refers to nopool/);
  await rejectsWith(set({ BackendHttpSettingsList: [{ Name: 'settings', Port: 80, Protocol: 'Http', Probe: 'noprobe' }] }), 400, 'BadRequest', /Probe of back-end HTTP settings settings refers to noprobe/);
  await rejectsWith(set({ FrontendPorts: [{ Name: 'port80', Port: 80 }, { Name: 'PORT80', Port: 81 }] }), 400, 'BadRequest', /name PORT80 is used twice in FrontendPorts/);
  await rejectsWith(set({ FrontendPorts: [{ Name: 'port80', Port: 0 }] }), 400, 'BadRequest', /Port 0 of front-end port port80 is not valid/);
  await rejectsWith(set({ FrontendIPConfigurations: [{ Name: 'fip', Type: 'Private', StaticIPAddress: '10.4.2.10' }] }), 400, 'BadRequest', /StaticIPAddress 10\.4\.2\.10 of private front-end IP configuration fip is not an address of the gateway's subnets front/);
  await rejectsWith(set({ HttpListeners: [{ Name: 'listener', FrontendIP: 'fip', FrontendPort: 'port443', Protocol: 'Https', SslCert: 'nocert' }] }), 400, 'BadRequest', /Https listener listener needs the SslCert of a certificate uploaded to gateway appgw1 \(given: nocert\)/);
  await client.setApplicationGatewayConfig({ ...gw, ...config }, { wait: true });
  assert.deepEqual(await client.getApplicationGatewayConfig(gw), config);
});

test('start gives the gateway its addresses and Running; stop takes them back; each refused when already so', async () => {
  await client.executeApplicationGatewayOperation({ ...gw, OperationType: 'Start' }, { wait: true });
  const running = await client.getApplicationGateway(gw);
  assert.equal(running.State, 'Running');
  assert.deepEqual(running.VirtualIPs, ['10.4.1.10']);
  assert.match(running.DnsName ?? '', /^[0-9a-f-]{36}\.cloudapp\.net$/);
  await rejectsWith(client.executeApplicationGatewayOperation({ ...gw, OperationType: 'Start' }), 400, 'BadRequest', /already running/);
  await rejectsWith(client.setApplicationGatewayConfig({ ...gw, ...config }), 400, 'BadRequest', /is running; stop it before changing its configuration/);
  await client.executeApplicationGatewayOperation({ ...gw, OperationType: 'Stop' }, { wait: true });
  const stopped = await client.getApplicationGateway(gw);
  assert.deepEqual([stopped.State, stopped.VirtualIPs, stopped.DnsName], ['Stopped', undefined, undefined]);
  await rejectsWith(client.executeApplicationGatewayOperation({ ...gw, OperationType: 'Stop' }), 400, 'BadRequest', /already stopped/);
});

test('SSL certificates: the PFX is read with its password, only the public certificate is kept and answered', async () => {
  const { key, cert } = createSelfSignedClientCertificate('contoso.test');
  const password = 'pfx-secret-Passw0rd';
  const Data = createPkcs12(key, cert, password).toString('base64');
  await rejectsWith(client.addApplicationGatewayCertificate({ ...gw, CertificateName: 'bad', Data, CertificateFormat: 'pfx', Password: 'wrong' }), 400, 'BadRequest', /PFX cannot be read with the given password/);
  await rejectsWith(client.addApplicationGatewayCertificate({ ...gw, CertificateName: 'bad', Data, CertificateFormat: 'cer' }), 400, 'BadRequest', /CertificateFormat of certificate bad is not valid: an application gateway takes pfx/);
  await client.addApplicationGatewayCertificate({ ...gw, CertificateName: 'contoso', Data, CertificateFormat: 'pfx', Password: password }, { wait: true });
  let raw = '';
  const answered = await client.getApplicationGatewayCertificate({ ...gw, CertificateName: 'contoso' }, { onResponse: (r) => { raw = String(r.body); } });
  assert.ok(raw.includes('<Name>contoso</Name>') && !raw.includes(password) && !raw.includes('Password'), raw);
  assert.equal(answered.Name, 'contoso');
  assert.equal(answered.State, 'Provisioned');
  assert.equal(new X509Certificate(Buffer.from(answered.Data!, 'base64')).subject, 'CN=contoso.test');
  assert.deepEqual((await client.listApplicationGatewayCertificates(gw)).map((c) => c.Name), ['contoso']);
  const stored = JSON.stringify([...emulator.state.subscription(emulator.subscriptionId)!.applicationGateways.values()]);
  assert.ok(!stored.includes(password) && !stored.includes(Data), 'neither the password nor the PFX is kept');
  await rejectsWith(client.addApplicationGatewayCertificate({ ...gw, CertificateName: 'contoso', Data, CertificateFormat: 'pfx', Password: password }), 409, 'ConflictError', /certificate named contoso already exists/);

  const https = { ...config, HttpListeners: [{ Name: 'listener', FrontendIP: 'fip', FrontendPort: 'port443', Protocol: 'Https', SslCert: 'contoso' }] };
  await client.setApplicationGatewayConfig({ ...gw, ...https }, { wait: true });
  await rejectsWith(client.deleteApplicationGatewayCertificate({ ...gw, CertificateName: 'contoso' }), 400, 'BadRequest', /contoso is used by a listener of application gateway appgw1/);
  await client.setApplicationGatewayConfig({ ...gw, ...config }, { wait: true });
  await client.deleteApplicationGatewayCertificate({ ...gw, CertificateName: 'contoso' }, { wait: true });
  await rejectsWith(client.getApplicationGatewayCertificate({ ...gw, CertificateName: 'contoso' }), 404, 'ResourceNotFound', /certificate contoso does not exist on application gateway appgw1/);
});

test('delete removes the gateway', async () => {
  await client.deleteApplicationGateway(gw, { wait: true });
  assert.deepEqual(await client.listApplicationGateways(), []);
  await rejectsWith(client.deleteApplicationGateway(gw), 404, 'ResourceNotFound', /The gateway does not exist/);
});
