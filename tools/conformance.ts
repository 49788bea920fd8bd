/**
 * `npm run conformance -- <dir>`: replays recorded HTTP exchanges (every *.json under <dir>, in the wire-corpus
 * format) through the generated client's shapes. For each interaction it finds the operation (verb, path, and the
 * body root where URLs are shared), parses the response into the typed model (an error status into the typed
 * error) reporting any element the model does not map, and, where a request body was recorded, parses it into the
 * typed input, writes it again and compares canonical XML; then applies the spec's rules to both bodies with
 * validateDocument (a request as a request, a success response as a response). Prints a row per operation and the failures, then
 * `conformance: <passed> passed, <failed> failed`; exits 1 on any failure.
 *
 * A recorded request is compared as the service read it: the service's reader was order-sensitive and skipped
 * an element that came after a later member of its contract. Where a recorded body has elements out of the
 * spec's order, they are left out of the comparison — and the recording must confirm it: a later read of the same
 * resource in the recording must show none of them applied, else the spec's order is what is wrong.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allOperations } from '../generated/operations/index.js';
import { serviceShape } from '../generated/service.js';
import { Router, type BodyPeek } from '../src/emulator/router.js';
import type { OperationDescriptor } from '../src/core/shapes.js';
import { readXmlBody, writeXmlBody } from '../src/core/xml.js';
import { parseXmlTree, rootOf } from '../src/core/xml-tree.js';
import { checkXmlStructure, isUnderSkipped, rootNamespace, withoutSkipped } from '../src/core/xml-structure.js';
import { firstDifference } from './canonical-xml.js';
import { validateDocument } from '../generated/validate.js';

interface Interaction {
  method: string;
  path: string;
  requestBody: string | null;
  status: number;
  responseBody: string | null;
}

interface Outcome {
  problems: string[];
  checkedRequest: boolean;
}

interface OperationTally {
  interactions: number;
  passed: number;
  requestsCompared: number;
  unmapped: number;
}

function listJson(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function peekBody(body: string | null): BodyPeek {
  if (body === null || body.trim() === '') return { empty: true, member: () => undefined };
  try {
    const root = rootOf(parseXmlTree(body));
    const node = (root?.node ?? {}) as Record<string, unknown>;
    return {
      empty: false,
      root: root?.name,
      member: (name) => {
        const value = node[name];
        const first = Array.isArray(value) ? value[0] : value;
        return typeof first === 'string' ? first : undefined;
      },
    };
  } catch {
    return { empty: false, member: () => undefined };
  }
}

function checkResponse(op: OperationDescriptor, interaction: Interaction): string[] {
  const text = interaction.responseBody ?? '';
  const unmapped: string[] = [];
  try {
    if (interaction.status >= 300) {
      if (text.trim() === '') return [];
      const error = readXmlBody({ element: 'Error', model: serviceShape.error }, text, { unmapped }) as { Code?: string };
      if (!error.Code) return [`error ${interaction.status}: no <Code> in the error body`];
    } else {
      const response = op.responses.find((r) => r.status === interaction.status);
      if (!response) return [`status ${interaction.status} is not among the operation's responses (${op.responses.map((r) => r.status).join(', ')})`];
      if (text.trim() === '') return [];
      // A recorded body the spec's response does not describe would otherwise go unread: every element unmapped.
      if (!response.body) return [`response ${interaction.status}: a body <${rootName(text)}> was recorded, but the spec's response has none`];
      readXmlBody(response.body, text, { unmapped });
    }
  } catch (err) {
    return [`response ${interaction.status}: ${(err as Error).message}`];
  }
  return unmapped.map((path) => `response ${interaction.status}: unmapped element ${path}`);
}

function rootName(text: string): string {
  try {
    return rootOf(parseXmlTree(text))?.name ?? '?';
  } catch {
    return '?';
  }
}

/** Elements of a recorded request body that the service's order-sensitive reader skipped, by path. */
function skippedElements(op: OperationDescriptor, body: string): string[] {
  if (!op.request || !('model' in op.request)) return [];
  const root = rootOf(parseXmlTree(body));
  if (root === undefined) return [];
  return checkXmlStructure(op.request, root.node, rootNamespace(body), serviceShape.namespace).skipped.map((s) => s.path);
}

/**
 * Problems unless a later GET of the same path in the recording shows that the service did not apply what the
 * spec's order says it skipped (a top-level member absent, or empty where the request had a value).
 */
function unconfirmedSkips(skipped: readonly string[], request: Interaction, later: readonly Interaction[]): string[] {
  if (skipped.length === 0) return [];
  const path = request.path.split('?')[0];
  const read = later.find((i) => i.method === 'GET' && i.path.split('?')[0] === path && i.status === 200 && (i.responseBody ?? '').trim() !== '');
  if (read === undefined) return [`request: ${skipped.join(', ')} out of the spec's order, and no later read of ${path} in the recording shows the service skipped them`];
  const shown = rootOf(parseXmlTree(read.responseBody!))?.node as Record<string, unknown[]> | undefined;
  return skipped.flatMap((element) => {
    const steps = element.split('.');
    if (steps.length !== 2) return [`request: ${element} is out of the spec's order below the top level, which a later read cannot confirm`];
    const value = shown?.[steps[1]!]?.[0];
    const text = typeof value === 'string' ? value : (value as Record<string, unknown> | undefined)?.['#text'];
    return value !== undefined && text !== '' && text !== undefined ? [`request: the service applied ${element}, which the spec's order says it skipped (see the later read of ${path})`] : [];
  });
}

