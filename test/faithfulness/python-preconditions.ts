/**
 * What a Python recording assumes existed before its first request, read from the recording itself: storage
 * accounts whose blobs its bodies name (media links of images and disks), and cloud services, storage accounts
 * and affinity groups its requests use successfully without creating them first.
 */
import type { ServiceManagementClient } from '../../generated/index.js';
import type { Interaction, Recording } from './corpus.js';

export interface Preconditions {
  storageAccounts: Map<string, string>;
  services: Set<string>;
  affinityGroups: Set<string>;
}

const BLOB_HOST = /https?:\/\/([a-z0-9]{3,24})\.blob\.core\.windows\.net\//g;

function created(interaction: Interaction): { kind: string; name: string } | undefined {
  const body = interaction.requestBody ?? '';
  if (interaction.method !== 'POST') return undefined;
  const root = /^\s*(?:<\?[^>]*>)?\s*<(\w+)/.exec(body)?.[1];
  const name = /<(?:ServiceName|Name)>([^<]+)</.exec(body)?.[1];
  const kinds: Record<string, string> = { CreateHostedService: 'service', CreateStorageServiceInput: 'storage', CreateAffinityGroup: 'affinity' };
  return root !== undefined && name !== undefined && kinds[root] !== undefined ? { kind: kinds[root]!, name } : undefined;
}

function used(interaction: Interaction): { kind: string; name: string } | undefined {
  const path = interaction.path.split('?')[0]!;
  const service = /\/services\/hostedservices\/(?!operations\/)([^/]+)/.exec(path);
  if (service !== null) return { kind: 'service', name: decodeURIComponent(service[1]!) };
  const storage = /\/services\/storageservices\/(?!operations\/)([^/]+)/.exec(path);
  if (storage !== null) return { kind: 'storage', name: decodeURIComponent(storage[1]!) };
  const group = /\/affinitygroups\/([^/]+)/.exec(path);
  return group === null ? undefined : { kind: 'affinity', name: decodeURIComponent(group[1]!) };
}

export function preconditionsOf(recording: Recording): Preconditions {
  const needs: Preconditions = { storageAccounts: new Map(), services: new Set(), affinityGroups: new Set() };
  const made = new Set<string>();
  for (const interaction of recording.interactions) {
    const creation = created(interaction);
    if (creation !== undefined) made.add(`${creation.kind}/${creation.name}`);
    const location = /<Location>([^<]+)<\/Location>/.exec(interaction.requestBody ?? '')?.[1] ?? 'West US';
    for (const m of (interaction.requestBody ?? '').matchAll(BLOB_HOST)) {
      if (!made.has(`storage/${m[1]}`)) needs.storageAccounts.set(m[1]!, location);
    }
    const use = used(interaction);
    if (use === undefined || interaction.status >= 300 || made.has(`${use.kind}/${use.name}`)) continue;
    if (use.kind === 'service') needs.services.add(use.name);
    else if (use.kind === 'storage') needs.storageAccounts.set(use.name, 'West US');
    else needs.affinityGroups.add(use.name);
  }
  return needs;
}

export async function establish(client: ServiceManagementClient, needs: Preconditions): Promise<void> {
  for (const [name, location] of needs.storageAccounts) {
    await client.createStorageAccount({ ServiceName: name, Label: name, Location: location }, { wait: true });
  }
  for (const name of needs.affinityGroups) await client.createAffinityGroup({ Name: name, Label: name, Location: 'West US' });
  for (const name of needs.services) await client.createHostedService({ ServiceName: name, Label: name, Location: 'West US' });
}
