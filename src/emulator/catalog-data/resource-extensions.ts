/**
 * VM extensions the service offered (ListResourceExtensions lists the newest version of each,
 * ListResourceExtensionVersions every version of one): the Microsoft ones the portal installed and the Chef
 * client the Python SDK's tests list.
 */
import type { ResourceExtension } from '../../../generated/models/index.js';

interface ExtensionRow {
  publisher: string;
  name: string;
  versions: string[];
  label: string;
  description: string;
  company: string;
  homepage: string;
}

const EXTENSIONS: ExtensionRow[] = [
  {
    publisher: 'BGInfo', name: 'BGInfo', versions: ['1.1', '1.2', '2.1'], label: 'BGInfo',
    description: 'Shows system information on the desktop of a Windows virtual machine.', company: 'Microsoft',
    homepage: 'https://technet.microsoft.com/sysinternals/bginfo',
  },
  {
    publisher: 'Microsoft.Compute', name: 'VMAccessAgent', versions: ['2.0', '2.0.2'], label: 'VM Access Agent',
    description: 'Resets the administrator password and the remote desktop configuration of a Windows virtual machine.',
    company: 'Microsoft', homepage: 'http://azure.microsoft.com',
  },
  {
    publisher: 'Microsoft.Compute', name: 'CustomScriptExtension', versions: ['1.1', '1.2', '1.4'], label: 'Custom Script Extension',
    description: 'Downloads and runs scripts on a Windows virtual machine.', company: 'Microsoft', homepage: 'http://azure.microsoft.com',
  },
  {
    publisher: 'Microsoft.OSTCExtensions', name: 'VMAccessForLinux', versions: ['1.1', '1.2', '1.3'], label: 'VM Access For Linux',
    description: 'Resets the password, SSH key or SSH configuration of a Linux virtual machine.', company: 'Microsoft',
    homepage: 'https://github.com/Azure/azure-linux-extensions',
  },
  {
    publisher: 'Microsoft.OSTCExtensions', name: 'CustomScriptForLinux', versions: ['1.1', '1.2', '1.3'], label: 'Custom Script For Linux',
    description: 'Downloads and runs scripts on a Linux virtual machine.', company: 'Microsoft',
    homepage: 'https://github.com/Azure/azure-linux-extensions',
  },
  {
    publisher: 'Chef.Bootstrap.WindowsAzure', name: 'ChefClient', versions: ['11.12.0.0', '11.16.4.2', '11.18.6.1'], label: 'Chef Client',
    description: 'Installs the Chef client on the virtual machine and registers it with a Chef server.', company: 'Chef Software, Inc.',
    homepage: 'https://www.chef.io/',
  },
];

function versionOf(row: ExtensionRow, version: string, index: number): ResourceExtension {
  return {
    Publisher: row.publisher, Name: row.name, Version: version, Label: row.label, Description: row.description,
    ReplicationCompleted: true, Eula: `${row.homepage}`, PrivacyUri: 'http://www.microsoft.com/privacystatement/en-us/OnlineServices/Default.aspx',
    HomepageUri: row.homepage, IsJsonExtension: true, CompanyName: row.company, PublishedDate: new Date(Date.UTC(2015, index, 15)),
  };
}

/** Every version of every extension, oldest version first within each extension. */
export function defaultResourceExtensions(): ResourceExtension[] {
  return EXTENSIONS.flatMap((row) => row.versions.map((version, i) => versionOf(row, version, i)));
}
