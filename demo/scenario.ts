/** The sample scenario, on any client: the demo runs it against the emulator, and so do the tests. */
import type { ServiceManagementClient } from '../generated/index.js';

export async function runScenario(client: ServiceManagementClient, print: (line: string) => void): Promise<void> {
  const locations = await client.listLocations();
  print(`Locations: ${locations.map((l) => l.Name).join(', ')}`);

  const serviceName = `demo${Date.now().toString(36)}`;
  const location = locations[0]?.Name ?? 'West US';
  await client.createHostedService({ ServiceName: serviceName, Label: `Demo service ${serviceName}`, Description: 'Service host', Location: location });
  print(`Created cloud service ${serviceName} in ${location}`);

  const service = await client.getHostedService({ ServiceName: serviceName });
  const props = service.HostedServiceProperties;
  print(`Read back ${service.ServiceName}: label "${props?.Label}", status ${props?.Status}, created ${props?.DateCreated?.toISOString()}`);

  const deletion = await client.deleteHostedService({ ServiceName: serviceName, DeleteAllMedia: true });
  print(`Deleting ${serviceName}: accepted as request ${deletion.requestId}`);
  const done = await deletion.wait({ onProgress: (s) => print(`  operation ${s.requestId}: ${s.status}`) });
  print(`Deleted ${serviceName}: ${done.status}`);

  const remaining = await client.listHostedServices();
  print(`Cloud services left: ${remaining.length}`);
}
