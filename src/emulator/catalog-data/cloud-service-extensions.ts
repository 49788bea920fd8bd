/**
 * Cloud service extension images the platform offered every subscription (ListAvailableExtensions lists the
 * newest version of each, ListExtensionVersions every version of one): remote desktop, diagnostics and
 * antimalware for web and worker roles, as the documentation and the portal named them. A state file can
 * replace them (`extensionImages`); publishers add their own with RegisterExtensionImage.
 */
import type { ExtensionImage } from '../../../generated/models/index.js';

interface ImageRow {
  namespace: string;
  type: string;
  versions: string[];
  label: string;
  description: string;
}

const IMAGES: ImageRow[] = [
  {
    namespace: 'Microsoft.Windows.Azure.Extensions', type: 'RDP', versions: ['1.0', '1.1', '1.2.1'], label: 'Remote Desktop',
    description: 'Enables remote desktop access to the instances of a web or worker role.',
  },
  {
    namespace: 'Microsoft.Azure.Diagnostics', type: 'PaaSDiagnostics', versions: ['1.0', '1.3', '1.4'], label: 'Azure Diagnostics',
    description: 'Collects diagnostic data (logs, performance counters, crash dumps) from the instances of a role.',
  },
  {
    namespace: 'Microsoft.Azure.Security', type: 'PaaSAntimalware', versions: ['1.0', '1.1'], label: 'Microsoft Antimalware',
    description: 'Protects the instances of a role against viruses, spyware and other malicious software.',
  },
];

function imageOf(row: ImageRow, version: string, index: number): ExtensionImage {
  return {
    ProviderNameSpace: row.namespace, Type: row.type, Version: version, Label: row.label, HostingResources: 'WebRole|WorkerRole',
    Description: row.description, PublisherName: 'Microsoft', PublishedDate: new Date(Date.UTC(2014, index * 3, 1)),
    IsInternalExtension: false, ReplicationCompleted: true, CompanyName: 'Microsoft',
  };
}

/** Every version of every image, oldest version first within each. */
export function defaultExtensionImages(): ExtensionImage[] {
  return IMAGES.flatMap((row) => row.versions.map((version, i) => imageOf(row, version, i)));
}
