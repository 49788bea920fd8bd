/** What every suite hands back: its figures, in print order, and the rules it saw broken (none, to pass). */

export interface SuiteReport {
  suite: string;
  figures: Array<[string, string | number]>;
  /** Each one a broken rule: a crash, a hang, a leak, a duplicate, an unintended path, an untyped error... */
  failures: string[];
  /** Facts worth knowing that break no rule (limitations, observed behaviour). */
  notes: string[];
}

export function newReport(suite: string): SuiteReport {
  return { suite, figures: [], failures: [], notes: [] };
}

/** Counts as `a 12, b 3`, largest first. */
export function formatCounts(counts: ReadonlyMap<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
}

export function increment(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** Keeps the first few failures of a kind in full and counts the rest, so that a report stays readable. */
export function addFailure(report: SuiteReport, failure: string, limit = 25): void {
  if (report.failures.length < limit) report.failures.push(failure);
  else if (report.failures.length === limit) report.failures.push('(further failures not listed)');
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}
