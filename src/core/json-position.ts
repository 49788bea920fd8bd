/**
 * Where a JSON syntax error is, as line and column: JSON.parse names a character position for some mistakes,
 * none for others ("Unexpected token 'x', … is not valid JSON"), and a position is no help in an editor.
 */

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units as editors count them. */
  column: number;
}

const positionOf = (message: string): number | undefined => {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
};

/** True when a prefix of the text parses, or fails only because it stops: its mistake, if any, comes later. */
function fineSoFar(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (err) {
    const message = (err as Error).message;
    if (/Unexpected end of JSON input|Unterminated string/.test(message)) return true;
    const at = positionOf(message);
    return at !== undefined && at >= prefix.length;
  }
}

/** The offset of the first character JSON.parse cannot accept in `text` (which it rejects). */
export function syntaxErrorOffset(text: string, message: string): number {
  const at = positionOf(message);
  if (at !== undefined && at < text.length) return at;
  if (fineSoFar(text)) return text.length;
  // Binary search: the longest prefix that is fine so far ends just before the culprit.
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (fineSoFar(text.slice(0, mid))) good = mid;
    else bad = mid;
  }
  return bad - 1;
}

export function lineAndColumn(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** "line 3, column 5: Unexpected token …" for an error JSON.parse threw on `text`. */
export function describeJsonSyntaxError(text: string, err: Error): string {
  const { line, column } = lineAndColumn(text, syntaxErrorOffset(text, err.message));
  // V8 quotes the text around the culprit, which the line and column replace; a newline token is shown as \n.
  const reason = err.message
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, '')
    .replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return `line ${line}, column ${column}: ${reason}`;
}
