/**
 * Platform images every subscription can use: OS images (ListOSImages, Category Public) and VM images
 * (ListVMImages). Names follow the service's "<publisher id>__<image>" form; the list includes the two image
 * names the seed guides use in their samples (the 2012 Node.js guide's Windows image and the Python guide's
 * CentOS image), so that those samples run as written.
 */
import type { OSImageRecord, VMImageRecord } from '../records.js';
import { defaultLocations } from './locations.js';

const EVERYWHERE = (): string => defaultLocations().map((l) => l.Name).join(';');

interface ImageRow {
  name: string;
  label: string;
  os: 'Linux' | 'Windows';
  family: string;
  sizeGb: number;
  publisher: string;
  published: string;
  recommended?: string;
  eula?: string;
}

const OS_IMAGES: ImageRow[] = [
  {
    name: 'b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_2-LTS-amd64-server-20150506-en-us-30GB', label: 'Ubuntu Server 14.04.2 LTS',
    os: 'Linux', family: 'Ubuntu Server 14.04 LTS', sizeGb: 30, publisher: 'Canonical', published: '2015-05-06T00:00:00Z',
    eula: 'http://www.ubuntu.com/project/about-ubuntu/licensing;http://www.ubuntu.com/aboutus/privacypolicy',
  },
  {
    name: '5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-66-20150325', label: 'OpenLogic 6.6', os: 'Linux',
    family: 'OpenLogic 6', sizeGb: 30, publisher: 'OpenLogic', published: '2015-03-25T00:00:00Z',
    eula: 'http://www.openlogic.com/azure/service-agreement/',
  },
  {
    name: 'a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-R2-201505.01-en.us-127GB.vhd', label: 'Windows Server 2012 R2 Datacenter, May 2015',
    os: 'Windows', family: 'Windows Server 2012 R2 Datacenter', sizeGb: 128, publisher: 'Microsoft Windows Server Group',
    published: '2015-05-15T00:00:00Z', recommended: 'Medium',
  },
  {
    name: 'a699494373c04fc0bc8f2bb1389d6106__Win2K8R2SP1-Datacenter-201505.01-en.us-127GB.vhd', label: 'Windows Server 2008 R2 SP1, May 2015',
    os: 'Windows', family: 'Windows Server 2008 R2 SP1', sizeGb: 128, publisher: 'Microsoft Windows Server Group',
    published: '2015-05-15T00:00:00Z',
  },
  {
    name: 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd', label: 'Windows Server 2008 R2 SP1, August 2011', os: 'Windows',
    family: 'Windows Server 2008 R2 SP1', sizeGb: 30, publisher: 'Microsoft Windows Server Group', published: '2011-08-09T00:00:00Z',
  },
  {
    name: 'OpenLogic__OpenLogic-CentOS-62-20120531-en-us-30GB.vhd', label: 'OpenLogic CentOS 6.2', os: 'Linux',
    family: 'OpenLogic 6', sizeGb: 30, publisher: 'OpenLogic', published: '2012-05-31T00:00:00Z',
    eula: 'http://www.openlogic.com/azure/service-agreement/',
  },
];

function osImage(row: ImageRow): OSImageRecord {
  return {
    Category: 'Public', Label: row.label, Location: EVERYWHERE(), LogicalSizeInGB: row.sizeGb, Name: row.name, OS: row.os,
    ...(row.eula === undefined ? {} : { Eula: row.eula }),
    Description: `${row.label}, published by ${row.publisher}.`, ImageFamily: row.family, ShowInGui: true,
    PublishedDate: new Date(row.published), IsPremium: false,
    ...(row.recommended === undefined ? {} : { RecommendedVMSize: row.recommended }),
    PublisherName: row.publisher, IOType: 'Standard',
  };
}

export function defaultImages(): OSImageRecord[] {
  return OS_IMAGES.map(osImage);
}

export function defaultVmImages(): VMImageRecord[] {
  const published = new Date('2015-04-20T00:00:00Z');
  const common = {
    Category: 'Public', Location: EVERYWHERE(), CreatedTime: published, ModifiedTime: published, IsPremium: false,
    PublishedDate: published, ShowInGui: true, VMImageState: 'VMImageReadyForUse',
  };
  return [
    {
      ...common, Name: 'fb83b3509582419d99629ce476bcb5c8__SQL-Server-2014-RTM-12.0.2430.0-Standard-ENU-Win2012R2-cy15su04',
      Label: 'SQL Server 2014 RTM Standard on Windows Server 2012 R2', Description: 'SQL Server 2014 Standard with a data disk for databases.',
      OSDiskConfiguration: { Name: 'SQL-Server-2014-Standard-os', HostCaching: 'ReadWrite', OSState: 'Generalized', OS: 'Windows', LogicalDiskSizeInGB: 127, IOType: 'Standard' },
      DataDiskConfigurations: [{ Name: 'SQL-Server-2014-Standard-data-0', HostCaching: 'ReadOnly', Lun: 0, LogicalDiskSizeInGB: 100, IOType: 'Standard' }],
      ImageFamily: 'SQL Server 2014 RTM Standard on Windows Server 2012 R2', RecommendedVMSize: 'Large',
      PublisherName: 'Microsoft SQL Server Group', Eula: 'http://go.microsoft.com/fwlink/?LinkID=516766',
    },
    {
      ...common, Name: 'b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_2-LTS-Docker-20150420', Label: 'Ubuntu 14.04.2 LTS with Docker',
      Description: 'Ubuntu Server 14.04.2 LTS with the Docker engine installed.',
      OSDiskConfiguration: { Name: 'Ubuntu-14_04_2-LTS-Docker-os', HostCaching: 'ReadWrite', OSState: 'Generalized', OS: 'Linux', LogicalDiskSizeInGB: 30, IOType: 'Standard' },
      DataDiskConfigurations: [], ImageFamily: 'Ubuntu 14.04 LTS with Docker', RecommendedVMSize: 'Small', PublisherName: 'Canonical',
    },
  ];
}
