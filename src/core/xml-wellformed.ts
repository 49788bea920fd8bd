/**
 * Well-formedness as a question rather than an exception: the reader (xml-reader.ts) checks it in its one pass —
 * tags balance, one root element, nothing but white space, comments or processing instructions outside it, no
 * declaration, attributes quoted and given once — and this names the first problem it met.
 */
import { readXml } from './xml-reader.js';
import { XmlProblem } from './xml-text.js';

/** The first well-formedness problem, described, and the offset where it shows. */
export interface WellFormednessProblem {
  readonly problem: string;
  readonly at: number;
}

/** The first well-formedness problem, or undefined when there is none. */
export function findWellFormednessProblem(xml: string): WellFormednessProblem | undefined {
  try {
    readXml(xml);
    return undefined;
  } catch (err) {
    if (err instanceof XmlProblem) return { problem: err.problem, at: err.at };
    throw err;
  }
}

/** A description of the first well-formedness problem, or undefined when there is none. */
export function wellFormednessProblem(xml: string): string | undefined {
  return findWellFormednessProblem(xml)?.problem;
}
