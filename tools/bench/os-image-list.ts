/** A realistic ListOSImages response body of n entries (about 800 bytes each, like the service's own). */
export function osImageListXml(n: number): string {
  const parts = ['<Images xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'];
  for (let i = 0; i < n; i++) {
    const linux = i % 3 !== 0;
    parts.push(
      '<OSImage>',
      `<AffinityGroup i:nil="true"/><Category>Public</Category><Label>Image family ${i % 97} build ${i}</Label>`,
      `<Location>East Asia;Southeast Asia;North Europe;West Europe;East US;West US</Location>`,
      `<LogicalSizeInGB>${linux ? 30 : 127}</LogicalSizeInGB>`,
      `<MediaLink>https://storage${i % 13}.blob.core.windows.net/vhds/image-${i}.vhd</MediaLink>`,
      `<Name>b39f27a8b8c64d52b05eac6a62ebad85__Image_${i}_${linux ? 'Ubuntu-14_04-LTS' : 'Windows-Server-2012-R2'}-amd64-server-20150${i % 9}01-en-us-30GB</Name>`,
      `<OS>${linux ? 'Linux' : 'Windows'}</OS>`,
      `<Eula>http://www.ubuntu.com/project/about-ubuntu/licensing;http://www.ubuntu.com/aboutus/privacypolicy</Eula>`,
      `<Description>Ubuntu Server 14.04 LTS (amd64 2015010${i % 9}) for Microsoft Azure. Ubuntu Server is the world's most popular Linux for cloud environments.</Description>`,
      `<ImageFamily>Ubuntu Server 14.04 LTS</ImageFamily><ShowInGui>${i % 2 === 0 ? 'true' : 'false'}</ShowInGui>`,
      `<PublishedDate>2015-01-0${(i % 9) + 1}T00:00:00Z</PublishedDate><IsPremium>false</IsPremium>`,
      `<IconUri>Ubuntu-cof-100.png</IconUri><PrivacyUri>http://www.ubuntu.com/aboutus/privacypolicy</PrivacyUri>`,
      `<RecommendedVMSize>Small</RecommendedVMSize><PublisherName>Canonical</PublisherName><SmallIconUri>Ubuntu-cof-45.png</SmallIconUri>`,
      '</OSImage>',
    );
  }
  parts.push('</Images>');
  return parts.join('');
}
