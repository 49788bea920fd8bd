/**
 * `npm run crosscheck:python`: Microsoft's Python legacy SDK (azure-servicemanagement-legacy) against our spec,
 * offline, from the committed evidence file. It only measures and exits 0; the test under test/tools fails on an
 * unjustified difference.
 */
import { printSkeletonReport } from '../crosscheck/skeleton-report.js';
import { loadEvidence } from './bodies.js';
import { comparePython } from './compare-python.js';

printSkeletonReport('azure-servicemanagement-legacy calls against our spec', comparePython(loadEvidence()));
