/**
 * Hostile answers whose harm is repetition or size rather than form (issue #16, second round): a paged operation
 * whose continuation token comes back forever, or in a cycle, must end in a typed error within one lap, not walk
 * the same pages forever; a 10 MB <Error><Message>, or a failed operation's, must give an error whose message,
 * JSON and inspect output stay bounded (they were 10 MB each).
 */
import { inspect } from 'node:util';
import { DeleteHostedServiceOperation } from '../../../generated/operations/DeleteHostedService.js';
import { GetHostedServiceOperation } from '../../../generated/operations/GetHostedService.js';
import { ListSubscriptionOperationsOperation } from '../../../generated/operations/ListSubscriptionOperations.js';
import { serviceShape } from '../../../generated/service.js';
import { ServiceClient } from '../../../src/client/client.js';
import { certificateFromPem } from '../../../src/client/credentials.js';
import { invoke, invokeAsync } from '../../../src/client/invoke.js';
import { paginate } from '../../../src/client/paginator.js';
import { testPki } from '../../support/pki.js';
import { httpReply, startScriptedServer, type ScriptedServer } from '../../support/scripted-server.js';
import { label, settle } from '../outcome.js';
import { addFailure, type SuiteReport } from '../report.js';
import { XML_TYPE } from './answers.js';
import { NS } from './valid-bodies.js';

/** Pages a walk may request before it counts as endless. */
const PAGE_CAP = 1_000;
/** An error text longer than this (message, JSON or inspect) is unbounded. */
const ERROR_TEXT_RULE = 100_000;

function clientOf(server: ScriptedServer): ServiceClient {
  const pki = testPki();
  return new ServiceClient({
    subscriptionId: 'probe', credential: certificateFromPem(pki.client), endpoint: server.url, ca: pki.ca.cert, proxy: false,
    retry: { maxRetries: 0 }, timeoutMs: 30_000,
  }, serviceShape);
}

/** A page of the operation log with one item and the token `next`. */
function page(next: string): string {
  return `<SubscriptionOperationCollection xmlns="${NS}"><SubscriptionOperations><SubscriptionOperation><OperationId>op</OperationId></SubscriptionOperation></SubscriptionOperations><ContinuationToken>${next}</ContinuationToken></SubscriptionOperationCollection>`;
}

export async function pagingLoopProbe(report: SuiteReport): Promise<void> {
  const server = await startScriptedServer({ certificate: testPki().server });
  const client = clientOf(server);
  try {
    for (const lap of [1, 3, 50]) {
      let served = 0;
      server.handle(() => httpReply(200, { 'Content-Type': XML_TYPE, 'x-ms-request-id': 'page' }, page(`t${served++ % lap}`)));
      const ending = await settle(async () => {
        let items = 0;
        for await (const _ of paginate(client, ListSubscriptionOperationsOperation, { StartTime: '2015-07-01T00:00:00Z', EndTime: '2015-07-02T00:00:00Z' })) {
          if (++items >= PAGE_CAP) return `${items} items, still walking`;
        }
        return 'ended';
      }, 60_000);
      const outcome = ending.kind === 'value' ? String(ending.value) : label(ending);
      report.figures.push([`continuation token in a cycle of ${lap}`, `${outcome} after ${served} pages`]);
      if (label(ending) !== 'ResponseParseError' || served > lap + 1) addFailure(report, `a continuation token in a cycle of ${lap}: ${outcome} after ${served} pages (expected a ResponseParseError within one lap)`);
    }
  } finally {
    await client.close();
    await server.close();
  }
}

export async function hugeMessageProbe(report: SuiteReport): Promise<void> {
  const server = await startScriptedServer({ certificate: testPki().server });
  const client = clientOf(server);
  const huge = 'M'.repeat(10 * 1024 * 1024);
  const calls: Array<[string, () => void, () => Promise<unknown>]> = [
    ['10 MB <Error><Message>', () => server.handle(() => httpReply(400, { 'Content-Type': XML_TYPE }, `<Error xmlns="${NS}"><Code>BadRequest</Code><Message>${huge}</Message></Error>`)),
      () => invoke(client, GetHostedServiceOperation, { ServiceName: 's' })],
    ['10 MB message of a failed operation', () => {
      let n = 0;
      server.handle(() => (n++ === 0 ? httpReply(202, { 'x-ms-request-id': 'op1' })
        : httpReply(200, { 'Content-Type': XML_TYPE }, `<Operation xmlns="${NS}"><ID>op1</ID><Status>Failed</Status><HttpStatusCode>200</HttpStatusCode><Error><Code>X</Code><Message>${huge}</Message></Error></Operation>`)));
    }, () => invokeAsync(client, DeleteHostedServiceOperation, { ServiceName: 's' }, { wait: { minDelayMs: 1, maxDelayMs: 5, timeoutMs: 20_000 } })],
  ];
  try {
    for (const [name, answer, call] of calls) {
      answer();
      const ending = await settle(call, 60_000);
      const err = ending.kind === 'error' ? ending.error as Error : undefined;
      const sizes = err ? [err.message.length, JSON.stringify(err).length, inspect(err).length] : [];
      report.figures.push([`${name}: message / JSON / inspect (chars)`, err ? `${label(ending)} ${sizes.join(' / ')}` : label(ending)]);
      if (!err || Math.max(...sizes) > ERROR_TEXT_RULE) addFailure(report, `${name}: ${label(ending)} of ${sizes.join(' / ')} characters (message / JSON / inspect): the error copies the service's text unbounded`);
    }
  } finally {
    await client.close();
    await server.close();
  }
}
