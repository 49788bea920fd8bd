/**
 * Request bodies and steps the compute tests share: a storage account to hold VHDs, a cloud service, and a VM
 * deployment made of one role from a platform image, as the documented samples built them. Bodies are written
 * out in XML, as the service's clients sent them.
 */
import assert from 'node:assert/strict';
import { NS, XSI, createBody, elementText, type Answer, type TestClient } from './helpers.js';

export const LINUX_IMAGE = 'b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_2-LTS-amd64-server-20150506-en-us-30GB';
export const WINDOWS_IMAGE = 'a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-R2-201505.01-en.us-127GB.vhd';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * Polls an operation until it is no longer InProgress; returns its final Operation body. Operations complete by
 * time by default (20 ms), so polls are spaced, and bounded by a deadline rather than a count that a fast loopback
 * could use up first.
 */
export async function settle(client: TestClient, answer: Answer, deadlineMs = 10_000): Promise<string> {
  const id = String(answer.headers['x-ms-request-id']);
  const until = Date.now() + deadlineMs;
  for (;;) {
    const status = await client.call('GET', `/operations/${id}`);
    if (elementText(status.text, 'Status') !== 'InProgress') return status.text;
    if (Date.now() > until) throw new Error(`operation ${id} stayed InProgress for ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Sends an asynchronous request, checks the 202 and waits for it; returns the final Operation body. */
export async function accept(client: TestClient, method: string, path: string, body?: string): Promise<string> {
  const answer = await client.call(method, path, body === undefined ? {} : { body });
  assert.equal(answer.status, 202, `${method} ${path}: ${answer.text}`);
  return settle(client, answer);
}

export async function succeed(client: TestClient, method: string, path: string, body?: string): Promise<void> {
  const final = await accept(client, method, path, body);
  assert.equal(elementText(final, 'Status'), 'Succeeded', final);
}

export async function createService(client: TestClient, name: string, location = 'West US'): Promise<void> {
  const answer = await client.call('POST', '/services/hostedservices', { body: createBody(name, `<Location>${location}</Location>`) });
  assert.equal(answer.status, 201, answer.text);
}

export function storageBody(name: string, location = 'West US', accountType = 'Standard_LRS'): string {
  return `<CreateStorageServiceInput xmlns="${NS}" xmlns:i="${XSI}"><ServiceName>${name}</ServiceName><Label>${b64(name)}</Label>`
    + `<Location>${location}</Location><AccountType>${accountType}</AccountType></CreateStorageServiceInput>`;
}

export async function createStorage(client: TestClient, name: string, location = 'West US'): Promise<void> {
  await succeed(client, 'POST', '/services/storageservices', storageBody(name, location));
}

export interface RoleOptions {
  role: string;
  account: string;
  /** Put before the OS disk's blob name, to keep blobs of different services apart. */
  prefix?: string;
  image?: string;
  size?: string;
  dataDisks?: string;
  endpoints?: string;
}

export function linuxProvisioning(host: string): string {
  return `<ConfigurationSet i:type="LinuxProvisioningConfigurationSet"><ConfigurationSetType>LinuxProvisioningConfiguration</ConfigurationSetType>`
    + `<HostName>${host}</HostName><UserName>azureuser</UserName><UserPassword>Secret-Passw0rd</UserPassword>`
    + '<DisableSshPasswordAuthentication>false</DisableSshPasswordAuthentication></ConfigurationSet>';
}

export function networkSet(endpoints = '<InputEndpoint><LocalPort>22</LocalPort><Name>SSH</Name><Port>22</Port><Protocol>tcp</Protocol></InputEndpoint>'): string {
  return '<ConfigurationSet i:type="NetworkConfigurationSet"><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType>'
    + `<InputEndpoints>${endpoints}</InputEndpoints></ConfigurationSet>`;
}

/** The inside of a role: name, sets, data disks, OS disk from an image into the given account, size. */
export function roleInner(options: RoleOptions): string {
  const link = `https://${options.account}.blob.core.windows.net/vhds/${options.prefix ?? ''}${options.role}-os.vhd`;
  return `<RoleName>${options.role}</RoleName><RoleType>PersistentVMRole</RoleType><ConfigurationSets>${linuxProvisioning(options.role)}`
    + `${networkSet(options.endpoints)}</ConfigurationSets>${options.dataDisks === undefined ? '' : `<DataVirtualHardDisks>${options.dataDisks}</DataVirtualHardDisks>`}`
    + `<OSVirtualHardDisk><MediaLink>${link}</MediaLink><SourceImageName>${options.image ?? LINUX_IMAGE}</SourceImageName></OSVirtualHardDisk>`
    + `<RoleSize>${options.size ?? 'Small'}</RoleSize>`;
}

export function vmDeploymentBody(name: string, slot: string, options: RoleOptions): string {
  return `<Deployment xmlns="${NS}" xmlns:i="${XSI}"><Name>${name}</Name><DeploymentSlot>${slot}</DeploymentSlot><Label>${name}</Label>`
    + `<RoleList><Role>${roleInner({ prefix: `${name}-`, ...options })}</Role></RoleList></Deployment>`;
}

/** A cloud service with a storage account and a running one-VM deployment in `slot`. */
export async function createVm(client: TestClient, service: string, options: RoleOptions & { slot?: string; deployment?: string }): Promise<void> {
  await succeed(client, 'POST', `/services/hostedservices/${service}/deployments`, vmDeploymentBody(options.deployment ?? service, options.slot ?? 'Production', { prefix: `${service}-`, ...options }));
}
