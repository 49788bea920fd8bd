/** The logging policy: one entry per response with the request facts; at debug, headers and bodies redacted. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClientLog } from '../../../src/client/logging.js';
import { loggingPolicy } from '../../../src/client/policies/logging.js';
import { AddRoleOperation } from '../../core/fixtures.js';
import { captureLogger } from '../../support/capture-logger.js';
import { answer, fakeRequest, scriptedNext } from '../../support/pipeline-fakes.js';

test('each response is logged at info (warn for 4xx and 5xx) with method, path, status, duration, attempt and request id', async () => {
  const log = captureLogger();
  const policy = loggingPolicy(createClientLog(log.logger, {}));
  await policy(fakeRequest({ attempt: 2 }), scriptedNext(answer(200, { 'x-ms-request-id': 'req-1' })).next);
  await policy(fakeRequest(), scriptedNext(answer(404)).next);
  const [ok, missing] = log.entries.filter((e) => e.status !== undefined);
  assert.deepEqual({ ...ok, durationMs: 0 }, {
    level: 'info', message: 'GET /sub/services/hostedservices/svc -> 200', operation: 'GetHostedService', method: 'GET',
    path: '/sub/services/hostedservices/svc', status: 200, durationMs: 0, attempt: 2, requestId: 'req-1',
  });
  assert.ok(ok!.durationMs! >= 0);
  assert.equal(missing?.level, 'warn');
});

test('at debug, headers are shown by allow-list and secret body elements read REDACTED', async () => {
  const log = captureLogger();
  const request = fakeRequest({
    operation: AddRoleOperation, method: 'POST',
    headers: { 'x-ms-version': '2014-10-01', authorization: 'Bearer token-abc', 'x-custom': 'private' },
    body: '<PersistentVMRole><ComputerName>vm1</ComputerName><AdminPassword>pw-123</AdminPassword></PersistentVMRole>',
  });
  const response = answer(202, { 'x-ms-request-id': 'r', 'set-cookie': 'session=s3cr3t' }, '<Result><PrivateKey>key-456</PrivateKey></Result>');
  await loggingPolicy(createClientLog(log.logger, {}))(request, scriptedNext(response).next);
  const sent = log.entries.find((e) => e.message === 'request')!;
  const received = log.entries.find((e) => e.message === 'response')!;
  assert.deepEqual(sent.headers, { 'x-ms-version': '2014-10-01', authorization: 'REDACTED', 'x-custom': 'REDACTED' });
  assert.equal(sent.body, '<PersistentVMRole><ComputerName>vm1</ComputerName><AdminPassword>REDACTED</AdminPassword></PersistentVMRole>');
  assert.deepEqual(received.headers, { 'x-ms-request-id': 'r', 'set-cookie': 'REDACTED' });
  assert.equal(received.body, '<Result><PrivateKey>REDACTED</PrivateKey></Result>');
  for (const secret of ['token-abc', 'private', 'pw-123', 's3cr3t', 'key-456']) assert.equal(log.text().includes(secret), false, secret);
});

test('below the threshold nothing is logged: ASM_SDK_LOG=warn keeps the 4xx entry only, and no debug entries', async () => {
  const log = captureLogger();
  const policy = loggingPolicy(createClientLog(log.logger, { ASM_SDK_LOG: 'warn' }));
  await policy(fakeRequest({ body: '<x/>' }), scriptedNext(answer(200)).next);
  await policy(fakeRequest(), scriptedNext(answer(503)).next);
  assert.deepEqual(log.entries.map((e) => `${e.level} ${e.status}`), ['warn 503']);
});
