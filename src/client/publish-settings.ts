/**
 * .publishsettings files, as the classic portal handed them out. Two layouts exist:
 *   schema 1.0: <PublishProfile Url="…" ManagementCertificate="…"><Subscription Id="…" Name="…"/></PublishProfile>
 *   schema 2.0: <PublishProfile SchemaVersion="2.0"><Subscription Id="…" Name="…" ServiceManagementUrl="…"
 *               ManagementCertificate="…"/></PublishProfile>
 * A subscription's own attributes win over its profile's. ManagementCertificate is a base64 PKCS#12 with an empty
 * passphrase. The result spreads straight into the client options: `new Client({ ...fromPublishSettings(…) })`.
 */
import {
  ATTR, XmlSyntaxError, attributesOf, childrenOf, elementName, parseXmlDocument, type OrderedNode,
} from '../core/xml-document.js';
import { credentialFromPkcs12, readCredentialFile, type CertificateCredential } from './credentials.js';
import { CredentialError } from '../core/errors.js';

export interface PublishSettingsSource {
  /** Path of the .publishsettings file. */
  file?: string;
  /** The file's content, instead of `file`. */
  xml?: string | Buffer;
  /** Id or name of the subscription to use; required when the file holds more than one. */
  subscription?: string;
}

export interface PublishSettingsSubscription {
  id: string;
  name?: string;
  /** https:// origin of the management endpoint. */
  endpoint: string;
}

export interface PublishSettings {
  credential: CertificateCredential;
  subscriptionId: string;
  subscriptionName?: string;
  endpoint: string;
}

const DEFAULT_ENDPOINT = 'https://management.core.windows.net';

interface Entry extends PublishSettingsSubscription {
  /** Base64 PKCS#12, from the subscription or its profile. */
  certificate?: string;
}

/** An element of the document, with its children. */
interface Element {
  readonly node: OrderedNode;
  readonly name: string;
}

function children(element: Element, name: string): Element[] {
  return childrenOf(element.node, element.name)
    .map((node) => ({ node, name: elementName(node) }))
    .filter((child): child is Element => child.name === name);
}

function attribute(element: Element, name: string): string | undefined {
  const value = attributesOf(element.node)?.[`${ATTR}${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function endpointOf(url: string | undefined, origin: string): string {
  if (url === undefined) return DEFAULT_ENDPOINT;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:') return parsed.origin;
  } catch {
    // Reported below.
  }
  throw new CredentialError(`${origin}: the management URL must be an https:// URL`);
}

function parse(text: string, origin: string): Element {
  if (/<!DOCTYPE/i.test(text)) throw new CredentialError(`${origin} is not a .publishsettings file (DOCTYPE is not allowed)`);
  let document: OrderedNode[];
  try {
    document = parseXmlDocument(text);
  } catch (err) {
    // Only the line is quoted: the parser's message can repeat attribute text, and certificates are attributes.
    if (err instanceof XmlSyntaxError) throw new CredentialError(`${origin} is not well-formed XML (line ${err.line ?? 1})`);
    throw err;
  }
  const root = document.find((node) => elementName(node) === 'PublishData');
  if (root === undefined) throw new CredentialError(`${origin} is not a .publishsettings file (no PublishData element)`);
  return { node: root, name: 'PublishData' };
}

function entries(root: Element, origin: string): Entry[] {
  const found: Entry[] = [];
  for (const profile of children(root, 'PublishProfile')) {
    for (const subscription of children(profile, 'Subscription')) {
      const id = attribute(subscription, 'Id');
      if (id === undefined) throw new CredentialError(`${origin}: a Subscription element has no Id attribute`);
      const entry: Entry = {
        id,
        endpoint: endpointOf(attribute(subscription, 'ServiceManagementUrl') ?? attribute(profile, 'Url'), origin),
      };
      const name = attribute(subscription, 'Name');
      if (name !== undefined) entry.name = name;
      const certificate = attribute(subscription, 'ManagementCertificate') ?? attribute(profile, 'ManagementCertificate');
      if (certificate !== undefined) entry.certificate = certificate;
      found.push(entry);
    }
  }
  if (found.length === 0) throw new CredentialError(`${origin} holds no subscription`);
  return found;
}

/** Subscriptions an error lists by name: a file of 100,000 made a message of 4.9 MB. */
const LISTED = 10;

function describe(list: Entry[]): string {
  const named = list.slice(0, LISTED).map((s) => (s.name !== undefined ? `"${s.name}" (${s.id})` : s.id)).join(', ');
  return list.length > LISTED ? `${named} and ${list.length - LISTED} more (listPublishSettingsSubscriptions lists them all)` : named;
}

function select(list: Entry[], wanted: string | undefined, origin: string): Entry {
  if (wanted === undefined) {
    if (list.length === 1) return list[0]!;
    throw new CredentialError(`${origin} holds ${list.length} subscriptions; choose one by id or name (subscription): ${describe(list)}`);
  }
  const key = wanted.trim();
  const byId = list.filter((s) => s.id.toLowerCase() === key.toLowerCase());
  const byName = byId.length > 0 ? byId : list.filter((s) => s.name === key);
  const matches = byName.length > 0 ? byName : list.filter((s) => s.name?.toLowerCase() === key.toLowerCase());
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new CredentialError(`subscription "${key}" is ambiguous in ${origin}; use its id: ${describe(matches)}`);
  throw new CredentialError(`subscription "${key}" is not in ${origin}; it has: ${describe(list)}`);
}

function load(source: PublishSettingsSource): { list: Entry[]; origin: string } {
  if (source.xml === undefined && source.file === undefined) throw new CredentialError('publish settings need file or xml');
  const origin = source.file ?? 'the publish settings';
  const text = (source.xml ?? readCredentialFile(source.file!, 'publish settings')).toString();
  return { list: entries(parse(text, origin), origin), origin };
}

/** The subscriptions a .publishsettings file holds (no certificate is decoded). */
export function listPublishSettingsSubscriptions(source: PublishSettingsSource): PublishSettingsSubscription[] {
  return load(source).list.map(({ id, name, endpoint }) => (name !== undefined ? { id, name, endpoint } : { id, endpoint }));
}

/** The credential, subscription id and endpoint of one subscription of a .publishsettings file. */
export function fromPublishSettings(source: PublishSettingsSource): PublishSettings {
  const { list, origin } = load(source);
  const entry = select(list, source.subscription, origin);
  const label = `the ManagementCertificate of subscription ${describe([entry])} in ${origin}`;
  if (entry.certificate === undefined) throw new CredentialError(`${label} is missing`);
  const pfx = Buffer.from(entry.certificate, 'base64');
  if (pfx.length === 0) throw new CredentialError(`${label} is not base64`);
  const settings: PublishSettings = { credential: credentialFromPkcs12(pfx, '', label), subscriptionId: entry.id, endpoint: entry.endpoint };
  if (entry.name !== undefined) settings.subscriptionName = entry.name;
  return settings;
}
