/**
 * Single hostile requests and what a safe emulator answers to each: malformed and oversized bodies, invalid
 * UTF-8, elements inside scalar values, expired and not-yet-valid certificates, and path tricks aimed at a
 * subscription the caller's certificate does not belong to.
 */
import type { KeyAndCertificate } from '../../../src/emulator/certs.js';
import type { Peer, RawRequest } from './raw.js';
import type { ChildReady } from './target.js';

export const NS = 'http://schemas.microsoft.com/windowsazure';

export interface Probe {
  name: string;
  /** Who sends it: the registered certificate, none, or another one. */
  as: 'owner' | 'anonymous' | KeyAndCertificate;
  request: Omit<RawRequest, 'limitMs'>;
  /** The statuses that are a safe answer. */
  expect: (status: number | undefined) => boolean;
  /** No cloud service whose name contains this may exist afterwards. */
  mustNotCreate?: string;
}

const MiB = 1024 * 1024;
const refused = (status: number | undefined) => status !== undefined && status >= 400 && status < 500;
const forbidden = (status: number | undefined) => status === 403;

function create(name: string, inner: string): string {
  return `<CreateHostedService xmlns="${NS}"><ServiceName>${name}</ServiceName><Label>${Buffer.from(name).toString('base64')}</Label>`
    + `${inner}<Location>West US</Location></CreateHostedService>`;
}

function post(path: string, body: Buffer | string, headers: Record<string, string> = {}): Omit<RawRequest, 'limitMs'> {
  return { method: 'POST', path, body: Buffer.isBuffer(body) ? body : Buffer.from(body), headers: { 'Content-Type': 'application/xml', ...headers } };
}

