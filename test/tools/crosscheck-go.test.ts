/**
 * `npm run crosscheck:go` compares the committed reading of Microsoft's Go SDK for Service Management
 * (tools/crosscheck-go/go-sdk-bodies.json) with our spec. It must find every call an operation of ours, no order or
 * unknown-element difference without a named source, no required member Go never sends, no transport problem and
 * no justification left over; and it must catch each of those when the evidence changes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { loadGoEvidence, type GoEvidence, type Node, type Skeleton } from '../../tools/crosscheck-go/bodies.js';
import { compareGo } from '../../tools/crosscheck-go/compare-go.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The evidence with one call's body replaced. */
function withBody(evidence: GoEvidence, go: string, change: (children: Node[]) => Node[]): GoEvidence {
  const calls = evidence.calls.map((c) => {
    if (c.go !== go || c.body === null) return c;
    const [name, children] = Object.entries(c.body)[0]!;
    return { ...c, body: { [name]: change([...children]) } as Skeleton };
  });
  return { ...evidence, calls };
}

test('the committed reading: every call matches an operation, nothing unjustified, nothing required missing', () => {
  const result = compareGo(loadGoEvidence());
  assert.equal(result.calls.length, 22);
  assert.deepEqual(result.calls.filter((c) => c.operation === undefined).map((c) => c.name), []);
  assert.equal(result.unjustified, 0, JSON.stringify(result.calls.flatMap((c) => c.differences.filter((d) => d.kind !== 'ours-only' && d.justification === undefined)), null, 1));
  assert.deepEqual(result.calls.flatMap((c) => c.requiredMissing), []);
  assert.deepEqual(result.calls.flatMap((c) => c.transport), []);
  assert.deepEqual(result.unusedJustifications, [], 'every justification still matches a difference');
  // Go's paths reach the operation they mean: the slot and name forms, the role operations, the affinity group
  // URL its client builds with a doubled slash ("{sub}//affinitygroups").
  const byName = new Map(result.calls.map((c) => [c.name, c.operation]));
  assert.equal(byName.get('virtualmachine.UpdateDeploymentStatus'), 'UpdateDeploymentStatusBySlot');
  assert.equal(byName.get('virtualmachine.UpdateDeploymentStatusByName'), 'UpdateDeploymentStatus');
  assert.equal(byName.get('virtualmachine.ShutdownRole'), 'ShutdownRole');
  assert.equal(byName.get('virtualmachine.CaptureRole'), 'CaptureRole');
  assert.equal(byName.get('affinitygroup.CreateAffinityGroup'), 'CreateAffinityGroup');
  // The network configuration set (the second item of ConfigurationSets) is walked too: its NSG order shows.
  const network = result.calls.find((c) => c.name === 'virtualmachine.AddRole (Linux role)')!.differences
    .find((d) => d.kind === 'order' && d.path === '/PersistentVMRole/ConfigurationSets/ConfigurationSet');
  assert.equal(network?.theirs, 'ConfigurationSetType, InputEndpoints, SubnetNames, StaticVirtualNetworkIPAddress, NetworkSecurityGroup, PublicIPs');
  assert.ok(network?.justification?.includes('PowerShell'));
});

test('an element out of our order, an element our model lacks, a required one left out: each is reported', () => {
  const evidence = loadGoEvidence();
  const swapped = compareGo(withBody(evidence, 'affinitygroup.CreateAffinityGroup', (c) => [c[1]!, c[0]!, ...c.slice(2)]));
  const order = swapped.calls.find((c) => c.call.go === 'affinitygroup.CreateAffinityGroup')!.differences;
  assert.deepEqual(order.map((d) => [d.kind, d.theirs, d.justification]), [['order', 'Label, Name, Description, Location', undefined]]);
  assert.equal(swapped.unjustified, 1);

  const unknown = compareGo(withBody(evidence, 'virtualmachine.SwapDeployment', (c) => [...c, 'Priority']));
  assert.deepEqual(unknown.calls.find((c) => c.call.go === 'virtualmachine.SwapDeployment')!.differences.map((d) => [d.kind, d.theirs]), [['theirs-only', 'Priority']]);
  assert.equal(unknown.unjustified, 1);

  const missing = compareGo(withBody(evidence, 'hostedservice.CreateHostedService', (c) => c.filter((n) => n !== 'Label')));
  assert.deepEqual(missing.calls.find((c) => c.call.go === 'hostedservice.CreateHostedService')!.requiredMissing, ['/CreateHostedService/Label']);
});

test('a call on a path of no operation of ours is reported as matching none', () => {
  const evidence = loadGoEvidence();
  const moved = { ...evidence, calls: evidence.calls.map((c) => (c.go === 'virtualmachine.SwapDeployment' ? { ...c, path: '/{sub}/services/hostedservices/svc1/swap' } : c)) };
  assert.equal(compareGo(moved).calls.find((c) => c.call.go === 'virtualmachine.SwapDeployment')!.operation, undefined);
});

test('a justification no difference needs any more is reported as unused', () => {
  const evidence = loadGoEvidence();
  const stale = { ...evidence, justified: [...evidence.justified, { go: 'virtualmachinedisk.AddDisk', path: '/Disk', kind: 'order' as const, elements: 'Label, OS', source: 'none' }] };
  assert.equal(compareGo(stale).unusedJustifications.length, 1);
});

test('npm run crosscheck:go prints the table, the spec\'s reasons and totals, and exits 0', async () => {
  const { stdout } = await run(process.execPath, [join(root, 'dist', 'tools', 'crosscheck-go', 'main.js')]);
  assert.match(stdout, /^virtualmachine\.CreateDeployment \(Windows role\) +POST +CreateVirtualMachineDeployment +\d+ difference\(s\), 0 unjustified.*statuses ours 202 \(Go: < 400 ok\), Go polls x-ms-request-id \(ours async\)/m);
  assert.match(stdout, /^ +why: Order: CertificateThumbprint, Protocol/m);
  assert.match(stdout, /== Totals: 22 calls \(22 with a body\), 0 matching no operation of ours, \d+ order\/unknown-element differences \(\d+ justified, 0 unjustified\)/);
});
