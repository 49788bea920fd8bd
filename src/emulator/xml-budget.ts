/**
 * What a request document may cost to parse, checked by one linear scan before the parser runs. The parser's cost
 * grows with markup far more than with text (measured: 1 MiB of `<x/>` blocked the event loop for 1.7 s, 1 MiB of
 * attributes 1.5 s, 1 MiB of text 0.6 s), and nothing else runs while it parses; the largest request the spec
 * describes (a virtual machine deployment with every list filled) has a few hundred elements.
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
