/**
 * What a request document may cost to parse, checked by one linear scan before the reader runs. The reader's cost
 * grows with markup, not with text (measured with the hand-written reader: 1 MiB of `<x/>` blocks the event loop
 * for about 230 ms, 1 MiB of attributes 250 ms, 1 MiB of text 1 ms; with fast-xml-parser before it, 1.7 s, 1.5 s
 * and 0.6 s), and nothing else runs while it reads; the largest request the spec describes (a virtual machine
 * deployment with every list filled) has a few hundred elements.
 */
/** Tags (start, end and empty) a request document may hold. */
export const MAX_XML_TAGS = 20_000;
/** Attributes a request document may hold. */
export const MAX_XML_ATTRIBUTES = 5_000;

/** Why the document is over budget, or undefined. Comments, CDATA and declarations count as tags. */
export function xmlOverBudget(xml: string): string | undefined {
  let tags = 0;
  let attributes = 0;
  let inTag = false;
  let quote = 0;
  for (let i = 0; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    // Every '<' counts, even inside quotes: no quote (in a comment, say) can hide markup from the count.
    if (c === 0x3c /* < */) {
      inTag = true;
      quote = 0;
      if (++tags > MAX_XML_TAGS) return `it holds more than ${MAX_XML_TAGS} tags (rule: markup budget)`;
    } else if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (inTag) {
      if (c === 0x3e /* > */) inTag = false;
      else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3d /* = */ && ++attributes > MAX_XML_ATTRIBUTES) return `it holds more than ${MAX_XML_ATTRIBUTES} attributes (rule: markup budget)`;
    }
  }
  return undefined;
}
