/**
 * Turning a body into the sequence of answers one call receives: for a polled target, an accepted 202 and one
 * InProgress status come first and the body under test is the final status; for the others it is the first
 * answer (and every retry gets it again).
 */
import { httpReply, type Reply, type RawReply } from '../../support/scripted-server.js';
import type { BuiltCase, Expectation } from './case-types.js';
import type { FuzzTarget } from './targets.js';
import { NS } from './valid-bodies.js';

export const XML_TYPE = 'application/xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** A status answer about the polled request: the service's <ID> is the polled id (the poller refuses another). */
function inProgress(polledId: string): string {
  return `<Operation xmlns="${NS}"><ID>${polledId}</ID><Status>InProgress</Status></Operation>`;
}

export function requestIdOf(target: FuzzTarget, id: string): string {
  return target.polled ? `${id}-op` : `${id}-req`;
}

/** The success status of the answer that carries the body under test. */
export function bodyStatus(target: FuzzTarget): number {
  return target.polled ? 200 : target.successStatus;
}

export function accepted(id: string, extraHeaders: Record<string, string> = {}): RawReply {
  return httpReply(202, { 'x-ms-request-id': `${id}-op`, ...extraHeaders });
}

/** The answers of a call whose answer under test is `primary` (`first` replaces the 202 of a polled target). */
export function sequence(target: FuzzTarget, primary: Reply, first?: Reply, polledId = 'unused-op'): (n: number) => Reply {
  if (!target.polled) return () => primary;
  const start = first ?? accepted('unused');
  const progress = httpReply(200, { 'Content-Type': XML_TYPE }, inProgress(polledId));
  return (n) => (n === 0 ? start : n === 1 ? progress : primary);
}

/**
 * A valid body with the case's own id: a status answer names the polled request in <ID> (the poller refuses an
 * answer about another operation), and the generated body carries the placeholder `op` until the id is known.
 */
export function withId(target: FuzzTarget, id: string, body: string): string {
  if (!target.polled) return body;
  return body.replace('<ID>op</ID>', `<ID>${id}-op</ID>`).replace('"ID":"op"', `"ID":"${id}-op"`);
}

/** A well-formed answer carrying `body` with the target's success status. */
export function bodyReply(target: FuzzTarget, id: string, body: string | Buffer, contentType: string | undefined = XML_TYPE): RawReply {
  const headers: Record<string, string> = { 'x-ms-request-id': requestIdOf(target, id) };
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  return httpReply(bodyStatus(target), headers, body);
}

/** Completes a value expectation with what only the built case knows: the request id. */
export function finalize(target: FuzzTarget, id: string, expected: Expectation | undefined): Expectation | undefined {
  if (expected === undefined || 'error' in expected) return expected;
  const value = expected.value as Record<string, unknown>;
  if (target.polled) return { value: { ...value, requestId: requestIdOf(target, id) } };
  if (target.body === undefined) return { value: { ...value, requestId: requestIdOf(target, id) } };
  return expected;
}

/** A case answering `primary` (with the 202 and progress first for a polled target). */
export function simpleCase(target: FuzzTarget, id: string, primary: Reply, expected?: Expectation): BuiltCase {
  const answers = sequence(target, primary, target.polled ? accepted(id) : undefined, `${id}-op`);
  const done = finalize(target, id, expected);
  return { answer: (n) => answers(n), ...(done ? { expected: done } : {}) };
}
