/**
 * The typed client end to end over real HTTPS with a client certificate: the sample scenario, typed errors,
 * validation before sending, and the standalone emulator used through the files it writes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../../tools/demo/scenario.js';
import { createCertificateAuthority } from '../../src/emulator/certs.js';
import type { Emulator } from '../../src/emulator/server.js';
import {
  ConflictError, ResourceNotFoundError, ServiceManagementClient, ValidationError, certificateFromPem, type ResponseInfo,
} from '../../generated/index.js';
import { specDir, startTestEmulator } from '../emulator/helpers.js';
import { typedClientFor } from '../support/typed-client.js';

let emulator: Emulator;
let client: ServiceManagementClient;

before(async () => {
  emulator = await startTestEmulator({ asyncPolls: 2 });
  client = typedClientFor(emulator, { polling: { minDelayMs: 10, maxDelayMs: 20 } });
});

after(async () => {
  await client.close();
  await emulator.close();
});

test('the seed scenario runs: VM in staging with disks and endpoints, visible progress, capture, swap, clean-up', async () => {
  const lines: string[] = [];
  await runScenario(client, (line) => lines.push(line));
  const text = lines.join('\n');
  assert.match(lines[0]!, /^Locations: West US, /);
  assert.match(text, /Created cloud service sampleservice\w+ in West US: label "sampleservice\w+", status Created/);
  assert.match(text, /Created VM deployment sampleDeployment in the staging slot: request \w+… InProgress → InProgress → Succeeded \(HTTP 200\)/);
  assert.match(text, /Virtual networks: samplenet-\w+ in West US \(Created\), subnets sampleSubnet 10\.0\.0\.0\/24/);
  assert.match(text, /instance sampleRole: Provisioning → ReadyRole/);
  assert.match(text, /in virtual network samplenet-\w+: instance sampleRole has address 10\.0\.0\.4/);
  assert.match(text, /Role sampleRole: size Small, OS disk \S+ from Win2K8SP1\.110809-2000\.201108-01\.en\.us\.30GB\.vhd/);
  assert.match(text, /data disks: LUN 0 10 GB; endpoints: endpname1 tcp 59919→3395/);
  assert.match(text, /instance sampleRole: StoppedDeallocated\n {2}cores in use: 0/);
  assert.match(text, /user images: sampleRole-image-\w+ \(Windows, West US\)/);
  assert.match(text, /production slot: sampleDeployment, URL http:\/\/sampleservice\w+\.cloudapp\.net\//);
  assert.equal(lines.at(-1), 'Left: 0 cloud services, 0 storage accounts, 0 affinity groups, 0 disks, 0 virtual networks');
});

test('labels travel base64 on the wire and come back plain; x-ms-version and the request id are visible', async () => {
  const seen: ResponseInfo[] = [];
  await client.createHostedService({ ServiceName: 'wire-check', Label: 'Ünïcode label', Location: 'West US' }, { onResponse: (r) => seen.push(r) });
  const sent = emulator.requests.find((r) => r.method === 'POST' && r.body.includes('wire-check'))!;
  assert.match(sent.body, new RegExp(`<Label>${Buffer.from('Ünïcode label').toString('base64')}</Label>`));
  assert.equal(sent.headers['x-ms-version'], '2014-10-01');
  assert.equal(seen[0]!.statusCode, 201);
  assert.match(seen[0]!.requestId!, /^[0-9a-f]{32}$/);
  const read = await client.getHostedService({ ServiceName: 'wire-check' });
  assert.equal(read.HostedServiceProperties?.Label, 'Ünïcode label');
  await client.deleteHostedService({ ServiceName: 'wire-check' }, { wait: true });
});

test('service errors are typed: 404 ResourceNotFoundError, 409 ConflictError, with code, status and request id', async () => {
  await assert.rejects(client.getHostedService({ ServiceName: 'nowhere' }), (err: unknown) => {
    assert.ok(err instanceof ResourceNotFoundError);
    assert.equal(err.code, 'ResourceNotFound');
    assert.equal(err.statusCode, 404);
    assert.equal(err.operation, 'GetHostedService');
    assert.match(err.requestId!, /^[0-9a-f]{32}$/);
    assert.equal(err.detail, 'The hosted service does not exist.');
    assert.ok(!err.detail.startsWith('GetHostedService:'), 'detail is the service message alone');
    assert.equal(err.headers['x-ms-request-id'], err.requestId);
    return true;
  });
  await client.createHostedService({ ServiceName: 'twice', Label: 'l', Location: 'West US' });
  await assert.rejects(client.createHostedService({ ServiceName: 'twice', Label: 'l', Location: 'West US' }), ConflictError);
  await client.deleteHostedService({ ServiceName: 'twice' }, { wait: true });
});

test('NODE_EXTRA_CA_CERTS is trusted alongside an explicit ca option', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'asm-extra-ca-'));
  const caFile = join(dir, 'emulator-ca.pem');
  writeFileSync(caFile, emulator.caCert);
  const saved = process.env['NODE_EXTRA_CA_CERTS'];
  process.env['NODE_EXTRA_CA_CERTS'] = caFile;
  const unrelated = createCertificateAuthority('Unrelated CA');
  const other = new ServiceManagementClient({
    subscriptionId: emulator.subscriptionId,
    credential: certificateFromPem({ key: emulator.clientCert.key, cert: emulator.clientCert.cert }),
    endpoint: emulator.url,
    ca: unrelated.cert,
  });
  try {
    assert.equal((await other.listLocations()).length, 6);
  } finally {
    if (saved === undefined) delete process.env['NODE_EXTRA_CA_CERTS'];
    else process.env['NODE_EXTRA_CA_CERTS'] = saved;
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('invalid input is refused before anything is sent', async () => {
  const before = emulator.requests.length;
  await assert.rejects(client.createHostedService({ ServiceName: 'bad name', Label: 'l', Location: 'West US' }), (err: unknown) => err instanceof ValidationError && err.issues[0]!.path === 'ServiceName');
  await assert.rejects(client.getHostedService({ ServiceName: '..' }), ValidationError);
  assert.equal(emulator.requests.length, before);
});

test('the standalone emulator serves a typed client that uses the files it wrote', async () => {
  const out = mkdtempSync(join(tmpdir(), 'asm-standalone-'));
  const cli = fileURLToPath(new URL('../../src/emulator/cli.js', import.meta.url));
  const child = spawn(process.execPath, [cli, '--port', '0', '--out', out, '--spec', specDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    while (!/listening on https:\/\/\S+/.test(output)) {
      if (child.exitCode !== null) throw new Error(`the emulator exited: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const endpoint = /listening on (https:\/\/\S+)/.exec(output)![1]!;
    const standalone = new ServiceManagementClient({
      subscriptionId: readFileSync(join(out, 'subscription-id.txt'), 'utf8').trim(),
      credential: certificateFromPem({ keyFile: join(out, 'management-key.pem'), certFile: join(out, 'management-cert.pem') }),
      endpoint,
      ca: readFileSync(join(out, 'ca.pem')),
    });
    try {
      assert.equal((await standalone.listLocations()).length, 6);
      assert.deepEqual(await standalone.listHostedServices(), []);
    } finally {
      await standalone.close();
    }
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    rmSync(out, { recursive: true, force: true });
  }
});
