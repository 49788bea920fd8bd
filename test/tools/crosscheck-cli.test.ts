/**
 * The pure parts of the classic-CLI crosscheck (tools/crosscheck-cli): the outcome of a command from its exit
 * code, its output and the requests the emulator recorded, the summary table, and that every scenario step
 * belongs to a family and every family of the scenario follows a recorded test of the wire corpus.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify, errorMessage, operationsOf, outcomeLine, summaryTable, type Step, type StepResult } from '../../tools/crosscheck-cli/outcome.js';
import { scenario } from '../../tools/crosscheck-cli/scenario.js';

const step: Step = { family: 'vm-extension', args: ['vm', 'extension', 'set', 'vm1'] };
const CLI_ERROR = 'info:    Executing command vm extension set\nerror:   BadRequest : The request body does not match\nerror:   Error information has been recorded to /h/.azure/azure.err\nerror:   vm extension set command failed\n';

test('exit 0 is OK, whatever 404s the CLI met while asking whether names exist', () => {
  assert.deepEqual(classify(step, 0, '', [{ method: 'GET', url: '/s/services/hostedservices/x', status: 404 }]), { kind: 'ok' });
});

test('a failure after a refusal is the emulator refusing, with the last refusal and the CLI\'s message', () => {
  const outcome = classify(step, 1, CLI_ERROR, [
    { method: 'GET', url: '/s/services/hostedservices/x', status: 404, operation: 'GetHostedService' },
    { method: 'PUT', url: '/s/roles/vm1', status: 400, operation: 'UpdateRole' },
  ]);
  assert.deepEqual(outcome, { kind: 'refused', status: 400, operation: 'UpdateRole', message: 'BadRequest : The request body does not match' });
});

test('a failure with no refusal is the CLI failing; a listed CLI bug is counted apart with its reason', () => {
  assert.deepEqual(classify(step, 1, 'error: unknown option `--quiet\'\n', [{ method: 'GET', url: '/s', status: 200 }]), { kind: 'cli-failed', message: 'unknown option `--quiet\'' });
  assert.deepEqual(classify({ ...step, cliBug: 'fails on the recorded answer too' }, 1, CLI_ERROR, []), { kind: 'cli-bug', reason: 'fails on the recorded answer too' });
  assert.equal(errorMessage('TypeError: x\n    at y\nlast line'), 'last line', 'without error: lines, the last line of the output');
});

test('the operations of a step are its requests\' operations, once each, unmatched ones by verb and path', () => {
  assert.deepEqual(operationsOf([
    { method: 'GET', url: '/a', status: 200, operation: 'ListHostedServices' },
    { method: 'GET', url: '/a', status: 200, operation: 'ListHostedServices' },
    { method: 'GET', url: '/zzz', status: 404 },
  ]), ['ListHostedServices', '(unmatched) GET /zzz']);
});

test('the summary has one row per family in scenario order and the total; a refusal line names status and operation', () => {
  const results: StepResult[] = [
    { step: { family: 'service', args: ['service', 'list'] }, outcome: { kind: 'ok' }, operations: [] },
    { step, outcome: { kind: 'refused', status: 400, operation: 'UpdateRole', message: 'm' }, operations: [] },
    { step, outcome: { kind: 'cli-bug', reason: 'r' }, operations: [] },
  ];
  assert.deepEqual(summaryTable(results).split('\n').slice(2), [
    '| service | 1 | 0 | 0 | 0 |',
    '| vm-extension | 0 | 1 | 0 | 1 |',
    '| **all** | 1 | 1 | 0 | 1 |',
  ]);
  assert.equal(outcomeLine(results[1]!), 'emulator refused   azure vm extension set vm1\n    400 UpdateRole: m');
});

test('the scenario covers the recorded families in a dependable order: created before used, removed last', () => {
  const steps = scenario('/tmp/custom-data.txt');
  const index = (...args: string[]) => steps.findIndex((s) => args.every((a, i) => s.args[i] === a));
  assert.ok(index('account', 'affinity-group', 'create') < index('storage', 'account', 'create'));
  assert.ok(index('vm', 'create') < index('vm', 'endpoint', 'create'));
  assert.ok(index('vm', 'export') < index('vm', 'create-from'));
  assert.equal(steps[steps.length - 1]!.args.slice(0, 3).join(' '), 'account affinity-group delete');
  assert.ok(steps.some((s) => s.args.includes('--private-config')), 'an extension with a private configuration');
  assert.ok(steps.filter((s) => s.args[0] === 'vm' && s.args[1] === 'create').length >= 3, 'linux with ssh, windows with rdp, in a virtual network');
});
