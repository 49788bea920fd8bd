/**
 * The single declarations a scenario block can name, so that a scenario compares what it is about and nothing
 * else: a change of a file's header or of another declaration leaves it alone.
 *
 * In a generated .ts file: `imports` (every import declaration), `interface X`, `type X`, `const X`,
 * `function X` (its overloads included), `class X`, and `method X.m` for a member of class X. Each is the text
 * of its whole lines, doc comment included. In a markdown page: a heading line (`## getWidget`), for the section
 * it starts — up to the next heading of its level or above, and a page title's section stops at the first `##`.
 */
import { Node, Project, type Statement } from 'ts-morph';

interface Span {
  selector: string;
  start: number;
  end: number;
}

const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });

function statementSelector(statement: Statement): string | undefined {
  if (Node.isInterfaceDeclaration(statement)) return `interface ${statement.getName()}`;
  if (Node.isTypeAliasDeclaration(statement)) return `type ${statement.getName()}`;
  if (Node.isFunctionDeclaration(statement)) return `function ${statement.getName()}`;
  if (Node.isClassDeclaration(statement)) return `class ${statement.getName()}`;
  if (Node.isVariableStatement(statement)) return `const ${statement.getDeclarations()[0]!.getName()}`;
  return undefined;
}

/** Adds a span, or widens the one of the same name (the overloads of a function or method). */
function addSpan(spans: Span[], selector: string, start: number, end: number): void {
  const same = spans.find((s) => s.selector === selector);
  if (same) same.end = end;
  else spans.push({ selector, start, end });
}

function typeScriptSpans(text: string): Span[] {
  const file = project.createSourceFile('declarations.ts', text, { overwrite: true });
  const spans: Span[] = [];
  const imports = file.getImportDeclarations();
  if (imports.length > 0) addSpan(spans, 'imports', imports[0]!.getStart(), imports.at(-1)!.getEnd());
  for (const statement of file.getStatements()) {
    const selector = statementSelector(statement);
    if (selector === undefined) continue;
    addSpan(spans, selector, statement.getStart(true), statement.getEnd());
    if (!Node.isClassDeclaration(statement)) continue;
    for (const member of statement.getMembers()) {
      if (Node.isMethodDeclaration(member)) addSpan(spans, `method ${statement.getName()}.${member.getName()}`, member.getStart(true), member.getEnd());
    }
  }
  return spans;
}

function headingLevel(line: string): number {
  return /^(#+) /.exec(line)?.[1]!.length ?? 0;
}

function markdownSpans(text: string): Span[] {
  const lines = text.split('\n');
  const offsets = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0));
  const spans: Span[] = [];
  let inFence = false;
  const headings: number[] = [];
  lines.forEach((line, i) => {
    if (/^```/.test(line)) inFence = !inFence;
    else if (!inFence && headingLevel(line) > 0) headings.push(i);
  });
  for (const [n, i] of headings.entries()) {
    const level = Math.max(headingLevel(lines[i]!), 2);
    const next = headings.slice(n + 1).find((j) => headingLevel(lines[j]!) <= level) ?? lines.length;
    // A section ends before the blank lines that separate it from the next.
    let last = next - 1;
    while (last > i && lines[last] === '') last--;
    spans.push({ selector: lines[i]!, start: offsets[i]!, end: offsets[last]! + lines[last]!.length });
  }
  return spans;
}

function spansOf(path: string, text: string): Span[] {
  return path.endsWith('.md') ? markdownSpans(text) : typeScriptSpans(text);
}

/** The whole lines from the one holding `start` to the one holding `end`, with a final line break. */
function wholeLines(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return `${text.slice(from, to === -1 ? text.length : to)}\n`;
}

/** The text of the named declaration of a generated file; the whole file when `selector` is empty. */
export function findDeclaration(path: string, text: string, selector: string): string | undefined {
  if (selector === '') return text;
  const span = spansOf(path, text).find((s) => s.selector === selector);
  return span === undefined ? undefined : wholeLines(text, span.start, span.end);
}

/** What a scenario shows of a file by default: each top-level declaration, or each section of level 1 or 2. */
export function listDeclarations(path: string, text: string): string[] {
  const shown = path.endsWith('.md') ? (s: string) => headingLevel(s) <= 2 : (s: string) => s !== 'imports' && !s.startsWith('method ');
  return spansOf(path, text).map((s) => s.selector).filter(shown);
}
