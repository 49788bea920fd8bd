/**
 * Reads the committed evidence file (python-legacy-bodies.json: what azure-servicemanagement-legacy's serializers
 * write, in their order, with every optional argument given). Writing the skeletons as XML and comparing them is
 * shared with the Go crosscheck (tools/crosscheck/skeleton-compare.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Skeleton, SkeletonEvidence, SkeletonJustification } from '../crosscheck/skeleton-compare.js';

export { SUBSCRIPTION, type Node, type Skeleton } from '../crosscheck/skeleton-compare.js';

export interface PythonCall {
  readonly python: string;
  readonly variant?: string;
  readonly serializer: string;
  readonly verb: string;
  /** After the host; `{sub}` stands for the subscription id. */
  readonly path: string;
  /** `as_async=True`: the call returns the x-ms-request-id header and the caller polls Get Operation Status. */
  readonly async: boolean;
  /** Set where the call overrides the package's X_MS_VERSION. */
  readonly xMsVersion?: string;
  readonly body: Skeleton | null;
}

/** A difference the comparison may report because a named source decided it. */
export interface Justification extends SkeletonJustification {
  readonly python: string;
}

export interface PythonEvidence extends SkeletonEvidence<PythonCall, Justification> {
  readonly source: { readonly xMsVersion: string; readonly [key: string]: unknown };
}

export const PACKAGE_VERSION = '2014-10-01';
const here = dirname(fileURLToPath(import.meta.url));
/** The JSON is not compiled: from dist/tools/crosscheck-python the source folder is three levels up. */
export const EVIDENCE_FILE = join(here, '..', '..', '..', 'tools', 'crosscheck-python', 'python-legacy-bodies.json');

export function loadEvidence(file = EVIDENCE_FILE): PythonEvidence {
  return JSON.parse(readFileSync(file, 'utf8')) as PythonEvidence;
}

export function callName(call: PythonCall): string {
  return call.variant === undefined ? call.python : `${call.python} (${call.variant})`;
}
