/**
 * A single-pass well-formedness check: tags balance, one root element, nothing but white space or comments
 * outside it, no declaration. fast-xml-parser's own validator doubles the cost of a parse (and costs tens of
 * microseconds on the smallest body), while its parser alone silently accepts a truncated document, a mismatched
 * closing tag or an unclosed root — a response cut short would then read as a shorter, valid-looking one.
 */

const GT = 62;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const NAME = /[^\s/>]+/y;

/** Where the tag opened at `lt` ends (its '>'), quotes honoured; -1 when the document ends first. */
function tagEnd(xml: string, lt: number): number {
  let quote = 0;
  for (let j = lt + 1; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) quote = c;
    else if (c === GT) return j;
  }
  return -1;
}

/** Skips a construct that holds no elements, returning the index after it, or a problem. */
function skipSpecial(xml: string, lt: number, inRoot: boolean): number | string | undefined {
  const span = (open: string, close: string, what: string): number | string => {
    const end = xml.indexOf(close, lt + open.length);
    return end === -1 ? `unterminated ${what}` : end + close.length;
  };
  if (xml.startsWith('<?', lt)) return span('<?', '?>', 'processing instruction');
  if (xml.startsWith('<!--', lt)) return span('<!--', '-->', 'comment');
  if (xml.startsWith('<![CDATA[', lt)) return inRoot ? span('<![CDATA[', ']]>', 'CDATA section') : 'CDATA outside the root element';
  if (xml.startsWith('<!', lt)) return 'declarations (DOCTYPE, ENTITY) are not allowed';
  return undefined;
}

/** The first well-formedness problem, described, and the offset where it shows. */
export interface WellFormednessProblem {
  readonly problem: string;
  readonly at: number;
}

/** The first well-formedness problem, or undefined when there is none. */
export function findWellFormednessProblem(xml: string): WellFormednessProblem | undefined {
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (open.length === 0 && xml.slice(i, lt === -1 ? xml.length : lt).trim() !== '') return { problem: 'text outside the root element', at: i };
    if (lt === -1) break;
    const special = skipSpecial(xml, lt, open.length > 0);
    if (typeof special === 'string') return { problem: special, at: lt };
    if (special !== undefined) {
      i = special;
      continue;
    }
    const end = tagEnd(xml, lt);
    if (end === -1) return { problem: 'a tag is not closed (truncated document?)', at: lt };
    if (xml.charCodeAt(lt + 1) === 47 /* / */) {
      const name = xml.slice(lt + 2, end).trim();
      const expected = open.pop();
      if (expected !== name) return { problem: expected === undefined ? `unexpected closing tag </${name}>` : `<${expected}> closed by </${name}>`, at: lt };
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(xml);
      if (name === null || name.index !== lt + 1) return { problem: 'a "<" that starts no tag', at: lt };
      if (open.length === 0 && ++roots > 1) return { problem: 'more than one root element', at: lt };
      if (xml.charCodeAt(end - 1) !== 47 /* / */) open.push(name[0]);
    }
    i = end + 1;
  }
  if (open.length > 0) return { problem: `<${open[open.length - 1]}> is not closed (truncated document?)`, at: xml.length };
  return roots === 0 ? { problem: 'no root element', at: xml.length } : undefined;
}

/** A description of the first well-formedness problem, or undefined when there is none. */
export function wellFormednessProblem(xml: string): string | undefined {
  return findWellFormednessProblem(xml)?.problem;
}
