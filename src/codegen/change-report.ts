/**
 * The change report: generated/CHANGES.md and the lines `npm run generate` prints.
 *
 * The report describes the current surface against the base's (surface-base.ts: the snapshot committed on the
 * branch the pull request targets), so it is the net change of the branch: iterating on the spec and reverting
 * leaves no trace. When the surface equals the base's — on the base itself, after the merge — the report already
 * on disk is kept as long as it leads to this very surface (its last line names the surface's fingerprint), so
 * that the merged report still describes the change that was merged and `--check` passes there. Otherwise it says
 * that nothing changed. The report never names the base ref: the same spec gives the same bytes wherever the base
 * is called origin/main or main.
 */
import type { ApiSurface } from './surface.js';
import { parseSurface, surfaceFingerprint, surfacePath } from './surface-file.js';
import { diffSurfaces, type ApiChange } from './surface-diff.js';

export const changesPath = 'generated/CHANGES.md';

export type Baseline = 'none' | 'unreadable' | 'snapshot';

export interface ChangeReport {
  /** What the previous snapshot was: absent, unreadable (other format, merge conflict) or a surface. */
  baseline: Baseline;
  changes: ApiChange[];
  /** True when CHANGES.md on disk still describes this surface and is kept as it is. */
  kept: boolean;
  bump: Bump;
  /** What the report is against (a git ref, or the file on disk). */
  base: string;
  /** The text of generated/CHANGES.md. */
  text: string;
}

/** The baseline and what is in generated/ before this run. */
export interface PreviousOutput {
  /** The base's snapshot text (see surface-base.ts). */
  surface?: string | undefined;
  /** generated/CHANGES.md on disk. */
  changes?: string | undefined;
  /** What the base is, for the printed lines. */
  base?: string;
}

/** The semantic-version bump the changes call for: breaking → major, additions → minor, the rest → patch. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

const addition = /\bnew\b|now paged|no longer limited|looser rules/;

export function suggestedBump(changes: readonly ApiChange[]): Bump {
  if (changes.some((c) => c.breaking)) return 'major';
  if (changes.some((c) => c.change === 'added' || addition.test(c.detail))) return 'minor';
  return changes.length > 0 ? 'patch' : 'none';
}

export interface ReportTemplate {
  (data: object): string;
}

const marker = (fingerprint: string): string => `<!-- api-surface ${fingerprint} -->`;

export function buildChangeReport(next: ApiSurface, nextText: string, previous: PreviousOutput, template: ReportTemplate): ChangeReport {
  const before = parseSurface(previous.surface);
  const baseline: Baseline = previous.surface === undefined ? 'none' : before === undefined ? 'unreadable' : 'snapshot';
  const changes = before ? diffSurfaces(before, next) : [];
  const fingerprint = surfaceFingerprint(nextText);
  const common = { baseline, changes, bump: suggestedBump(changes), base: previous.base ?? surfacePath };
  if (baseline === 'snapshot' && changes.length === 0 && previous.changes?.includes(marker(fingerprint))) {
    return { ...common, kept: true, text: previous.changes };
  }
  return { ...common, kept: false, text: template(reportData(next, baseline, changes, fingerprint)) };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(changes: ApiChange[]): string {
  const breaking = changes.filter((c) => c.breaking).length;
  return `${plural(breaking, 'breaking change')}, ${plural(changes.length - breaking, 'non-breaking change')}`;
}

interface Entry {
  name: string;
  breaking: boolean;
  detail: string;
}

interface ChangedEntry {
  name: string;
  details: Array<{ breaking: boolean; detail: string }>;
}

interface Section {
  title: string;
  added: Entry[];
  removed: Entry[];
  changed: ChangedEntry[];
}

function section(title: string, subject: ApiChange['subject'], changes: ApiChange[]): Section | undefined {
  const mine = changes.filter((c) => c.subject === subject);
  if (mine.length === 0) return undefined;
  const entries = (kind: ApiChange['change']) => mine.filter((c) => c.change === kind).map(({ name, breaking, detail }) => ({ name, breaking, detail }));
  const changed: ChangedEntry[] = [];
  for (const c of mine.filter((m) => m.change === 'changed')) {
    const last = changed.at(-1);
    const entry = last?.name === c.name ? last : changed[changed.push({ name: c.name, details: [] }) - 1]!;
    entry.details.push({ breaking: c.breaking, detail: c.detail });
  }
  return { title, added: entries('added'), removed: entries('removed'), changed };
}

function reportData(next: ApiSurface, baseline: Baseline, changes: ApiChange[], fingerprint: string): object {
  return {
    surfacePath,
    first: baseline !== 'snapshot',
    unreadable: baseline === 'unreadable',
    operationCount: Object.keys(next.operations).length,
    modelCount: Object.keys(next.models).length,
    none: baseline === 'snapshot' && changes.length === 0,
    summary: summary(changes),
    bump: suggestedBump(changes),
    sections: [section('Client', 'client', changes), section('Operations', 'operation', changes), section('Models', 'model', changes)]
      .filter((s) => s !== undefined),
    marker: marker(fingerprint),
  };
}

/** The lines `npm run generate` prints about the API. */
export function reportLines(report: ChangeReport): string[] {
  if (report.baseline === 'none') return [`API surface: first snapshot, nothing to compare with (base: ${report.base})`];
  if (report.baseline === 'unreadable') return [`API surface: the snapshot to compare with (${report.base}) could not be read, nothing to compare with`];
  if (report.changes.length === 0) {
    return [report.kept ? `API changes against ${report.base}: none (${changesPath} keeps its report of the change that led to this surface)` : `API changes against ${report.base}: none`];
  }
  return [
    `API changes against ${report.base}: ${summary(report.changes)}; suggested version bump: ${report.bump} (see ${changesPath})`,
    ...report.changes.map((c) => `  ${c.breaking ? 'breaking    ' : 'non-breaking'}  ${c.subject} ${c.name} ${c.change}${c.detail ? `: ${c.detail}` : ''}`),
  ];
}
