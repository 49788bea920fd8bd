import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inspect } from 'node:util';
import { CredentialError } from '../../src/core/errors.js';
import { fromPublishSettings, listPublishSettingsSubscriptions } from '../../src/client/publish-settings.js';
import { legacyPkcs12 } from '../support/legacy-pkcs12.js';
import { testPki } from '../support/pki.js';
import { publishSettingsV1, publishSettingsV2 } from '../support/publish-settings.js';

const { client, otherClient } = testPki();
const dir = mkdtempSync(join(tmpdir(), 'publish-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DEV = { id: '11111111-1111-1111-1111-111111111111', name: 'Dev' };
const PROD = { id: '22222222-2222-2222-2222-222222222222', name: 'Production' };

const v2 = publishSettingsV2([
  { ...DEV, certificate: client, url: 'https://dev.example.test:8443' },
  { ...PROD, certificate: otherClient },
]);
const v2File = join(dir, 'two.publishsettings');
writeFileSync(v2File, v2);

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CredentialError, String(err));
    assert.match(err.message, pattern);
    // The file's certificates are base64 PKCS#12: no slice of them may appear.
    assert.equal(err.message.includes(v2.slice(v2.indexOf('ManagementCertificate="') + 40, v2.indexOf('ManagementCertificate="') + 80)), false);
    return true;
  });
}

test('schema 1.0: the profile carries the certificate and URL for its subscription', () => {
  const settings = fromPublishSettings({ xml: publishSettingsV1('https://management.core.windows.net/', client, [DEV]) });
  assert.equal(settings.subscriptionId, DEV.id);
  assert.equal(settings.subscriptionName, 'Dev');
  assert.equal(settings.endpoint, 'https://management.core.windows.net');
  assert.equal(settings.credential.thumbprint, client.thumbprint);
});

test('schema 1.0 with several subscriptions sharing the profile certificate', () => {
  const xml = publishSettingsV1('https://management.core.windows.net/', client, [DEV, PROD]);
  const settings = fromPublishSettings({ xml, subscription: 'Production' });
  assert.equal(settings.subscriptionId, PROD.id);
  assert.equal(settings.credential.thumbprint, client.thumbprint);
});

test('schema 2.0: each subscription has its own certificate and endpoint; select by id or name', () => {
  const byName = fromPublishSettings({ file: v2File, subscription: 'Dev' });
  assert.equal(byName.subscriptionId, DEV.id);
  assert.equal(byName.endpoint, 'https://dev.example.test:8443');
  assert.equal(byName.credential.thumbprint, client.thumbprint);
  const byId = fromPublishSettings({ file: v2File, subscription: PROD.id.toUpperCase() });
  assert.equal(byId.subscriptionName, 'Production');
  assert.equal(byId.endpoint, 'https://management.core.windows.net');
  assert.equal(byId.credential.thumbprint, otherClient.thumbprint);
  assert.equal(fromPublishSettings({ file: v2File, subscription: 'production' }).subscriptionId, PROD.id);
  assert.deepEqual(listPublishSettingsSubscriptions({ file: v2File }), [
    { id: DEV.id, name: 'Dev', endpoint: 'https://dev.example.test:8443' },
    { id: PROD.id, name: 'Production', endpoint: 'https://management.core.windows.net' },
  ]);
});

test('a subscription not in the file is refused with the list of those it has, by name and id', () => {
  rejects(() => fromPublishSettings({ file: v2File, subscription: 'Staging' }),
    new RegExp(`subscription "Staging" is not in ${v2File.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; it has: "Dev" \\(${DEV.id}\\), "Production" \\(${PROD.id}\\)`));
  rejects(() => fromPublishSettings({ file: v2File }), /holds 2 subscriptions; choose one by id or name \(subscription\): "Dev" .*"Production"/);
});

test('the result never shows key material', () => {
  const settings = fromPublishSettings({ file: v2File, subscription: 'Dev' });
  const shown = `${JSON.stringify(settings)}\n${inspect(settings, { showHidden: true, depth: Infinity })}`;
  assert.doesNotMatch(shown, /PRIVATE KEY|ManagementCertificate/);
  assert.equal(shown.includes(client.key.split('\n')[5]!), false);
});

test('broken files are named with what is wrong', () => {
  rejects(() => fromPublishSettings({ file: join(dir, 'missing.publishsettings') }), /the publish settings file .*missing\.publishsettings does not exist/);
  rejects(() => fromPublishSettings({ xml: '<PublishData><PublishProfile>' }), /is not well-formed XML \(line 1\)/);
  rejects(() => fromPublishSettings({ xml: '<Other/>' }), /no PublishData element/);
  rejects(() => fromPublishSettings({ xml: '<PublishData><PublishProfile/></PublishData>' }), /holds no subscription/);
  rejects(() => fromPublishSettings({ xml: '<!DOCTYPE x [<!ENTITY a "b">]><PublishData/>' }), /DOCTYPE is not allowed/);
  rejects(() => fromPublishSettings({ xml: `<PublishData><PublishProfile><Subscription Id="${DEV.id}" Name="Dev"/></PublishProfile></PublishData>` }),
    /the ManagementCertificate of subscription "Dev" .* is missing/);
  rejects(() => fromPublishSettings({ xml: `<PublishData><PublishProfile Url="http://plain.example"><Subscription Id="x" ManagementCertificate="AAAA"/></PublishProfile></PublishData>` }),
    /must be an https:\/\/ URL/);
});

const legacy = legacyPkcs12(client, '');

test('a certificate encrypted the old Windows way (RC2-40) loads too', { skip: legacy === undefined && 'no openssl command line' }, () => {
  const xml = `<PublishData><PublishProfile SchemaVersion="2.0"><Subscription Id="${DEV.id}" Name="Dev" ServiceManagementUrl="https://management.core.windows.net" ManagementCertificate="${legacy!.toString('base64')}"/></PublishProfile></PublishData>`;
  assert.equal(fromPublishSettings({ xml }).credential.thumbprint, client.thumbprint);
});

test('a file of 100,000 subscriptions names ten of them in its error, not all (issue #16, second round)', () => {
  // Before: the message listed every one, 4.9 MB of it.
  const subscriptions = Array.from({ length: 100_000 }, (_, i) => `<Subscription Id="00000000-0000-0000-0000-${String(i).padStart(12, '0')}" Name="s${i}"/>`).join('');
  const xml = `<PublishData><PublishProfile SchemaVersion="2.0">${subscriptions}</PublishProfile></PublishData>`;
  for (const source of [{ xml }, { xml, subscription: 'missing' }]) {
    assert.throws(() => fromPublishSettings(source), (err: unknown) => {
      assert.ok(err instanceof CredentialError);
      assert.ok(err.message.length < 1_000, `message of ${err.message.length}`);
      assert.match(err.message, /"s9" \(00000000-0000-0000-0000-000000000009\) and 99990 more \(listPublishSettingsSubscriptions lists them all\)$/);
      return true;
    });
  }
  assert.equal(listPublishSettingsSubscriptions({ xml }).length, 100_000);
});
