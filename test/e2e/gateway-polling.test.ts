/**
 * The network gateway family is asynchronous in its own way: it answers 201 (or 200) with the id to poll in its
 * body, and its status operation says Successful and "OK" where the others say Succeeded and 200.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ServiceManagementClient } from '../../generated/client.js';
import { OperationFailedError } from '../../src/core/errors.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { typedClientForServer } from '../support/typed-client.js';

const NS = 'http://schemas.microsoft.com/windowsazure';
const OPERATION_ID = '7a8f0c2e-0d0b-4c5e-9c43-3c1f7f0e2a11';
let server: ScriptedServer;
let client: ServiceManagementClient;

function gatewayStatus(status: string, httpStatusCode: string, error = ''): string {
  return `<GatewayOperation xmlns="${NS}"><ID>${OPERATION_ID}</ID><Status>${status}</Status><HttpStatusCode>${httpStatusCode}</HttpStatusCode>${error}</GatewayOperation>`;
}

before(async () => {
  server = await startScriptedServer();
  client = typedClientForServer(server, { polling: { minDelayMs: 5, maxDelayMs: 10 } });
});

after(async () => {
  await client.close();
  await server.close();
});

test('a 201 carrying an operation id is still running: wait() polls the gateway status until Successful', async () => {
  server.queue(
    { status: 201, body: `<GatewayOperationAsyncResponse xmlns="${NS}"><ID>${OPERATION_ID}</ID></GatewayOperationAsyncResponse>` },
    { status: 200, body: gatewayStatus('InProgress', 'Accepted') },
    { status: 200, body: gatewayStatus('Successful', 'OK') },
  );
  const accepted = await client.createGateway({ NetworkName: 'vnet1', gatewayType: 'DynamicRouting' });
  assert.equal(accepted.requestId, OPERATION_ID);
  assert.equal(accepted.completed, false);
  const seen: string[] = [];
  const done = await accepted.wait({ onProgress: (s) => seen.push(s.status) });
  assert.deepEqual(seen, ['InProgress', 'Succeeded']);
  assert.equal(done.status, 'Succeeded');
  const polls = server.requests.slice(-2).map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(polls, Array(2).fill(`GET /00000000-0000-0000-0000-000000000000/services/networking/operation/${OPERATION_ID}`));
});

test('a failed gateway operation rejects with its error', async () => {
  server.queue(
    { status: 201, body: `<GatewayOperationAsyncResponse xmlns="${NS}"><ID>${OPERATION_ID}</ID></GatewayOperationAsyncResponse>` },
    { status: 200, body: gatewayStatus('Failed', 'BadRequest', '<Error><Code>BadRequest</Code><Message>The gateway cannot be created.</Message></Error>') },
  );
  await assert.rejects(client.createGateway({ NetworkName: 'vnet1' }, { wait: true }), (err: unknown) => {
    assert.ok(err instanceof OperationFailedError);
    assert.equal(err.code, 'BadRequest');
    assert.equal(err.requestId, OPERATION_ID);
    return true;
  });
});
