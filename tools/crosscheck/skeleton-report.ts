/**
 * The printout of a skeleton comparison (skeleton-compare.ts), shared by `npm run crosscheck:python` and
 * `npm run crosscheck:go`: one line per call (our operation, differences, transport), then each difference with its
 * justification or UNJUSTIFIED (and, for an order, why our spec orders it so), then totals.
 */
import type { SkeletonCall, SkeletonComparison } from './skeleton-compare.js';

export function printSkeletonReport<C extends SkeletonCall, J>(title: string, result: SkeletonComparison<C, J>, extra: (call: C) => string = () => ''): void {
  const width = Math.max(...result.calls.map((c) => c.name.length));
  console.log(`== ${title}`);
  for (const c of result.calls) {
    const counted = c.differences.filter((d) => d.kind !== 'ours-only');
    const open = counted.filter((d) => d.justification === undefined).length;
    const optional = c.differences.length - counted.length;
    const verdict = c.operation === undefined ? 'NO OPERATION OF OURS'
      : `${counted.length === 0 ? 'same order and elements' : `${counted.length} difference(s), ${open} unjustified`}${optional > 0 ? ` (+${optional} level(s) with members they never send)` : ''}`
        + (c.requiredMissing.length > 0 ? `; REQUIRED never sent: ${c.requiredMissing.join(', ')}` : '');
    console.log(`${c.name.padEnd(width)}  ${c.call.verb.padEnd(6)} ${(c.operation ?? '-').padEnd(32)} ${verdict}${c.transport.length > 0 ? `; transport: ${c.transport.join('; ')}` : ''}${extra(c.call)}`);
  }
  console.log('');
  console.log('== Differences (ours-only: members of our model they never send; reported, not counted, unless required)');
  for (const c of result.calls) {
    for (const d of c.differences) {
      console.log(`  ${c.name} ${d.path} [${d.kind}]`);
      console.log(`      theirs: ${d.theirs}`);
      console.log(`      ours:   ${d.ours}`);
      if (d.kind === 'ours-only') continue;
      console.log(`      ${d.justification === undefined ? 'UNJUSTIFIED' : `justified: ${d.justification}`}`);
      if (d.kind === 'order' && d.evidence !== undefined && d.evidence.text !== '') {
        console.log(`      why: ${d.evidence.text}`);
        if (d.evidence.recordings.length > 0) console.log(`      cited: ${d.evidence.recordings.join('; ')}`);
      }
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
}
