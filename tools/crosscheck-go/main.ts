/**
 * `npm run crosscheck:go`: Microsoft's Go SDK for Service Management (Azure/azure-sdk-for-go, management/) against
 * our spec, offline, from the committed evidence file. Each line also gives the statuses our operation answers
 * beside what Go accepts (< 400) and whether Go polls it. It only measures and exits 0; the test under test/tools
 * fails on an unjustified difference.
 */
import { allOperations } from '../../generated/operations/index.js';
import { printSkeletonReport } from '../crosscheck/skeleton-report.js';
import { loadGoEvidence } from './bodies.js';
import { compareGo, ourStatuses } from './compare-go.js';

const result = compareGo(loadGoEvidence());
const byName = new Map(allOperations.map((o) => [o.name, o]));
const operationOf = new Map(result.calls.map((c) => [c.call, c.operation]));
printSkeletonReport('Go SDK (management/) calls against our spec', result, (call) => {
  const operation = byName.get(operationOf.get(call) ?? '');
  if (operation === undefined) return '';
  return `; statuses ours ${ourStatuses(operation).join('/')} (Go: < 400 ok)${call.async ? `, Go polls x-ms-request-id (ours ${operation.async !== undefined ? 'async' : 'sync'})` : ''}`;
});
