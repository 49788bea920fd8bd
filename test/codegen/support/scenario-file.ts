/**
 * The scenario file format: markdown holding a spec fragment (one group file, in a ```json spec block) and the
 * expected generated code, one fenced block per declaration, with the file's path and the declaration's
 * selector after the language (```ts generated/models/Foo.ts interface Foo; selectors: declarations.ts). A
 * block with a path alone shows the whole file. Parsing, and rewriting the expected blocks in place.
 */
import { readFileSync } from 'node:fs';
import type { GroupSpec } from '../../../src/core/spec-load.js';
import { findDeclaration, listDeclarations } from './declarations.js';

export interface Block {
  /** Index of the opening fence line. */
  start: number;
  /** Index of the closing fence line. */
  end: number;
  lang: string;
  info: string;
  content: string;
}

/** An expected block: what it shows of which file. */
export interface Expectation extends Block {
  path: string;
  /** The declaration it shows; empty for the whole file. */
  selector: string;
}

export interface Scenario {
  lines: string[];
  spec: GroupSpec;
  specBlock: Block;
  /** Expected declarations, in the order they appear. */
  outputs: Expectation[];
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

function expectation(block: Block): Expectation {
  const space = block.info.indexOf(' ');
  return space === -1
    ? { ...block, path: block.info, selector: '' }
    : { ...block, path: block.info.slice(0, space), selector: block.info.slice(space + 1).trim() };
}

export function parseScenario(text: string): Scenario {
  const { lines, blocks } = parseBlocks(text);
  const specBlock = blocks.find((b) => b.lang === 'json' && b.info === 'spec');
  if (!specBlock) throw new Error('no ```json spec block');
  const outputs = blocks.filter((b) => b !== specBlock && b.info.split(' ')[0]!.includes('/')).map(expectation);
  return { lines, spec: JSON.parse(specBlock.content) as GroupSpec, specBlock, outputs };
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

function blockLines(path: string, selector: string, text: string): string[] {
  const ticks = fenceFor(text);
  return [`${ticks}${langOf(path)} ${selector === '' ? path : `${path} ${selector}`}`, ...text.replace(/\n$/, '').split('\n'), ticks];
}

/** What a block shows of the generated files, or undefined when its file or its declaration is gone. */
export function shownText(block: Expectation, files: Map<string, string>): string | undefined {
  const text = files.get(block.path);
  return text === undefined ? undefined : findDeclaration(block.path, text, block.selector);
}

/**
 * The scenario's text with every expected block rewritten from `files`, vanished ones dropped (with their
 * heading when nothing is left under it), and each default file not shown at all appended, one block per
 * declaration.
 */
export function updateScenario(scenario: Scenario, files: Map<string, string>): string {
  const out: string[] = [];
  let next = 0;
  for (const block of scenario.outputs) {
    out.push(...scenario.lines.slice(next, block.start));
    const text = shownText(block, files);
    const keepsHeading = scenario.outputs.some((b) => b !== block && b.path === block.path && shownText(b, files) !== undefined);
    if (text !== undefined) out.push(...blockLines(block.path, block.selector, text));
    else if (out.at(-2) === `### ${block.path}` && !keepsHeading) out.splice(-3);
    else if (out.at(-1) === '') out.pop();
    next = block.end + 1;
  }
  out.push(...scenario.lines.slice(next));
  while (out.length > 0 && out.at(-1) === '') out.pop();
  for (const path of defaultOutputs(scenario)) {
    const text = files.get(path);
    if (scenario.outputs.some((b) => b.path === path) || text === undefined) continue;
    out.push('', `### ${path}`);
    for (const selector of listDeclarations(path, text)) out.push('', ...blockLines(path, selector, findDeclaration(path, text, selector)!));
  }
  return `${out.join('\n')}\n`;
}

export function readScenario(path: string): Scenario {
  return parseScenario(readFileSync(path, 'utf8'));
}