export function bodyProbes(target: ChildReady, bigMiB: number): Probe[] {
  const services = `/${target.subscriptionId}/services/hostedservices`;
  const valid = create('utfXbad', '');
  const at = valid.indexOf('utfXbad') + 3;
  const invalidUtf8 = Buffer.concat([Buffer.from(valid.slice(0, at)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(valid.slice(at + 1))]);
  return [
    { name: `a ${bigMiB} MiB XML body`, as: 'owner', request: post(services, create('bigbody', `<Description>${'d'.repeat(bigMiB * MiB)}</Description>`)), expect: refused, mustNotCreate: 'bigbody' },
    { name: 'a declared 1 GiB body, never sent', as: 'owner', request: { method: 'POST', path: services, declaredLength: 1024 * MiB, headers: { 'Content-Type': 'application/xml' } }, expect: (s) => s === 413 },
    { name: 'a 40 MiB chunked body', as: 'owner', request: { method: 'POST', path: services, declaredLength: null, headers: { 'Transfer-Encoding': 'chunked' }, body: chunked(40 * MiB) }, expect: (s) => s === 413 },
    { name: '256 KiB of empty elements', as: 'owner', request: post(services, create('markup', `<Description>x</Description>${'<x/>'.repeat(64 * 1024)}`)), expect: refused, mustNotCreate: 'markup' },
    { name: '64 Ki attributes', as: 'owner', request: post(services, create('attrs', `<Description ${Array.from({ length: 65_536 }, (_, i) => `a${i}="1"`).join(' ')}>x</Description>`)), expect: refused, mustNotCreate: 'attrs' },
    { name: '100,000 nested elements', as: 'owner', request: post(services, create('deep', `${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`)), expect: refused, mustNotCreate: 'deep' },
    // Within the markup budget: nesting that overflowed the readers' recursion, declarations that made it quadratic.
    { name: '9,000 nested elements', as: 'owner', request: post(services, create('nested', `${'<x>'.repeat(9_000)}${'</x>'.repeat(9_000)}`)), expect: refused, mustNotCreate: 'nested' },
    { name: '4,900 nested namespace declarations', as: 'owner', request: post(services, create('nsbomb', `${Array.from({ length: 4_900 }, (_, i) => `<x xmlns:p${i}="urn:${i}">`).join('')}${'</x>'.repeat(4_900)}`)), expect: refused, mustNotCreate: 'nsbomb' },
    { name: 'an element inside a scalar value', as: 'owner', request: post(services, create('ab<x/>cd', '')), expect: refused, mustNotCreate: 'abcd' },
    { name: 'invalid UTF-8 in a value', as: 'owner', request: post(services, invalidUtf8), expect: refused, mustNotCreate: 'utf' },
    { name: 'a body cut short', as: 'owner', request: post(services, create('cut', '').slice(0, 60)), expect: refused, mustNotCreate: 'cut' },
    { name: 'a billion-laughs DOCTYPE', as: 'owner', request: post(services, `<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${create('lol', '<Description>&b;</Description>')}`), expect: refused, mustNotCreate: 'lol' },
    { name: 'JSON nested 100,000 deep', as: 'owner', request: post(services, `${'['.repeat(100_000)}${']'.repeat(100_000)}`, { 'Content-Type': 'application/json' }), expect: refused },
  ];
}

/** A chunked body of `bytes` bytes in 64 KiB chunks, framed as Transfer-Encoding: chunked. */
function chunked(bytes: number): Buffer {
  const block = Buffer.alloc(64 * 1024, 'c');
  const frame = Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')]);
  return Buffer.concat([...Array.from({ length: Math.ceil(bytes / block.length) }, () => frame), Buffer.from('0\r\n\r\n')]);
}

export function certificateProbes(target: ChildReady, expired: KeyAndCertificate, notYetValid: KeyAndCertificate): Probe[] {
  const get = { method: 'GET', path: `/${target.subscriptionId}/services/hostedservices` };
  return [
    { name: 'an expired management certificate (registered)', as: expired, request: get, expect: forbidden },
    { name: 'a not-yet-valid management certificate (registered)', as: notYetValid, request: get, expect: forbidden },
    { name: 'no certificate', as: 'anonymous', request: get, expect: forbidden },
    { name: 'a bearer token with a suffix', as: 'anonymous', request: { ...get, headers: { Authorization: `Bearer ${target.bearer}x` } }, expect: forbidden },
    { name: 'a bearer token then junk', as: 'anonymous', request: { ...get, headers: { Authorization: `Bearer ${target.bearer} junk` } }, expect: forbidden },
    { name: 'a 12 KiB Authorization header', as: 'anonymous', request: { ...get, headers: { Authorization: `Bearer ${'t'.repeat(12 * 1024)}` } }, expect: forbidden },
  ];
}

/** Paths that try to reach the foreign subscription with the owner's certificate: none may answer 2xx. */
export function pathProbes(target: ChildReady): Probe[] {
  const mine = target.subscriptionId;
  const theirs = target.foreignSubscriptionId;
  const tail = 'services/hostedservices';
  const paths = [
    `/${theirs}/${tail}`,
    `/${theirs.toUpperCase()}/${tail}`,
    `/${mine}/../${theirs}/${tail}`,
    `/${mine}/%2e%2e/${theirs}/${tail}`,
    `/${mine}/%2E%2E/${theirs}/${tail}`,
    `/${mine}%2f..%2f${theirs}/${tail}`,
    `/%2e%2e/${theirs}/${tail}`,
    `//${theirs}/${tail}`,
    `/./${theirs}/${tail}`,
    `/subscriptions/../${theirs}/${tail}`,
    `/${encodeURIComponent(theirs).replace(/-/g, '%2D')}/${tail}`,
    `/${theirs}%00/${tail}`,
    `/${theirs}%20/${tail}`,
    `/${mine}/${tail}/..%2f..%2f${theirs}%2f${tail}`,
    `https://127.0.0.1/${theirs}/${tail}`,
    `/${mine}\\..\\${theirs}/${tail}`,
    `/${mine}/services/hostedservices/%zz`,
    `/${'a'.repeat(8_000)}/${tail}`,
  ];
  return paths.map((path) => ({ name: `path ${path.length > 80 ? `${path.slice(0, 40)}…(${path.length} chars)` : path}`, as: 'owner' as const, request: { method: 'GET', path }, expect: (s) => s !== undefined && s >= 400 && s < 500 }));
}

export function peerFor(target: ChildReady, as: Probe['as']): Peer {
  if (as === 'anonymous') return { port: target.port, ca: target.ca };
  if (as === 'owner') return { port: target.port, ca: target.ca, key: target.key, cert: target.cert };
  return { port: target.port, ca: target.ca, key: as.key, cert: as.cert };
}
