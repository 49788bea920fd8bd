/** Builds .publishsettings documents in both schema versions, as the classic portal wrote them. */
import { createPkcs12, type KeyAndCertificate } from '../../src/emulator/certs.js';

export interface SubscriptionEntry {
  id: string;
  name: string;
  certificate: KeyAndCertificate;
  /** Schema 2.0 only; default the public endpoint. */
  url?: string;
}

function managementCertificate(certificate: KeyAndCertificate): string {
  // The portal's PKCS#12 has an empty passphrase.
  return createPkcs12(certificate.key, certificate.cert, '').toString('base64');
}

/** Schema 1.0: one certificate and URL on the profile, shared by its subscriptions. */
export function publishSettingsV1(url: string, certificate: KeyAndCertificate, subscriptions: Array<{ id: string; name: string }>): string {
  const entries = subscriptions.map((s) => `    <Subscription Id="${s.id}" Name="${s.name}" />`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<PublishData>
  <PublishProfile PublishMethod="AzureServiceManagementAPI" Url="${url}" ManagementCertificate="${managementCertificate(certificate)}">
${entries}
  </PublishProfile>
</PublishData>`;
}

/** Schema 2.0: every subscription carries its own endpoint and certificate. */
export function publishSettingsV2(subscriptions: SubscriptionEntry[]): string {
  const entries = subscriptions.map((s) => `    <Subscription ServiceManagementUrl="${s.url ?? 'https://management.core.windows.net'}" Id="${s.id}" Name="${s.name}" ManagementCertificate="${managementCertificate(s.certificate)}" />`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<PublishData>
  <PublishProfile SchemaVersion="2.0" PublishMethod="AzureServiceManagementAPI">
${entries}
  </PublishProfile>
</PublishData>`;
}
