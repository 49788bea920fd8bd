/**
 * The comparison of azure-servicemanagement-legacy's requests with our spec (the shared skeleton comparison,
 * tools/crosscheck/skeleton-compare.ts), plus what Python's transport needs of an operation: its x-ms-version
 * accepted and a 2xx success (Python raises on anything else but a 307).
 */
import type { OperationDescriptor } from '../../src/core/shapes.js';
import { compareSkeletons, transportNeeds, type CallReport as SharedReport, type SkeletonClient, type SkeletonComparison } from '../crosscheck/skeleton-compare.js';
import { callName, PACKAGE_VERSION, type Justification, type PythonCall, type PythonEvidence } from './bodies.js';

export type CallReport = SharedReport<PythonCall>;
export type PythonComparison = SkeletonComparison<PythonCall, Justification>;

function transportProblems(call: PythonCall, operation: OperationDescriptor): string[] {
  return transportNeeds(call.xMsVersion ?? PACKAGE_VERSION, operation, 300, 'raises in Python (it accepts < 300 and follows 307)');
}

const python: SkeletonClient<PythonCall, Justification> = {
  file: 'python-legacy-bodies.json',
  name: callName,
  method: (call) => call.python,
  justifiedMethod: (j) => j.python,
  transport: transportProblems,
};

export function comparePython(evidence: PythonEvidence, operations?: readonly OperationDescriptor[]): PythonComparison {
  return compareSkeletons(evidence, python, 'python', operations);
}
