/**
 * Fuzz cases that attack the body: valid answers (whole, in pieces, as JSON, padded far beyond their size) that
 * must read back exactly, and hostile ones (cut, mangled, wrong root or types, deep, bloated, entities, bad
 * UTF-8, wrong Content-Type, hostile JSON, redaction-heavy error bodies) that must end in a typed error or a value.
 */
import fc from 'fast-check';
import type { CaseSpec, Expectation } from './case-types.js';
import { JSON_TYPE, XML_TYPE, bodyReply, simpleCase, withId } from './answers.js';
import {
  WRONG_SCALARS, badUtf8, bloat, entityAttack, hostileJson, insertInRoot, mangle, nest, renameRoot, retype, truncate,
  type Bloat,
} from './payloads.js';
import type { FuzzTarget } from './targets.js';
import { rootOf, validBody } from './valid-bodies.js';
import { httpReply } from '../../support/scripted-server.js';

/** Targets whose answer is read as a document (not ignored, not opaque text): a broken one must fail. */
function strict(target: FuzzTarget): boolean {
  return target.polled || (target.body !== undefined && !('text' in target.body));
}

/** A bodiless 201 ignores whatever body comes: the call still resolves with its status and request id. */
function ignoresBody(target: FuzzTarget): Expectation | undefined {
  return target.body === undefined && !target.polled ? { value: { statusCode: target.successStatus } } : undefined;
}

/** Material to mutate for a target without a body of its own. */
function material(xml: string): string {
  return xml !== '' ? xml : '<HostedService xmlns="http://schemas.microsoft.com/windowsazure"><ServiceName>x</ServiceName></HostedService>';
}

type BodyCase = (target: FuzzTarget) => fc.Arbitrary<CaseSpec>;

const validXml: BodyCase = (target) => fc.record({ valid: validBody(target), pieces: fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 6 }) })
  .map(({ valid, pieces }) => ({
    kind: 'valid-xml', target,
    build: (id) => simpleCase(target, id, { ...bodyReply(target, id, withId(target, id, valid.xml)), pieces }, valid.expected),
  }));

const validJson: BodyCase = (target) => validBody(target).map((valid) => ({
  kind: 'valid-json', target,
  build: (id) => simpleCase(target, id, bodyReply(target, id, withId(target, id, valid.json), JSON_TYPE), valid.expected),
}));

/** Valid answers padded with megabytes the shapes do not map: still the same value. */
const oversized: BodyCase = (target) => fc.record({
  valid: validBody(target), megabytes: fc.integer({ min: 1, max: 3 }), kind: fc.constantFrom<Bloat>('attribute', 'whitespace', 'comment', 'many-elements'),
}).map(({ valid, megabytes, kind }) => ({
  kind: 'oversized', target,
  build: (id) => simpleCase(target, id, bodyReply(target, id, insertInRoot(material(withId(target, id, valid.xml)), bloat(kind, megabytes * 1024 * 1024))),
    'text' in (target.body ?? {}) ? undefined : valid.expected),
}));

const truncated: BodyCase = (target) => fc.record({ valid: validBody(target), fraction: fc.double({ min: 0, max: 0.999, noNaN: true }) })
  .map(({ valid, fraction }) => ({
    kind: 'truncated-xml', target,
    build: (id) => {
      const cut = truncate(material(withId(target, id, valid.xml)), fraction);
      // A body cut to nothing is a bodiless answer, which the client reads as such (see the suite's notes).
      return simpleCase(target, id, bodyReply(target, id, cut), strict(target) && cut.trim() !== '' ? { error: '*' } : ignoresBody(target));
    },
  }));

const mangled: BodyCase = (target) => fc.record({
  valid: validBody(target),
  edits: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), op: fc.constantFrom('insert' as const, 'delete' as const, 'duplicate' as const), noise: fc.nat(40) }), { minLength: 1, maxLength: 5 }),
}).map(({ valid, edits }) => ({
  kind: 'mangled-xml', target,
  build: (id) => simpleCase(target, id, bodyReply(target, id, mangle(material(withId(target, id, valid.xml)), edits)), ignoresBody(target)),
}));

const wrongRoot: BodyCase = (target) => fc.record({ valid: validBody(target), other: fc.constantFrom('Error', 'Deployment', 'HostedServices', 'html', 'x:HostedService') })
  .map(({ valid, other }) => ({
    kind: 'wrong-root', target,
    build: (id) => simpleCase(target, id, bodyReply(target, id, renameRoot(material(withId(target, id, valid.xml)), rootOf(target), other)),
      // The reader drops namespace prefixes, so x:Root is still the right root.
      strict(target) && other.replace(/^\w+:/, '') !== rootOf(target) ? { error: '*' } : ignoresBody(target)),
  }));

