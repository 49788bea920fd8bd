/**
 * Fuzz cases that attack what a valid answer means rather than how it is framed (issue #16): text written with
 * numeric character references, as .NET writers emit them, must read back exactly; a foreign-namespace element
 * placed before the service's own must not win; a date in any form but ISO 8601, or an impossible day, must be
 * refused, not read as some other date.
 */
import fc from 'fast-check';
import type { CaseSpec } from './case-types.js';
import { bodyReply, simpleCase, withId } from './answers.js';
import { insertInRoot } from './payloads.js';
import type { FuzzTarget } from './targets.js';
import { validBody } from './valid-bodies.js';

type SemanticCase = (target: FuzzTarget) => fc.Arbitrary<CaseSpec>;

/** Every `every`-th letter or digit of each text node as a character reference (entity references left alone). */
export function withCharacterReferences(xml: string, every: number, hex: boolean): string {
  let n = 0;
  return xml.replace(/>([^<]+)</g, (_m, text: string) => `>${text.replace(/&[^;]*;|[A-Za-z0-9]/g, (token) => {
    if (token.length > 1 || n++ % every !== 0) return token;
    const code = token.charCodeAt(0);
    return hex ? `&#x${code.toString(16).toUpperCase()};` : `&#${code};`;
  })}<`);
}

const characterReferences: SemanticCase = (target) => fc.record({ valid: validBody(target), every: fc.integer({ min: 1, max: 4 }), hex: fc.boolean() })
  .map(({ valid, every, hex }) => ({
    kind: 'character-references', target,
    build: (id) => {
      const xml = withCharacterReferences(withId(target, id, valid.xml), every, hex);
      // Opaque text is handed back as it came; everything else must read as if written plainly.
      return simpleCase(target, id, bodyReply(target, id, xml), target.body !== undefined && 'text' in target.body ? { value: xml } : valid.expected);
    },
  }));

const foreignNamespace: SemanticCase = (target) => fc.record({ valid: validBody(target), prefixed: fc.boolean() })
  .map(({ valid, prefixed }) => ({
    kind: 'foreign-namespace', target,
    build: (id) => {
      const first = /^<[^>]*>\s*<([A-Za-z][\w.-]*)/.exec(withId(target, id, valid.xml))?.[1];
      const strict = target.polled || (target.body !== undefined && !('text' in target.body));
      if (first === undefined || !strict) return simpleCase(target, id, bodyReply(target, id, withId(target, id, valid.xml)), valid.expected);
      const foreign = prefixed ? `<f:${first} xmlns:f="urn:fuzz:foreign">FOREIGN</f:${first}>` : `<${first} xmlns="urn:fuzz:foreign">FOREIGN</${first}>`;
      return simpleCase(target, id, bodyReply(target, id, insertInRoot(withId(target, id, valid.xml), foreign)), valid.expected);
    },
  }));

/** Forms Date's own parser takes (or rolls over) that are not a date of the service's. */
export const LENIENT_DATES = ['1', '2020-02-30T00:00:00Z', '2021-13-01T00:00:00Z', 'Tue, 01 Jan 2019 00:00:00 GMT', '2019-01-01 00:00:00', '2019-06-31T10:00:00Z', '2019-01-01T24:30:00Z', 'March 7, 2019'];

const lenientDates: SemanticCase = (target) => fc.record({ valid: validBody(target), date: fc.constantFrom(...LENIENT_DATES) })
  .map(({ valid, date }) => ({
    kind: 'lenient-date', target,
    build: (id) => {
      const iso = />(\d{4}-\d{2}-\d{2}T[\d:.]+Z)</.exec(withId(target, id, valid.xml));
      const strict = target.polled || (target.body !== undefined && !('text' in target.body));
      if (iso === null || !strict) return simpleCase(target, id, bodyReply(target, id, withId(target, id, valid.xml)), valid.expected);
      const xml = `${withId(target, id, valid.xml).slice(0, iso.index + 1)}${date}${withId(target, id, valid.xml).slice(iso.index + 1 + iso[1]!.length)}`;
      return simpleCase(target, id, bodyReply(target, id, xml), { error: 'ResponseParseError' });
    },
  }));

/** Each kind with its weight among the semantic cases. */
export const SEMANTIC_CASES: ReadonlyArray<{ weight: number; make: SemanticCase }> = [
  { weight: 4, make: characterReferences }, { weight: 2, make: foreignNamespace }, { weight: 2, make: lenientDates },
];
