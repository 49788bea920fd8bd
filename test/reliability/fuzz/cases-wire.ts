/**
 * Fuzz cases that attack the framing rather than the body: odd or missing headers and status lines, informational
 * answers, every status code, redirects (valid, insecure, malformed, looping), Retry-After values, and broken
 * connections (reset, closed, silent, cut short, dripping slower than the timeout).
 */
import fc from 'fast-check';
import { httpReply, type Reply, type RawReply } from '../../support/scripted-server.js';
import { XML_TYPE, accepted, bodyReply, bodyStatus, finalize, requestIdOf, sequence, simpleCase } from './answers.js';
import type { BuiltCase, CaseSpec, Origins } from './case-types.js';
import { HOSTILE_REQUEST_IDS } from './payloads.js';
import type { FuzzTarget } from './targets.js';
import { NS, validBody } from './valid-bodies.js';

type WireCase = (target: FuzzTarget) => fc.Arbitrary<CaseSpec>;

function raw(head: string, body = '', then: RawReply['then'] = 'keep'): RawReply {
  return { head, body: Buffer.from(body, 'utf8'), then };
}

/** The valid answer's bytes with its status line and headers rewritten by `variant`. */
function reframed(variant: number, status: number, requestId: string, body: string): { reply: Reply; keepsValue: boolean } {
  const length = Buffer.byteLength(body);
  const common = `Content-Type: ${XML_TYPE}\r\nx-ms-request-id: ${requestId}\r\n`;
  const chunked = `${length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
  switch (variant % 14) {
    case 0: return { reply: raw(`HTTP/1.1 ${status} OK\r\n${common}Connection: close\r\n\r\n`, body, 'close'), keepsValue: true };
    case 1: return { reply: raw(`HTTP/1.1 ${status} OK\r\n${common}Content-Length: ${length}\r\nContent-Length: ${length + 5}\r\n\r\n`, body, 'close'), keepsValue: false };
    case 2: return { reply: raw(`HTTP/1.1 ${status} OK\r\n${common}Content-Length: abc\r\n\r\n`, body, 'close'), keepsValue: false };
    case 3: return { reply: raw(`HTTP/1.1 ${status} OK\r\n${common}Transfer-Encoding: chunked\r\n\r\n`, `zz\r\n${body}\r\n`, 'close'), keepsValue: false };
    case 4: return { reply: raw(`HTTP/1.1 ${status} OK\r\n${common}Transfer-Encoding: chunked\r\n\r\n`, chunked), keepsValue: true };
    case 5: return { reply: raw(`HTTP/1.1 ${status} OK\r\n${common}X-Big: ${'b'.repeat(70_000)}\r\nContent-Length: ${length}\r\n\r\n`, body, 'close'), keepsValue: false };
    case 6: return { reply: raw(`HTTP/1.1 ${status}\r\n${common}Content-Length: ${length}\r\n\r\n`, body), keepsValue: true };
    case 7: return { reply: raw(`HTTP/1.0 ${status} OK\r\n${common}Content-Length: ${length}\r\n\r\n`, body, 'close'), keepsValue: false };
    case 8: return { reply: raw(`HTTP/2 ${status} OK\r\n${common}Content-Length: ${length}\r\n\r\n`, body, 'close'), keepsValue: false };
    case 9: return { reply: raw(`HTTP/1.1 ${status}0 OK\r\n${common}Content-Length: ${length}\r\n\r\n`, body, 'close'), keepsValue: false };
    case 10: return { reply: raw(`\u0000\u00ff garbage\r\n\r\n`, body, 'close'), keepsValue: false };
    case 11: return { reply: raw(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 ${status} OK\r\n${common}Content-Length: ${length}\r\n\r\n`, body), keepsValue: false };
    case 12: return { reply: raw(`HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 ${status} OK\r\n${common}Content-Length: ${length}\r\n\r\n`, body), keepsValue: false };
    default: return { reply: raw(`HTTP/1.1 ${status} OK\r\n${common}Bad Header Name: x\r\nContent-Length: ${length}\r\n\r\n`, body, 'close'), keepsValue: false };
  }
}

const headers: WireCase = (target) => fc.record({ valid: validBody(target), variant: fc.nat(13) }).map(({ valid, variant }) => ({
  kind: 'headers', target,
  build: (id) => {
    const { reply, keepsValue } = reframed(variant, bodyStatus(target), requestIdOf(target, id), valid.xml);
    return simpleCase(target, id, reply, keepsValue ? valid.expected : undefined);
  },
}));

/** The 202 of an asynchronous request: no request id, a hostile one, or a synchronous 200 instead. */
const acceptedHeaders: WireCase = (target) => fc.record({ variant: fc.nat(HOSTILE_REQUEST_IDS.length + 1), bare: fc.boolean() })
  .map(({ variant, bare }) => ({
    kind: 'accepted-headers', target,
    build: (id): BuiltCase => {
      if (variant === 0) return { answer: () => httpReply(202, {}), expected: { error: 'ResponseParseError' } };
      if (variant === 1) {
        return { answer: () => httpReply(200, { 'x-ms-request-id': `${id}-op` }), expected: finalize(target, id, { value: { operation: 'DeleteHostedService', status: 'Succeeded', httpStatusCode: 200 } })! };
      }
      const hostile = HOSTILE_REQUEST_IDS[variant - 2]!;
      // A bare id cannot carry the case's name: its status polls are not answered (404), which is fine.
      return { answer: sequence(target, httpReply(200, { 'Content-Type': XML_TYPE }, `<Operation xmlns="${NS}"><Status>Succeeded</Status></Operation>`), accepted(id, { 'x-ms-request-id': bare ? hostile : `${id}-op${hostile}` })) };
    },
  }));

