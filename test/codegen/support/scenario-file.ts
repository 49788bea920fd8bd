/**
 * The scenario file format: markdown holding a spec fragment (one group file, in a ```json spec block) and the
 * expected generated files, one fenced block each with the path after the language
 * (```ts generated/models/Foo.ts). Parsing, and rewriting the expected blocks in place.
 */
import { readFileSync } from 'node:fs';
import type { GroupSpec } from '../../../src/core/spec-load.js';

export interface Block {
  /** Index of the opening fence line. */
  start: number;
  /** Index of the closing fence line. */
  end: number;
  lang: string;
  info: string;
  content: string;
}

export interface Scenario {
  lines: string[];
  spec: GroupSpec;
  specBlock: Block;
  /** Expected files by path, in the order they appear. */
  outputs: Block[];
}

const fence = /^(`{3,})([^`\s]*)\s*(.*)$/;

export function parseBlocks(text: string): { lines: string[]; blocks: Block[] } {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = fence.exec(lines[i]!);
    if (!open) continue;
    const ticks = open[1]!;
    let end = i + 1;
    while (end < lines.length && !(lines[end]!.startsWith(ticks) && /^`+\s*$/.test(lines[end]!))) end++;
    if (end >= lines.length) throw new Error(`line ${i + 1}: the ${ticks} block is never closed`);
    const body = lines.slice(i + 1, end);
    blocks.push({ start: i, end, lang: open[2]!, info: open[3]!.trim(), content: body.length === 0 ? '' : `${body.join('\n')}\n` });
    i = end;
  }
  return { lines, blocks };
}

export function parseScenario(text: string): Scenario {
  const { lines, blocks } = parseBlocks(text);
  const specBlock = blocks.find((b) => b.lang === 'json' && b.info === 'spec');
  if (!specBlock) throw new Error('no ```json spec block');
  return { lines, spec: JSON.parse(specBlock.content) as GroupSpec, specBlock, outputs: blocks.filter((b) => b.info.includes('/')) };
}

/** The files a scenario shows by default: those generated from its own operations and models, and its docs page. */
export function defaultOutputs(scenario: Scenario): string[] {
  const g = scenario.spec;
  return [
    ...(g.operations ?? []).map((op) => `generated/operations/${op.name}.ts`).sort(),
    ...Object.keys(g.models ?? {}).map((m) => `generated/models/${m}.ts`).sort(),
    `docs/api/${g.group}.md`,
  ];
}

function langOf(path: string): string {
  return path.endsWith('.md') ? 'md' : path.endsWith('.json') ? 'json' : 'ts';
}

/** A fence longer than any run of backticks that starts a line of the text. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/^(`+)/gm)].map((m) => m[1]!.length));
  return '`'.repeat(longest + 1);
}

function blockLines(path: string, text: string): string[] {
  const ticks = fenceFor(text);
  return [`${ticks}${langOf(path)} ${path}`, ...text.replace(/\n$/, '').split('\n'), ticks];
}

/** The scenario's text with every expected block rewritten from `files`, missing ones appended, vanished ones dropped. */
export function updateScenario(scenario: Scenario, files: Map<string, string>): string {
  const out: string[] = [];
  let next = 0;
  for (const block of scenario.outputs) {
    out.push(...scenario.lines.slice(next, block.start));
    const text = files.get(block.info);
    if (text !== undefined) out.push(...blockLines(block.info, text));
    else if (out.at(-2) === `### ${block.info}`) out.splice(-3);
    next = block.end + 1;
  }
  out.push(...scenario.lines.slice(next));
  while (out.length > 0 && out.at(-1) === '') out.pop();
  for (const path of defaultOutputs(scenario)) {
    if (scenario.outputs.some((b) => b.info === path) || !files.has(path)) continue;
    out.push('', `### ${path}`, '', ...blockLines(path, files.get(path)!));
  }
  return `${out.join('\n')}\n`;
}

export function readScenario(path: string): Scenario {
  return parseScenario(readFileSync(path, 'utf8'));
}