function checkRequest(op: OperationDescriptor, interaction: Interaction, later: readonly Interaction[]): string[] {
  const body = interaction.requestBody!;
  if (!op.request || !('model' in op.request)) return [`a body was recorded but ${op.name} sends none`];
  const unmapped: string[] = [];
  try {
    const skipped = skippedElements(op, body);
    const value = withoutSkipped(readXmlBody(op.request, body, { unmapped }), skipped.map((path) => ({ path, rule: '' })));
    const written = writeXmlBody(op.request, value, serviceShape.namespace);
    const difference = firstDifference(body, written, skipped);
    const root = op.request.element;
    return [
      ...unmapped.filter((path) => !isUnderSkipped(`${root}.${path}`, skipped)).map((path) => `request: unmapped element ${path}`),
      ...(difference ? [`request differs at ${difference}`] : []),
      ...unconfirmedSkips(skipped, interaction, later),
    ];
  } catch (err) {
    return [`request: ${(err as Error).message}`];
  }
}

/** The spec's rules on the recorded bodies, by validateDocument: what the client and the emulator apply. */
function ruleProblems(op: OperationDescriptor, interaction: Interaction, checkedRequest: boolean): string[] {
  const problems: string[] = [];
  // A request the service refused (4xx) is not expected to keep the rules; one it accepted is. Elements out of
  // the spec's order are warnings there (the service skipped them): checkRequest has the recording confirm it.
  if (checkedRequest && interaction.status < 300 && op.request && !('text' in op.request)) {
    for (const i of validateDocument(op, interaction.requestBody!, { as: 'request' }).issues) {
      problems.push(`request rule: ${i.path}: ${i.rule} (${i.message})`);
    }
  }
  const response = op.responses.find((r) => r.status === interaction.status);
  if (response?.body && !('text' in response.body) && (interaction.responseBody ?? '').trim() !== '') {
    for (const i of validateDocument(op, interaction.responseBody!, { as: 'response', status: interaction.status }).issues) {
      problems.push(`response rule: ${i.path}: ${i.rule} (${i.message})`);
    }
  }
  return problems;
}

function check(op: OperationDescriptor, interaction: Interaction, later: readonly Interaction[]): Outcome {
  const body = interaction.requestBody;
  const checkedRequest = body !== null && body.trim() !== '';
  const problems = [...checkResponse(op, interaction), ...(checkedRequest ? checkRequest(op, interaction, later) : [])];
  // Only where the body fits the shapes at all, so that a mismatch is reported once.
  if (problems.length === 0) problems.push(...ruleProblems(op, interaction, checkedRequest));
  return { problems, checkedRequest };
}

/** Resolves the operation; where a shared URL has no recorded body, any candidate that conforms is accepted. */
function resolve(router: Router, interaction: Interaction, later: readonly Interaction[]): { op?: OperationDescriptor; outcome: Outcome } {
  const url = new URL(interaction.path, 'https://recorded.invalid');
  const peek = peekBody(interaction.requestBody);
  const candidates = router.candidates(interaction.method, url.pathname, url.searchParams);
  if (candidates.length === 0) return { outcome: { problems: ['no operation of the spec matches this verb and path'], checkedRequest: false } };
  if (candidates.length > 1 && peek.empty) {
    const outcomes = candidates.map((c) => ({ op: c.operation, outcome: check(c.operation, interaction, later) }));
    return outcomes.find((o) => o.outcome.problems.length === 0) ?? outcomes[0]!;
  }
  const routed = router.match(interaction.method, url.pathname, url.searchParams, () => peek);
  if (routed.kind !== 'match') return { op: candidates[0]!.operation, outcome: { problems: [`the body root <${peek.root}> fits none of ${candidates.map((c) => c.operation.name).join(', ')}`], checkedRequest: false } };
  return { op: routed.operation, outcome: check(routed.operation, interaction, later) };
}

function main(argv: string[]): number {
  const dir = argv[0];
  if (!dir) {
    process.stderr.write('usage: npm run conformance -- <dir of recorded *.json>\n');
    return 2;
  }
  const router = new Router(allOperations);
  const tallies = new Map<string, OperationTally>();
  const failures: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const file of listJson(dir)) {
    const recording = JSON.parse(readFileSync(file, 'utf8')) as { interactions?: Interaction[] };
    const interactions = recording.interactions ?? [];
    interactions.forEach((interaction, index) => {
      const { op, outcome } = resolve(router, interaction, interactions.slice(index + 1));
      const name = op?.name ?? `(unmatched) ${interaction.method}`;
      const tally = tallies.get(name) ?? { interactions: 0, passed: 0, requestsCompared: 0, unmapped: 0 };
      tallies.set(name, tally);
      tally.interactions++;
      if (outcome.checkedRequest) tally.requestsCompared++;
      tally.unmapped += outcome.problems.filter((p) => p.includes('unmapped element')).length;
      if (outcome.problems.length === 0) {
        tally.passed++;
        passed++;
        return;
      }
      failed++;
      const where = `${relative(dir, file)}#${index} ${interaction.method} ${interaction.path.split('?')[0]}`;
      for (const problem of outcome.problems) failures.push(`  ${name}: ${where}: ${problem}`);
    });
  }
  const rows = [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(9, ...rows.map(([name]) => name.length));
  process.stdout.write(`${'operation'.padEnd(width)}  interactions  passed  requests compared  unmapped\n`);
  for (const [name, t] of rows) {
    process.stdout.write(`${name.padEnd(width)}  ${String(t.interactions).padStart(12)}  ${String(t.passed).padStart(6)}  ${String(t.requestsCompared).padStart(17)}  ${String(t.unmapped).padStart(8)}\n`);
  }
  if (failures.length > 0) process.stdout.write(`\nfailures:\n${failures.join('\n')}\n`);
  process.stdout.write(`conformance: ${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
