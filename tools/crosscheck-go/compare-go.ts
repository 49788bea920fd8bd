/**
 * The comparison of the Go SDK's requests with our spec (the shared skeleton comparison,
 * tools/crosscheck/skeleton-compare.ts), plus what its transport (management/http.go, operations.go) needs of an
 * operation: x-ms-version 2014-10-01 accepted, and every success status of ours below 400 (Go treats any status
 * < 400 as success, follows a 307 through net/http, and turns >= 400 into an AzureError after retrying).
 */
import type { OperationDescriptor } from '../../src/core/shapes.js';
import { compareSkeletons, transportNeeds, type CallReport, type SkeletonClient, type SkeletonComparison } from '../crosscheck/skeleton-compare.js';
import { GO_API_VERSION, goCallName, type GoCall, type GoEvidence, type GoJustification } from './bodies.js';

export type GoCallReport = CallReport<GoCall>;
export type GoComparison = SkeletonComparison<GoCall, GoJustification>;

/** The success statuses of our operation, for the report beside what Go accepts (< 400). */
export function ourStatuses(operation: OperationDescriptor): number[] {
  return operation.responses.map((r) => r.status);
}

function transportProblems(_call: GoCall, operation: OperationDescriptor): string[] {
  return transportNeeds(GO_API_VERSION, operation, 400, 'is an error to Go (it accepts < 400)');
}

const go: SkeletonClient<GoCall, GoJustification> = {
  file: 'go-sdk-bodies.json',
  name: goCallName,
  method: (call) => call.go,
  justifiedMethod: (j) => j.go,
  transport: transportProblems,
};

export function compareGo(evidence: GoEvidence, operations?: readonly OperationDescriptor[]): GoComparison {
  return compareSkeletons(evidence, go, 'go', operations);
}
