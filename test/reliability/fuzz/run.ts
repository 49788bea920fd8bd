/**
 * Runs fuzz cases against a raw HTTPS server: each case's answers are served to the requests whose path carries
 * its id; the call's ending is classified and checked against what a correct client does; every path the server
 * received is checked to be one the call may reach.
 */
import { serviceShape } from '../../../generated/service.js';
import { ServiceClient } from '../../../src/client/client.js';
import { certificateFromPem } from '../../../src/client/credentials.js';
import { testPki } from '../../support/pki.js';
import { startScriptedServer, httpReply, type ScriptedServer, type SeenRequest } from '../../support/scripted-server.js';
import { label, settle, violation, visibleText } from '../outcome.js';
import type { BuiltCase, CaseSpec } from './case-types.js';
import { fuzzCase } from './cases.js';
import { EXPANSION_MARKER } from './payloads.js';
import { XML_TYPE } from './answers.js';

export const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000f5';
/** A case that has not ended by then hangs: far beyond the client's own timeouts (10 s per attempt, 20 s per wait). */
const CASE_CAP_MS = 45_000;

export interface CaseResult {
  index: number;
  kind: string;
  target: string;
  label: string;
  ms: number;
  messageLength: number;
  problem?: string;
}

interface Active {
  built: BuiltCase;
  served: number;
}

export interface FuzzHarness {
  run(index: number): Promise<CaseResult>;
  /** Requests at paths no case may reach. */
  readonly strayPaths: string[];
  readonly requests: number;
  close(): Promise<void>;
}

/** A path the SDK may send a request to: under the subscription with no dot segment, or a redirect target. */
function intendedPath(path: string): boolean {
  const pathname = path.split('?')[0]!;
  if (/^\/(redirected|loop|moved)\/case\d+$/.test(pathname)) return true;
  const segments = pathname.split('/').slice(1);
  if (segments[0] !== SUBSCRIPTION) return false;
  return segments.every((s) => s !== '' && s !== '.' && s !== '..' && !/^%2e(%2e)?$/i.test(s) && !/^\.%2e$|^%2e\.$/i.test(s));
}

/** timeoutMs: per attempt (the full run's 10 s keeps valid cases clear of starvation; samples use less). */
export async function startFuzzHarness(seed: number, timeoutMs = 10_000): Promise<FuzzHarness> {
  const pki = testPki();
  const server: ScriptedServer = await startScriptedServer({ certificate: pki.server });
  const active = new Map<string, Active>();
  const strayPaths: string[] = [];
  server.handle((request: SeenRequest) => {
    if (!intendedPath(request.path)) strayPaths.push(request.path.slice(0, 200));
    const id = (/case\d+/.exec(request.path) ?? /case\d+/.exec(request.body))?.[0];
    const entry = id === undefined ? undefined : active.get(id);
    if (entry === undefined) return httpReply(404, { 'Content-Type': XML_TYPE }, '<Error><Code>ResourceNotFound</Code><Message>no such case</Message></Error>');
    return entry.built.answer(entry.served++, request);
  });
  const origins = { own: server.url, other: server.url.replace('127.0.0.1', 'localhost') };
  const client = new ServiceClient({
    subscriptionId: SUBSCRIPTION, credential: certificateFromPem(pki.client), endpoint: server.url, ca: pki.ca.cert, proxy: false,
    retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5, maxRedirects: 3 }, // Generous: a valid case must not time out because heavy neighbours hold the event loop (parsing is synchronous).
    timeoutMs: 10_000,
  }, serviceShape);

  async function run(index: number): Promise<CaseResult> {
    const spec: CaseSpec = fuzzCase(seed, index);
    const id = `case${index}`;
    const built = spec.build(id, origins);
    active.set(id, { built, served: 0 });
    const started = performance.now();
    const ending = await settle(() => spec.target.call(client, id, timeoutMs * 2), CASE_CAP_MS);
    const ms = performance.now() - started;
    active.delete(id);
    const text = visibleText(ending);
    const problem = violation(ending, built.expected) ?? (text.includes(EXPANSION_MARKER) ? 'an entity was expanded' : undefined);
    const messageLength = ending.kind === 'error' ? String((ending.error as Error)?.message ?? '').length : 0;
    return { index, kind: spec.kind, target: spec.target.name, label: label(ending), ms, messageLength, ...(problem ? { problem } : {}) };
  }

  return {
    run, strayPaths,
    get requests() { return server.requests.length; },
    close: async () => {
      await client.close();
      await server.close();
      // The server's record of requests is the harness's memory, not the SDK's: drop it before heap figures.
      server.requests.length = 0;
    },
  };
}
