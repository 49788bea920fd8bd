/**
 * Prints the run: one line per method (outcome and reason), totals (client bugs and calls we could not drive are
 * listed but left out of the count of the emulator's results), then the static comparison: element differences
 * (grouped, because a begin* method and its waiting twin send the same body) and status disagreements.
 */
import type { Comparison, Difference, StatusDisagreement } from './compare.js';
import type { OrderEvidence } from './order-evidence.js';
import type { CallResult, Outcome } from './runner.js';

const LABELS: Record<Outcome, string> = {
  'ok': 'OK',
  'refused': 'emulator refused',
  'rejected': 'client rejected the answer',
  'not-implemented': 'not implemented (501)',
  'client-bug': 'client bug (excluded)',
  'not-driven': 'not driven (excluded)',
};

export function totals(results: readonly CallResult[]): Record<Outcome, number> {
  const out = { 'ok': 0, 'refused': 0, 'rejected': 0, 'not-implemented': 0, 'client-bug': 0, 'not-driven': 0 };
  for (const r of results) out[r.outcome] += 1;
  return out;
}

export function printCalls(results: readonly CallResult[], unloadable: ReadonlyArray<{ family: string; error: string }>, print: (line: string) => void): void {
  const width = Math.max(...results.map((r) => r.name.length));
  print('== Calls');
  for (const r of results) print(`${r.name.padEnd(width)}  ${LABELS[r.outcome].padEnd(27)} ${r.outcome === 'ok' ? '' : r.detail}`);
  for (const u of unloadable) print(`${`${u.family}.*`.padEnd(width)}  ${'not loaded'.padEnd(27)} ${u.error}`);
  const t = totals(results);
  const counted = results.length - t['client-bug'] - t['not-driven'];
  print('');
  print(`== Totals: ${counted} calls counted (of ${results.length})`);
  for (const outcome of Object.keys(LABELS) as Outcome[]) print(`  ${LABELS[outcome].padEnd(28)} ${t[outcome]}`);
}

function grouped(differences: readonly Difference[]): Array<Difference & { names: string[] }> {
  const byKey = new Map<string, Difference & { names: string[] }>();
  for (const d of differences) {
    const k = [d.operation, d.path, d.kind, d.theirs, d.ours].join('\u0000');
    const seen = byKey.get(k);
    if (seen === undefined) byKey.set(k, { ...d, names: [d.name] });
    else seen.names.push(d.name);
  }
  return [...byKey.values()];
}

export function printComparison(c: Comparison, print: (line: string) => void): void {
  print('');
  print(`== Request bodies: ${c.compared} compared with our spec's models`);
  const kinds: Array<[Difference['kind'], string]> = [['root', 'root element'], ['order', 'order (common elements)'], ['theirs-only', 'they send, our model lacks'], ['ours-only', 'our model has, they never send']];
  for (const [kind, title] of kinds) {
    const list = grouped(c.differences.filter((d) => d.kind === kind));
    print(`-- ${title}: ${list.length}${kind === 'order' ? justifiedCount(list) : ''}`);
    for (const d of list) {
      print(`  ${d.operation} ${d.path}  [${d.names.join(', ')}]`);
      print(`      theirs: ${d.theirs}`);
      print(`      ours:   ${d.ours}`);
      if (d.evidence !== undefined) printEvidence(d.evidence, print);
    }
  }
  print('');
  print(`== Accepted statuses, theirs vs our spec: ${c.statuses.length} disagreements`);
  for (const s of groupStatuses(c.statuses)) print(`  ${s.operation.padEnd(36)} theirs ${s.theirs.join('/')}  ours ${s.ours.join('/')}  [${s.names.join(', ')}]`);
  if (c.unmatched.length > 0) {
    print('');
    print(`== Requests that match no operation of our spec: ${c.unmatched.length}`);
    for (const u of c.unmatched) print(`  ${u.name}  ${u.request}`);
  }
  if (c.failed.length > 0) {
    print('');
    print(`== Serializers that sent nothing: ${c.failed.length}`);
    for (const f of c.failed) print(`  ${f.name}  ${f.error}`);
  }
}

function justifiedCount(list: readonly Difference[]): string {
  return ` (${list.filter((d) => d.evidence !== undefined && d.evidence.text !== '').length} justified by their model's doc in our spec)`;
}

/** Why our order stands, as the spec's doc of the model says it, and the recordings that doc cites. */
function printEvidence(evidence: OrderEvidence, print: (line: string) => void): void {
  if (evidence.text === '') {
    print(`      why:    (not justified: the doc of ${evidence.model} in our spec has no "Order" part)`);
    return;
  }
  print(`      why:    ${evidence.model}: ${evidence.text}`);
  print(`      cited:  ${evidence.recordings.length > 0 ? evidence.recordings.join('; ') : 'no recording (the documentation or Microsoft\'s clients decided, as the doc says)'}`);
}

function groupStatuses(list: readonly StatusDisagreement[]): Array<StatusDisagreement & { names: string[] }> {
  const byKey = new Map<string, StatusDisagreement & { names: string[] }>();
  for (const s of list) {
    const k = `${s.operation} ${s.theirs.join()} ${s.ours.join()}`;
    const seen = byKey.get(k);
    if (seen === undefined) byKey.set(k, { ...s, names: [s.name] });
    else seen.names.push(s.name);
  }
  return [...byKey.values()];
}
