/**
 * The one paginator every paged operation uses, against a scripted HTTPS server: it follows the descriptor's
 * tokens, stops on a missing or empty one, survives a page without items, resumes from the caller's token and
 * stops when the caller aborts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createServiceClient } from '../../generated/service.js';
import { ListSubscriptionOperationsOperation } from '../../generated/operations/ListSubscriptionOperations.js';
import { GetHostedServiceOperation } from '../../generated/operations/GetHostedService.js';
import type { SubscriptionOperation } from '../../generated/models/SubscriptionOperation.js';
import type { ServiceClient } from '../../src/client/client.js';
import { paginate } from '../../src/client/paginator.js';
import { AbortedError, ResponseParseError } from '../../src/core/errors.js';
import { certificateFromPem } from '../../src/client/credentials.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { testPki } from '../support/pki.js';

const NS = 'http://schemas.microsoft.com/windowsazure';
const window = { StartTime: '2015-07-01T00:00:00Z', EndTime: '2015-07-02T00:00:00Z' };
let server: ScriptedServer;
let client: ServiceClient;

before(async () => {
  server = await startScriptedServer();
  const pki = testPki();
  client = createServiceClient({
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    credential: certificateFromPem({ key: pki.client.key, cert: pki.client.cert }),
    endpoint: server.url,
    ca: pki.ca.cert,
  });
});

after(async () => {
  await client.close();
  await server.close();
});

/** A page of the operation log; `ids` undefined leaves the list out altogether. */
function page(ids: string[] | undefined, token?: string): { status: number; body: string } {
  const items = ids?.map((id) => `<SubscriptionOperation><OperationId>${id}</OperationId></SubscriptionOperation>`).join('');
  const list = items === undefined ? '' : `<SubscriptionOperations>${items}</SubscriptionOperations>`;
  const next = token === undefined ? '' : `<ContinuationToken>${token}</ContinuationToken>`;
  return { status: 200, body: `<SubscriptionOperationCollection xmlns="${NS}">${list}${next}</SubscriptionOperationCollection>` };
}

/** The ContinuationToken each of the last `count` requests sent (null: none). */
function sentTokens(count: number): Array<string | null> {
  return server.requests.slice(-count).map((r) => new URL(r.path, 'https://x').searchParams.get('ContinuationToken'));
}

async function ids(items: AsyncIterable<SubscriptionOperation>): Promise<string[]> {
  const seen: string[] = [];
  for await (const item of items) seen.push(item.OperationId!);
  return seen;
}

test('follows the output token page after page, sending it back as the input token', async () => {
  server.queue(page(['a', 'b'], 'page-2'), page(['c'], 'page 3/3'), page(['d']));
  const before = server.requests.length;
  assert.deepEqual(await ids(paginate(client, ListSubscriptionOperationsOperation, window)), ['a', 'b', 'c', 'd']);
  assert.equal(server.requests.length - before, 3);
  assert.deepEqual(sentTokens(3), [null, 'page-2', 'page 3/3']);
});

test('an empty output token ends the walk like a missing one', async () => {
  server.queue(page(['a'], ''));
  const before = server.requests.length;
  assert.deepEqual(await ids(paginate(client, ListSubscriptionOperationsOperation, window)), ['a']);
  assert.equal(server.requests.length - before, 1);
});

test('a page without its list yields nothing and the walk goes on to the next page', async () => {
  server.queue(page(undefined, 'page-2'), page(['b']));
  assert.deepEqual(await ids(paginate(client, ListSubscriptionOperationsOperation, window)), ['b']);
  assert.deepEqual(sentTokens(2), [null, 'page-2']);
});

test('the input token is sent with the first request, so that a walk resumes where it stopped', async () => {
  server.queue(page(['x']));
  assert.deepEqual(await ids(paginate(client, ListSubscriptionOperationsOperation, { ...window, ContinuationToken: 'resume-here' })), ['x']);
  assert.deepEqual(sentTokens(1), ['resume-here']);
});

test('aborting the signal stops the walk at the next page request, which is never sent', async () => {
  server.queue(page(['a', 'b'], 'page-2'));
  const controller = new AbortController();
  const before = server.requests.length;
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const item of paginate(client, ListSubscriptionOperationsOperation, window, { signal: controller.signal })) {
      seen.push(item.OperationId!);
      controller.abort();
    }
  }, (err: unknown) => err instanceof AbortedError && err.operation === 'ListSubscriptionOperations');
  assert.deepEqual(seen, ['a', 'b'], 'the page already read is yielded whole');
  assert.equal(server.requests.length - before, 1);
});

test('an operation whose descriptor has no pagination is refused by name, before anything is sent', async () => {
  const before = server.requests.length;
  await assert.rejects(paginate(client, GetHostedServiceOperation, { ServiceName: 'svc' }).next(), /GetHostedService is not paged/);
  assert.equal(server.requests.length, before);
});

test('a continuation token given again (a page loop, issue #16 second round) ends the walk with a typed error', async () => {
  // Before: a server answering the same token forever kept the walk going forever, yielding the same items.
  for (const loop of [[page(['a'], 'same'), page(['b'], 'same')], [page(['a'], 't1'), page(['b'], 't2'), page(['c'], 't1')]]) {
    server.queue(...loop);
    const before = server.requests.length;
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const item of paginate(client, ListSubscriptionOperationsOperation, window)) seen.push(item.OperationId!);
    }, (err: unknown) => err instanceof ResponseParseError && err.operation === 'ListSubscriptionOperations' && /was given before/.test(err.message));
    assert.deepEqual(seen, ['a', 'b', 'c'].slice(0, loop.length), 'every page up to the loop is yielded');
    assert.equal(server.requests.length - before, loop.length, 'the repeated token is never sent');
  }
});

test('a resumed walk whose first answer points back at its own token is a loop too', async () => {
  server.queue(page(['x'], 'resume-here'));
  await assert.rejects(ids(paginate(client, ListSubscriptionOperationsOperation, { ...window, ContinuationToken: 'resume-here' })), ResponseParseError);
});
