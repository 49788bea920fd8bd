/**
 * Character data as the XML reader takes it: which characters XML allows, references decoded (the five
 * predefined entities and numeric character references: .NET writers emit &#xD; for CR), white space trimmed the
 * way the readers above expect. A problem is thrown as an XmlProblem with the offset where it shows.
 */

/** A well-formedness problem, described, and the offset in the document where it shows. */
export class XmlProblem extends Error {
  constructor(readonly problem: string, readonly at: number) {
    super(problem);
    this.name = 'XmlProblem';
  }
}

/** Whether XML 1.0 allows the character at all (its Char production), written literally or as a reference. */
export function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** The BMP characters XML 1.0 forbids written literally (surrogates come from UTF-16, not from decoded UTF-8). */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Refuses a character XML forbids in `text`, which starts at `at` in the document. */
export function checkChars(text: string, at: number): void {
  const found = FORBIDDEN.exec(text);
  if (found !== null) {
    const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new XmlProblem(`the character U+${code} is not allowed in XML`, at + found.index);
  }
}

const REFERENCE = /&(?:#([0-9]{1,8})|#x([0-9a-fA-F]{1,8})|(lt|gt|amp|apos|quot));/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/**
 * Text with its references decoded. A reference to a character XML forbids (&#0;, &#xB;, a surrogate) is a
 * well-formedness problem, as in any conforming reader; an unknown entity is left as written.
 */
export function decodeReferences(text: string, at: number): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (reference: string, decimal: string | undefined, hex: string | undefined, name: string | undefined, offset: number) => {
    if (name !== undefined) return PREDEFINED[name]!;
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
    if (!isXmlChar(code)) throw new XmlProblem(`the character reference ${reference} names a character XML does not allow`, at + offset);
    return String.fromCodePoint(code);
  });
}

const isXmlSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** `text` without leading and trailing XML white space (space, tab, LF, CR — not the other Unicode spaces). */
export function trimXmlSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isXmlSpace(text.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