const RETRY_AFTER = ['0', '-1', '1e10', '99999999999999999999', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Fri, 31 Dec 9999 23:59:59 GMT', '   ', 'soon'];

function errorBody(variant: number, code: string): string {
  switch (variant % 5) {
    case 0: return `<Error xmlns="${NS}"><Code>${code}</Code><Message>m</Message></Error>`;
    case 1: return '';
    case 2: return `<!DOCTYPE Error [<!ENTITY a "x">]><Error xmlns="${NS}"><Code>&a;</Code></Error>`;
    case 3: return '{"Code":"X","Message":"json"}';
    default: return '<html><body>Bad Gateway</body></html>';
  }
}

const statuses: WireCase = (target) => fc.record({
  status: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.constantFrom(204, 304, 400, 401, 403, 404, 409, 429, 500, 503)),
  body: fc.nat(4), retryAfter: fc.option(fc.constantFrom(...RETRY_AFTER)),
}).map(({ status, body, retryAfter }) => ({
  kind: 'status-codes', target,
  build: (id) => {
    const head: Record<string, string> = { 'Content-Type': XML_TYPE, 'x-ms-request-id': `${id}-s` };
    if (retryAfter !== null) head['Retry-After'] = retryAfter;
    // 101 would switch protocols and 1xx are not final: answer those as the raw status line alone.
    const reply = status < 200 ? raw(`HTTP/1.1 ${status} Info\r\n\r\n`, '', 'close') : httpReply(status, head, errorBody(body, `C${status}`));
    return simpleCase(target, id, reply);
  },
}));

const LOCATIONS = ['https://exa mple.com/', 'https://[::1', 'http://%zz/', 'https://127.0.0.1:99999/', '\u0000', 'javascript:alert(1)', 'https://user:pw@127.0.0.1:1/'];

function redirectCase(target: FuzzTarget, id: string, origins: Origins, variant: number, valid: { xml: string; expected: BuiltCase['expected'] }): BuiltCase {
  const valueAnswer = bodyReply(target, id, valid.xml);
  const to = (location: string, status = 307) => httpReply(status, { Location: location, 'x-ms-request-id': `${id}-r` });
  const twice = (first: Reply): BuiltCase => {
    const rest = sequence(target, valueAnswer, target.polled ? accepted(id) : undefined, `${id}-op`);
    return { answer: (n) => (n === 0 ? first : rest(n - 1)) };
  };
  switch (variant % 8) {
    case 0: return { ...twice(to(`${origins.own}/redirected/${id}`)), ...withExpected(target, id, valid.expected) };
    case 1: return { ...twice(to(`${origins.other}/redirected/${id}`)), ...withExpected(target, id, valid.expected) };
    case 2: return { ...twice(to(`${origins.own}/redirected/${id}`, 308)), ...withExpected(target, id, valid.expected) };
    case 3: return { answer: () => to(origins.own.replace('https:', 'http:') + `/insecure/${id}`), expected: { error: 'ServiceError' } };
    case 4: return { answer: () => to(`${origins.own}/loop/${id}`), expected: { error: '*' } };
    case 5: return { answer: () => httpReply(307, {}), expected: { error: '*' } };
    case 6: return { answer: () => to(`${origins.own}/moved/${id}`, 301 + (id.length % 3)), expected: { error: '*' } };
    default: return { answer: () => to(LOCATIONS[id.length % LOCATIONS.length]!), expected: { error: '*' } };
  }
}

function withExpected(target: FuzzTarget, id: string, expected: BuiltCase['expected']): Pick<BuiltCase, 'expected'> {
  const done = finalize(target, id, expected);
  return done ? { expected: done } : {};
}

const redirects: WireCase = (target) => fc.record({ valid: validBody(target), variant: fc.nat(7) }).map(({ valid, variant }) => ({
  kind: 'redirects', target, build: (id, origins) => redirectCase(target, id, origins, variant, valid),
}));

const transport: WireCase = (target) => fc.record({ valid: validBody(target), variant: fc.nat(6) }).map(({ valid, variant }) => ({
  kind: 'transport', target,
  build: (id): BuiltCase => {
    const good = bodyReply(target, id, valid.xml);
    const body = good.body as Buffer;
    switch (variant) {
      case 0: return simpleCase(target, id, { reset: true }, { error: 'NetworkError' });
      case 1: return simpleCase(target, id, raw('', '', 'close'), { error: 'NetworkError' });
      case 2: return simpleCase(target, id, { hang: true }, { error: 'TimeoutError' });
      // The head promises a body that never comes.
      case 3: return simpleCase(target, id, { head: good.head, body: Buffer.alloc(0) }, body.length > 0 ? { error: 'TimeoutError' } : undefined);
      case 4: return simpleCase(target, id, { head: (good.head as string).replace(/Content-Length: \d+/, `Content-Length: ${body.length + 1000}`), body, then: 'close' }, { error: 'NetworkError' });
      case 5: return simpleCase(target, id, { ...good, pieces: Array.from({ length: 8 }, () => Math.ceil(body.length / 8)), pauseMs: 30 }, valid.expected);
      default: return simpleCase(target, id, { ...good, pieces: Array.from({ length: 20 }, () => 1), pauseMs: 600 }, body.length > 20 ? { error: 'TimeoutError' } : undefined);
    }
  },
}));

export const WIRE_CASES: ReadonlyArray<{ weight: number; make: WireCase; polledOnly?: boolean }> = [
  { weight: 8, make: headers }, { weight: 3, make: acceptedHeaders, polledOnly: true }, { weight: 8, make: statuses },
  { weight: 4, make: redirects }, { weight: 3, make: transport },
];