const wrongTypes: BodyCase = (target) => fc.record({ valid: validBody(target), leaf: fc.nat(50), text: fc.constantFrom(...WRONG_SCALARS) })
  .map(({ valid, leaf, text }) => ({
    kind: 'wrong-types', target,
    build: (id) => simpleCase(target, id, bodyReply(target, id, retype(material(withId(target, id, valid.xml)), leaf, text)), ignoresBody(target)),
  }));

const deepNesting: BodyCase = (target) => fc.record({
  valid: validBody(target), depth: fc.constantFrom(10, 100, 1_000, 10_000, 100_000), known: fc.boolean(), closed: fc.boolean(),
}).map(({ valid, depth, known, closed }) => ({
  kind: 'deep-nesting', target,
  build: (id) => simpleCase(target, id, bodyReply(target, id, insertInRoot(material(withId(target, id, valid.xml)), nest(known ? 'HostedServiceProperties' : 'N', depth, closed))), ignoresBody(target)),
}));

const enormous: BodyCase = (target) => fc.record({
  valid: validBody(target), size: fc.constantFrom(1_024, 65_536, 524_288, 1_048_576), kind: fc.constantFrom<Bloat>('text', 'attribute', 'many-elements', 'long-name'),
}).map(({ valid, size, kind }) => ({
  kind: 'enormous-nodes', target,
  build: (id) => simpleCase(target, id, bodyReply(target, id, insertInRoot(material(withId(target, id, valid.xml)), bloat(kind, size))), ignoresBody(target)),
}));

const entities: BodyCase = (target) => fc.record({ valid: validBody(target), variant: fc.nat(9) }).map(({ valid, variant }) => ({
  kind: 'entities', target,
  build: (id) => simpleCase(target, id, bodyReply(target, id, entityAttack(variant, rootOf(target), material(withId(target, id, valid.xml)))), ignoresBody(target)),
}));

const invalidUtf8: BodyCase = (target) => fc.record({ valid: validBody(target), at: fc.double({ min: 0, max: 1, noNaN: true }), variant: fc.nat(7) })
  .map(({ valid, at, variant }) => ({
    kind: 'invalid-utf8', target,
    build: (id) => simpleCase(target, id, bodyReply(target, id, badUtf8(material(withId(target, id, valid.xml)), at, variant)), ignoresBody(target)),
  }));

const CONTENT_TYPES = ['application/json', 'application/JSON', 'text/html; charset=utf-8', undefined, 'application/xml; charset=iso-8859-1', 'application/vnd.x+json', 'multipart/form-data; boundary=x', ''];

const contentType: BodyCase = (target) => fc.record({ valid: validBody(target), type: fc.constantFrom(...CONTENT_TYPES), json: fc.boolean() })
  .map(({ valid, type, json }) => ({
    kind: 'content-type', target,
    build: (id) => simpleCase(target, id, bodyReply(target, id, json ? withId(target, id, valid.json) || '{}' : material(withId(target, id, valid.xml)), type), ignoresBody(target)),
  }));

const badJson: BodyCase = (target) => fc.record({ valid: validBody(target), variant: fc.nat(7), depth: fc.constantFrom(10, 1_000, 100_000, 1_000_000) })
  .map(({ valid, variant, depth }) => ({
    kind: 'hostile-json', target,
    build: (id) => simpleCase(target, id, bodyReply(target, id, hostileJson(variant, withId(target, id, valid.json) || '{}', depth), JSON_TYPE), ignoresBody(target)),
  }));

/** Error bodies that are not ASM errors are kept, redacted, on the error: redaction must stay fast on hostile text. */
const redactionHeavy: BodyCase = (target) => fc.record({ repeat: fc.integer({ min: 100, max: 4_000 }), pem: fc.boolean() })
  .map(({ repeat, pem }) => ({
    kind: 'redaction-heavy-error', target,
    build: (id) => simpleCase(target, id, httpReply(400, { 'Content-Type': XML_TYPE, 'x-ms-request-id': `${id}-e` }, (pem ? '-----BEGIN PRIVATE KEY-----' : '<Data ').repeat(repeat)),
      { error: 'BadRequestError' }),
  }));

/** Each kind with its weight out of the body cases. */
export const BODY_CASES: ReadonlyArray<{ weight: number; make: BodyCase }> = [
  { weight: 12, make: validXml }, { weight: 5, make: validJson }, { weight: 2, make: oversized }, { weight: 8, make: truncated },
  { weight: 10, make: mangled }, { weight: 4, make: wrongRoot }, { weight: 8, make: wrongTypes }, { weight: 4, make: deepNesting },
  { weight: 3, make: enormous }, { weight: 6, make: entities }, { weight: 5, make: invalidUtf8 }, { weight: 6, make: contentType },
  { weight: 4, make: badJson }, { weight: 1, make: redactionHeavy },
];

