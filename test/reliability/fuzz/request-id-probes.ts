/**
 * Request ids a hostile server gets wrong (issue #16, third round): a status answer about another operation (its
 * <ID> is not the polled id) must end the wait in a ResponseParseError, not be taken as the polled operation's;
 * a repeated x-ms-request-id (undici joins it into "a, b") must never be handed to the caller or polled.
 */
import { DeleteHostedServiceOperation } from '../../../generated/operations/DeleteHostedService.js';
import { GetHostedServiceOperation } from '../../../generated/operations/GetHostedService.js';
import { serviceShape } from '../../../generated/service.js';
import { ServiceClient } from '../../../src/client/client.js';
import { certificateFromPem } from '../../../src/client/credentials.js';
import { invoke, invokeAsync } from '../../../src/client/invoke.js';
import { ServiceError } from '../../../src/core/errors.js';
import { testPki } from '../../support/pki.js';
import { startScriptedServer, type RawReply } from '../../support/scripted-server.js';
import { label, settle } from '../outcome.js';
import { addFailure, type SuiteReport } from '../report.js';
import { XML_TYPE } from './answers.js';
import { NS } from './valid-bodies.js';

function reply(status: number, ids: string[], body = ''): RawReply {
  const bytes = Buffer.from(body);
  return { head: `HTTP/1.1 ${status} X\r\n${ids.map((id) => `x-ms-request-id: ${id}\r\n`).join('')}Content-Type: ${XML_TYPE}\r\nContent-Length: ${bytes.length}\r\n\r\n`, body: bytes, then: 'keep' };
}

export async function requestIdProbe(report: SuiteReport): Promise<void> {
  const server = await startScriptedServer({ certificate: testPki().server });
  const pki = testPki();
  const client = new ServiceClient({
    subscriptionId: '00000000-0000-0000-0000-000000000000', credential: certificateFromPem({ key: pki.client.key, cert: pki.client.cert }),
    endpoint: server.url, ca: pki.ca.cert, proxy: false, retry: { maxRetries: 0 },
  }, serviceShape);
  const wait = { wait: { minDelayMs: 1, maxDelayMs: 5, timeoutMs: 10_000 } };
  try {
    let n = 0;
    server.handle(() => (n++ === 0 ? reply(202, ['aaaa1111'])
      : reply(200, ['bbbb2222'], `<Operation xmlns="${NS}"><ID>cccc3333</ID><Status>Succeeded</Status><HttpStatusCode>200</HttpStatusCode></Operation>`)));
    const other = await settle(() => invokeAsync(client, DeleteHostedServiceOperation, { ServiceName: 's' }, wait), 20_000);
    report.figures.push(['status answer about another operation (<ID> cccc3333, polled aaaa1111)', label(other)]);
    if (label(other) !== 'ResponseParseError') addFailure(report, `a status answer whose <ID> names another operation ended in ${label(other)} (expected ResponseParseError)`);

    const before = server.requests.length;
    server.handle(() => reply(202, ['aaaa1111', 'bbbb2222']));
    const repeated = await settle(() => invokeAsync(client, DeleteHostedServiceOperation, { ServiceName: 's' }, wait), 20_000);
    const polled = server.requests.slice(before).filter((r) => r.path.includes('/operations/')).map((r) => r.path);
    report.figures.push(['async 202 with x-ms-request-id repeated', `${label(repeated)}; status polls ${polled.length}${polled.length ? ` (${polled[0]})` : ''}`]);
    if (label(repeated) !== 'ResponseParseError' || polled.length > 0) addFailure(report, `a repeated x-ms-request-id on a 202 ended in ${label(repeated)} after ${polled.length} status polls (expected a ResponseParseError and none)`);

    server.handle(() => reply(404, ['aaaa1111', 'bbbb2222'], `<Error xmlns="${NS}"><Code>ResourceNotFound</Code><Message>m</Message></Error>`));
    const error = await settle(() => invoke(client, GetHostedServiceOperation, { ServiceName: 's' }), 20_000);
    const requestId = error.kind === 'error' && error.error instanceof ServiceError ? error.error.requestId : undefined;
    report.figures.push(['error with x-ms-request-id repeated: error.requestId', JSON.stringify(requestId) ?? 'undefined']);
    if (requestId !== undefined) addFailure(report, `a repeated x-ms-request-id became error.requestId ${JSON.stringify(requestId)}`);
  } finally {
    await client.close();
    await server.close();
  }
}
