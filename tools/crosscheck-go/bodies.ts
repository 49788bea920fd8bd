/**
 * Reads the committed evidence file (go-sdk-bodies.json: the request bodies Microsoft's Go SDK for Service
 * Management marshals, read from its struct definitions, every field set, in declaration order). Writing the
 * skeletons as XML and comparing them is shared with the Python crosscheck (tools/crosscheck/skeleton-compare.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Skeleton, SkeletonEvidence, SkeletonJustification } from '../crosscheck/skeleton-compare.js';

export { SUBSCRIPTION, type Node, type Skeleton } from '../crosscheck/skeleton-compare.js';

export interface GoCall {
  /** `package.Method` of the Go SDK. */
  readonly go: string;
  readonly variant?: string;
  /** The Go struct xml.Marshal writes. */
  readonly struct: string;
  readonly verb: string;
  /** After the host; `{sub}` stands for the subscription id (the client joins `{url}/{sub}/{path}`). */
  readonly path: string;
  /** The call returns x-ms-request-id for WaitForOperation to poll (every POST/PUT/DELETE of the SDK does). */
  readonly async: boolean;
  /** Set where the call names a Content-Type (otherwise application/xml). */
  readonly contentType?: string;
  readonly body: Skeleton | null;
}

/** A difference the comparison may report because a named source decided it. */
export interface GoJustification extends SkeletonJustification {
  readonly go: string;
}

export interface GoEvidence extends SkeletonEvidence<GoCall, GoJustification> {
  readonly source: { readonly xMsVersion: string; readonly [key: string]: unknown };
}

/** management.DefaultAPIVersion: the x-ms-version of every request. */
export const GO_API_VERSION = '2014-10-01';
const here = dirname(fileURLToPath(import.meta.url));
/** The JSON is not compiled: from dist/tools/crosscheck-go the source folder is three levels up. */
export const EVIDENCE_FILE = join(here, '..', '..', '..', 'tools', 'crosscheck-go', 'go-sdk-bodies.json');

export function loadGoEvidence(file = EVIDENCE_FILE): GoEvidence {
  return JSON.parse(readFileSync(file, 'utf8')) as GoEvidence;
}

export function goCallName(call: GoCall): string {
  return call.variant === undefined ? call.go : `${call.go} (${call.variant})`;
}
