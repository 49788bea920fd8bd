/**
 * Pure parts of the classic-CLI crosscheck: which outcome a command had, from its exit code, its error output and
 * the requests the emulator recorded while it ran; and the summary table.
 */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly operation?: string;
}

export type Outcome =
  | { kind: 'ok' }
  | { kind: 'refused'; status: number; operation: string; message: string }
  | { kind: 'cli-failed'; message: string }
  | { kind: 'cli-bug'; reason: string };

export interface Step {
  /** Family of the recorded CLI tests it follows (wire-corpus/xplat-cli/<family>). */
  readonly family: string;
  readonly args: readonly string[];
  /** A failure the CLI has against the recorded service answer too: counted apart, with the proof. */
  readonly cliBug?: string;
}

export interface StepResult {
  readonly step: Step;
  readonly outcome: Outcome;
  readonly operations: readonly string[];
}

/** The CLI prints its failures as `error:   <message>` lines (and the service's code inside the message). */
export function errorMessage(output: string): string {
  const lines = output.split(/\r?\n/).filter((l) => /^error:/.test(l)).map((l) => l.replace(/^error:\s*/, '').trim());
  const text = lines.filter((l) => l !== '' && !/^Error information has been recorded/.test(l) && !/failed$/.test(l)).join(' ');
  return text === '' ? output.trim().split(/\r?\n/).slice(-1)[0] ?? '' : text;
}

/**
 * A 404 answering a GET is how the CLI asks whether a name exists before it creates it, so only the other
 * refusals count; the last refusal is the one that stopped the command.
 */
export function classify(step: Step, exitCode: number, output: string, requests: readonly SeenRequest[]): Outcome {
  if (exitCode === 0) return { kind: 'ok' };
  if (step.cliBug !== undefined) return { kind: 'cli-bug', reason: step.cliBug };
  const refusals = requests.filter((r) => r.status >= 400 && !(r.status === 404 && r.method === 'GET'));
  const last = refusals[refusals.length - 1] ?? (requests.length > 0 && requests[requests.length - 1]!.status >= 400 ? requests[requests.length - 1] : undefined);
  const message = errorMessage(output);
  if (last !== undefined) return { kind: 'refused', status: last.status, operation: last.operation ?? `${last.method} ${last.url}`, message };
  return { kind: 'cli-failed', message };
}

export function operationsOf(requests: readonly SeenRequest[]): string[] {
  return [...new Set(requests.map((r) => r.operation ?? `(unmatched) ${r.method} ${r.url}`))];
}

const LABEL: Record<Outcome['kind'], string> = { ok: 'OK', refused: 'emulator refused', 'cli-failed': 'CLI failed', 'cli-bug': 'CLI bug (excluded)' };

export function outcomeLine(result: StepResult): string {
  const o = result.outcome;
  const head = `${LABEL[o.kind].padEnd(18)} azure ${result.step.args.join(' ')}`;
  if (o.kind === 'refused') return `${head}\n    ${o.status} ${o.operation}: ${o.message}`;
  if (o.kind === 'cli-failed') return `${head}\n    ${o.message}`;
  if (o.kind === 'cli-bug') return `${head}\n    ${o.reason}`;
  return head;
}

/** One row per family of the recorded tests, and the total. */
export function summaryTable(results: readonly StepResult[]): string {
  const families = [...new Set(results.map((r) => r.step.family))];
  const count = (rs: readonly StepResult[], kind: Outcome['kind']) => rs.filter((r) => r.outcome.kind === kind).length;
  const row = (name: string, rs: readonly StepResult[]) =>
    `| ${name} | ${count(rs, 'ok')} | ${count(rs, 'refused')} | ${count(rs, 'cli-failed')} | ${count(rs, 'cli-bug')} |`;
  return [
    '| family | OK | emulator refused | CLI failed | CLI bug (excluded) |',
    '| --- | --- | --- | --- | --- |',
    ...families.map((f) => row(f, results.filter((r) => r.step.family === f))),
    row('**all**', results),
  ].join('\n');
}
