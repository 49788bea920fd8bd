/**
 * The fuzz case for an index: drawn by fast-check from a seed derived from the run's seed and the index, so that
 * any single case can be rebuilt and replayed alone (`--seed S --case N`).
 */
import fc from 'fast-check';
import type { CaseSpec } from './case-types.js';
import { BODY_CASES } from './cases-body.js';
import { SEMANTIC_CASES } from './cases-semantics.js';
import { WIRE_CASES } from './cases-wire.js';
import { TARGETS, type FuzzTarget } from './targets.js';

function casesFor(target: FuzzTarget): fc.Arbitrary<CaseSpec> {
  const kinds = [
    ...BODY_CASES.map(({ weight, make }) => ({ weight, arbitrary: make(target) })),
    ...SEMANTIC_CASES.map(({ weight, make }) => ({ weight, arbitrary: make(target) })),
    ...WIRE_CASES.filter((c) => !c.polledOnly || target.polled).map(({ weight, make }) => ({ weight, arbitrary: make(target) })),
  ];
  return fc.oneof(...kinds);
}

const ANY_CASE = fc.oneof(...TARGETS.map(casesFor));

/** A per-case seed: the run's seed and the index mixed, so that neighbouring cases do not correlate. */
function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) | 0;
}

export function fuzzCase(seed: number, index: number): CaseSpec {
  return fc.sample(ANY_CASE, { seed: caseSeed(seed, index), numRuns: 1 })[0]!;
}
