/**
 * emulator.publishsettings (the emulator CLI's --out, and tools/crosscheck-cli): a schema-2.0 document pointing at
 * the emulator whose certificate authenticates, written as the portal wrote its PKCS#12 (3DES, the empty password
 * as zero bytes) so that the classic CLI's own PKCS#12 decoder reads it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import forge from 'node-forge';
import { Agent, request } from 'undici';
import { createPortalPkcs12 } from '../../src/emulator/certs.js';
import { publishSettingsFor, publishSettingsXml } from '../../src/emulator/publish-settings.js';
import { sharedPki, startTestEmulator } from './helpers.js';

test('the document names the endpoint, subscription and certificate, attributes escaped; bad input is refused by field', () => {
  const xml = publishSettingsXml([{ id: 'sub-1', name: 'Dev & "Test"', url: 'https://127.0.0.1:4443/', pkcs12Base64: 'AAEC' }]);
  assert.match(xml, /<PublishProfile SchemaVersion="2\.0" PublishMethod="AzureServiceManagementAPI">/);
  assert.match(xml, /<Subscription ServiceManagementUrl="https:\/\/127\.0\.0\.1:4443" Id="sub-1" Name="Dev &amp; &quot;Test&quot;" ManagementCertificate="AAEC" \/>/);
  assert.throws(() => publishSettingsXml([]), /at least one subscription/);
  assert.throws(() => publishSettingsXml([{ id: 's', name: 'n', url: 'https://h', pkcs12Base64: 'not base64!' }]), /pkcs12Base64 of subscription s must be base64/);
});

test('the portal PKCS#12 decrypts with the zero-byte empty password, holds no MAC, and OpenSSL loads it', () => {
  const { client } = sharedPki();
  const pfx = createPortalPkcs12(client.key, client.cert);
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(pfx.toString('binary')), false, null as unknown as string);
  const bag = p12.getBags({ bagType: forge.pki.oids['pkcs8ShroudedKeyBag']! })[forge.pki.oids['pkcs8ShroudedKeyBag']!]![0]!;
  assert.equal(forge.pki.privateKeyToPem(bag.key!).replace(/\r/g, ''), forge.pki.privateKeyToPem(forge.pki.privateKeyFromPem(client.key)).replace(/\r/g, ''));
  assert.throws(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(pfx.toString('binary')), false, 'wrong'), 'another password does not decrypt it');
});

test('the certificate of the emulator\'s publishsettings authenticates against it', async () => {
  const emulator = await startTestEmulator();
  const agent = (pfx: Buffer) => new Agent({ connect: { ca: emulator.caCert, pfx, passphrase: '' } });
  try {
    const xml = publishSettingsFor(emulator);
    assert.match(xml, new RegExp(`ServiceManagementUrl="${emulator.url}" Id="${emulator.subscriptionId}"`));
    const pfx = Buffer.from(/ManagementCertificate="([^"]+)"/.exec(xml)![1]!, 'base64');
    const dispatcher = agent(pfx);
    const response = await request(`${emulator.url}/${emulator.subscriptionId}/locations`, { dispatcher, headers: { 'x-ms-version': '2014-10-01' } });
    assert.equal(response.statusCode, 200);
    assert.match(await response.body.text(), /^<Locations /);
    await dispatcher.close();
  } finally {
    await emulator.close();
  }
});
