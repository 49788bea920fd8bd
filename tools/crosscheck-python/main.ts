/**
 * `npm run crosscheck:python`: Microsoft's Python legacy SDK (azure-servicemanagement-legacy) against our spec,
 * offline, from the committed evidence file. One line per call (our operation, differences, transport), then each
 * difference with its justification or UNJUSTIFIED, then totals. It only measures and exits 0; the test under
 * test/tools fails on an unjustified difference.
 */
import { loadEvidence } from './bodies.js';
import { comparePython } from './compare-python.js';

const result = comparePython(loadEvidence());
const width = Math.max(...result.calls.map((c) => c.name.length));
console.log('== azure-servicemanagement-legacy calls against our spec');
for (const c of result.calls) {
  const counted = c.differences.filter((d) => d.kind !== 'ours-only');
  const open = counted.filter((d) => d.justification === undefined).length;
  const optional = c.differences.length - counted.length;
  const verdict = c.operation === undefined ? 'NO OPERATION OF OURS'
    : `${counted.length === 0 ? 'same order and elements' : `${counted.length} difference(s), ${open} unjustified`}${optional > 0 ? ` (+${optional} level(s) with members they never send)` : ''}`
      + (c.requiredMissing.length > 0 ? `; REQUIRED never sent: ${c.requiredMissing.join(', ')}` : '');
  console.log(`${c.name.padEnd(width)}  ${c.call.verb.padEnd(6)} ${(c.operation ?? '-').padEnd(32)} ${verdict}${c.transport.length > 0 ? `; transport: ${c.transport.join('; ')}` : ''}`);
}
console.log('');
console.log('== Differences (ours-only: members of our model they never send; reported, not counted, unless required)');
for (const c of result.calls) {
  for (const d of c.differences) {
    console.log(`  ${c.name} ${d.path} [${d.kind}]`);
    console.log(`      theirs: ${d.theirs}`);
    console.log(`      ours:   ${d.ours}`);
    if (d.kind !== 'ours-only') console.log(`      ${d.justification === undefined ? 'UNJUSTIFIED' : `justified: ${d.justification}`}`);
  }
}
const unmatched = result.calls.filter((c) => c.operation === undefined).length;
const transport = result.calls.filter((c) => c.transport.length > 0).length;
const required = result.calls.reduce((n, c) => n + c.requiredMissing.length, 0);
const optionalLevels = result.calls.reduce((n, c) => n + c.differences.filter((d) => d.kind === 'ours-only').length, 0);
console.log('');
console.log(`== Totals: ${result.calls.length} calls (${result.calls.filter((c) => c.call.body !== null).length} with a body), ${unmatched} matching no operation of ours, ` +
  `${result.justified + result.unjustified} order/unknown-element differences (${result.justified} justified, ${result.unjustified} unjustified), ` +
  `${optionalLevels} levels with members of ours they never send (${required} required), ${transport} with a transport problem, ` +
  `${result.unusedJustifications.length} unused justifications`);
