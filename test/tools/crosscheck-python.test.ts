/**
 * `npm run crosscheck:python` compares the committed measurement of Microsoft's Python legacy SDK
 * (tools/crosscheck-python/python-legacy-bodies.json) with our spec. It must find every call an operation of ours,
 * no order or unknown-element difference without a named source, no required member Python never sends, and no
 * justification left over; and it must catch each of those when the evidence changes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { loadEvidence, type Node, type PythonEvidence, type Skeleton } from '../../tools/crosscheck-python/bodies.js';
import { comparePython } from '../../tools/crosscheck-python/compare-python.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The evidence with one call's body replaced. */
function withBody(evidence: PythonEvidence, python: string, change: (children: Node[]) => Node[]): PythonEvidence {
  const calls = evidence.calls.map((c) => {
    if (c.python !== python || c.body === null) return c;
    const [name, children] = Object.entries(c.body)[0]!;
    return { ...c, body: { [name]: change([...children]) } as Skeleton };
  });
  return { ...evidence, calls };
}

test('the committed measurement: every call matches an operation, nothing unjustified, nothing required missing', () => {
  const result = comparePython(loadEvidence());
  assert.equal(result.calls.length, 50);
  assert.deepEqual(result.calls.filter((c) => c.operation === undefined).map((c) => c.name), []);
  assert.equal(result.unjustified, 0, JSON.stringify(result.calls.flatMap((c) => c.differences.filter((d) => d.kind !== 'ours-only' && d.justification === undefined)), null, 1));
  assert.deepEqual(result.calls.flatMap((c) => c.requiredMissing), []);
  assert.deepEqual(result.calls.flatMap((c) => c.transport), []);
  assert.deepEqual(result.unusedJustifications, [], 'every justification still matches a difference');
  assert.ok(result.justified > 0);
  // Python's own order for the paths and roots that share a URL reaches the operation it means.
  const byName = new Map(result.calls.map((c) => [c.name, c.operation]));
  assert.equal(byName.get('change_deployment_configuration'), 'ChangeDeploymentConfiguration');
  assert.equal(byName.get('shutdown_roles'), 'ShutdownRoles');
  assert.equal(byName.get('capture_vm_image'), 'CaptureVMImage');
  assert.equal(byName.get('replicate_vm_image'), 'ReplicateOSImage');
});

test('an element out of our order, an element our model lacks, a required one left out: each is reported', () => {
  const evidence = loadEvidence();
  const swapped = comparePython(withBody(evidence, 'create_affinity_group', (c) => [c[1]!, c[0]!, ...c.slice(2)]));
  const order = swapped.calls.find((c) => c.call.python === 'create_affinity_group')!.differences;
  assert.deepEqual(order.map((d) => [d.kind, d.theirs, d.justification]), [['order', 'Label, Name, Description, Location', undefined]]);
  assert.equal(swapped.unjustified, 1);

  const unknown = comparePython(withBody(evidence, 'add_dns_server', (c) => [...c, 'Priority']));
  assert.deepEqual(unknown.calls.find((c) => c.call.python === 'add_dns_server')!.differences.map((d) => [d.kind, d.theirs]), [['theirs-only', 'Priority']]);
  assert.equal(unknown.unjustified, 1);

  const missing = comparePython(withBody(evidence, 'update_os_image_from_image_reference', (c) => c.filter((n) => n !== 'Label')));
  assert.deepEqual(missing.calls.find((c) => c.call.python === 'update_os_image_from_image_reference')!.requiredMissing, ['/OSImage/Label']);
});

test('a justification no difference needs any more is reported as unused', () => {
  const evidence = loadEvidence();
  const stale = { ...evidence, justified: [...evidence.justified, { python: 'add_disk', path: '/Disk', kind: 'order' as const, elements: 'Label, OS', source: 'none' }] };
  assert.equal(comparePython(stale).unusedJustifications.length, 1);
});

test('npm run crosscheck:python prints the table and totals and exits 0', async () => {
  const { stdout } = await run(process.execPath, [join(root, 'dist', 'tools', 'crosscheck-python', 'main.js')]);
  assert.match(stdout, /^create_virtual_machine_deployment \(Windows system_config\) +POST +CreateVirtualMachineDeployment +3 difference\(s\), 0 unjustified/m);
  assert.match(stdout, /== Totals: 50 calls \(45 with a body\), 0 matching no operation of ours, \d+ order\/unknown-element differences \(\d+ justified, 0 unjustified\)/);
});
