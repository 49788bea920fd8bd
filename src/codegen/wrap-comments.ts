/**
 * Prettier lays out code but leaves comments as they are, and the doc comments of generated code are the spec's
 * one-line paragraphs. This wraps comment lines longer than the print width at spaces, as a hand-written comment
 * would be, keeping each line's comment prefix. Inline code (`…`) and inline tags ({@link …}) are never split.
 */

/** Words of a comment's text, a code span or inline tag counting as one word even when it holds spaces. */
function words(text: string): string[] {
  return text.match(/(?:`[^`]*`|\{@[^}]*\}|[^\s`{]+|[`{])+/g) ?? [];
}

/** The text laid out in lines of at most `width` characters after `prefix` (a word longer than that stays whole). */
function wrap(prefix: string, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words(text)) {
    if (line !== '' && prefix.length + line.length + 1 + word.length > width) {
      lines.push(`${prefix}${line}`);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(`${prefix}${line}`);
  return lines;
}

function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const single = /^(\s*)\/\*\* (.*) \*\/$/.exec(line);
  if (single) return [`${single[1]}/**`, ...wrap(`${single[1]} * `, single[2]!, width), `${single[1]} */`];
  const comment = /^(\s*(?:\*|\/\/) )(.*)$/.exec(line);
  return comment ? wrap(comment[1]!, comment[2]!, width) : [line];
}

/** The text with every over-long comment line wrapped; code lines, and lines in fenced examples, as they are. */
export function wrapComments(text: string, width: number): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (/^\s*\* ```/.test(line)) inFence = !inFence;
    out.push(...(inFence ? [line] : wrapLine(line, width)));
  }
  return out.join('\n');
}
