/**
 * The schema-2.0 .publishsettings document the classic portal handed out, pointed at any endpoint: what
 * `azure account import` (classic CLI) and `Import-AzurePublishSettingsFile` (PowerShell) read. Each subscription
 * carries its own ServiceManagementUrl and its management certificate as base64 PKCS#12 with an empty passphrase.
 */
import { createPortalPkcs12 } from './certs.js';
import type { Emulator } from './server.js';

export interface PublishSubscription {
  readonly id: string;
  readonly name: string;
  /** https://host:port of the service (no trailing slash). */
  readonly url: string;
  /** Base64 of a PKCS#12 bundle (key + certificate) protected by the empty passphrase. */
  readonly pkcs12Base64: string;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function publishSettingsXml(subscriptions: readonly PublishSubscription[]): string {
  if (subscriptions.length === 0) throw new Error('publishSettingsXml: at least one subscription is required');
  const entries = subscriptions.map((s) => {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s.pkcs12Base64)) throw new Error(`publishSettingsXml: pkcs12Base64 of subscription ${s.id} must be base64`);
    return `    <Subscription ServiceManagementUrl="${attribute(s.url.replace(/\/+$/, ''))}" Id="${attribute(s.id)}" Name="${attribute(s.name)}" ManagementCertificate="${s.pkcs12Base64}" />`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<PublishData>
  <PublishProfile SchemaVersion="2.0" PublishMethod="AzureServiceManagementAPI">
${entries.join('\n')}
  </PublishProfile>
</PublishData>
`;
}

/**
 * The emulator's default subscription and management certificate, as a .publishsettings document, its PKCS#12
 * written as the portal's were (createPortalPkcs12), which the classic CLI can read.
 */
export function publishSettingsFor(emulator: Pick<Emulator, 'url' | 'subscriptionId' | 'clientCert'>, name = 'ASM Emulator'): string {
  const pkcs12Base64 = createPortalPkcs12(emulator.clientCert.key, emulator.clientCert.cert).toString('base64');
  return publishSettingsXml([{ id: emulator.subscriptionId, name, url: emulator.url, pkcs12Base64 }]);
}
