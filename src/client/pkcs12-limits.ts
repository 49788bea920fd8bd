/**
 * The cost a PKCS#12 bundle may ask for before OpenSSL or node-forge is handed it. A bundle names its own key-
 * derivation iteration counts (the MAC's, and each PBE's), and both readers run them synchronously: a downloaded
 * file saying 2^31 iterations blocks the process for several minutes. Real bundles use 2,000 (Windows) or 2,048
 * (OpenSSL's default) and stay far below the cap. The walk reads the DER (and BER) structure, into the octet strings
 * that hold nested DER (the authenticated safe, the safe contents), without decrypting anything.
 */
import { CredentialError } from '../core/errors.js';

/** The highest iteration count one key derivation may ask for (about 0.2 s of PBKDF2 each). */
export const MAX_PKCS12_ITERATIONS = 1_000_000;
/** The highest sum of the iteration counts of one bundle (its MAC and every encrypted part). */
export const MAX_PKCS12_TOTAL_ITERATIONS = 4_000_000;
/** Deepest nesting read; a real bundle nests about 12 levels, nested DER included. */
export const MAX_PKCS12_DEPTH = 40;

const SEQUENCE = 0x30;
const OCTET_STRING = 0x04;
const CONSTRUCTED_OCTET_STRING = 0x24;
const INTEGER = 0x02;

interface Element {
  tag: number;
  /** Start and end of the contents (for an indefinite length, the end excludes the end-of-contents octets). */
  start: number;
  end: number;
  /** Where the next element starts. */
  next: number;
}

class Malformed extends Error {}

/** The element at `at`, or Malformed. Indefinite lengths (BER) are found by walking their children. */
function elementAt(der: Buffer, at: number, limit: number, depth: number): Element {
  if (depth > MAX_PKCS12_DEPTH) throw new Malformed('depth');
  if (at + 2 > limit) throw new Malformed();
  const tag = der[at]!;
  if ((tag & 0x1f) === 0x1f) throw new Malformed(); // High tag numbers: PKCS#12 has none.
  let length = der[at + 1]!;
  let start = at + 2;
  if (length === 0x80) {
    if ((tag & 0x20) === 0) throw new Malformed();
    let cursor = start;
    while (!(der[cursor] === 0 && der[cursor + 1] === 0)) cursor = elementAt(der, cursor, limit, depth + 1).next;
    if (cursor + 2 > limit) throw new Malformed();
    return { tag, start, end: cursor, next: cursor + 2 };
  }
  if (length > 0x80) {
    const octets = length & 0x7f;
    if (octets > 4 || start + octets > limit) throw new Malformed();
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[start + i]!;
    start += octets;
  }
  if (start + length > limit) throw new Malformed();
  return { tag, start, end: start + length, next: start + length };
}

function childrenOf(der: Buffer, element: Element, depth: number): Element[] {
  const children: Element[] = [];
  for (let at = element.start; at < element.end;) {
    const child = elementAt(der, at, element.end, depth);
    children.push(child);
    at = child.next;
  }
  return children;
}

/** An INTEGER's value, as a number (Infinity beyond 2^48: a count that large is refused anyway). */
function integerValue(der: Buffer, element: Element): number {
  if (element.end - element.start > 6) return Infinity;
  let value = 0;
  for (let i = element.start; i < element.end; i++) value = value * 256 + der[i]!;
  return value;
}

/** The contents of an octet string, primitive or (BER) constructed of primitive pieces. */
function octets(der: Buffer, element: Element, depth: number): Buffer {
  if (element.tag === OCTET_STRING) return der.subarray(element.start, element.end);
  return Buffer.concat(childrenOf(der, element, depth).map((piece) => octets(der, piece, depth + 1)));
}

/**
 * Every iteration count of the bundle: in PKCS#12 each one (MacData, pbeParams, PBKDF2-params) is the INTEGER that
 * follows the salt's OCTET STRING in a SEQUENCE.
 */
function iterationCounts(der: Buffer, element: Element, depth: number, counts: number[]): void {
  if (depth > MAX_PKCS12_DEPTH) throw new Malformed('depth');
  if (element.tag === OCTET_STRING || element.tag === CONSTRUCTED_OCTET_STRING) {
    const inner = octets(der, element, depth);
    // Nested DER (the authenticated safe, a safe's contents) is read on; anything else is data (salts, ciphertext).
    if (inner[0] !== SEQUENCE) return;
    let nested: Element;
    try {
      nested = elementAt(inner, 0, inner.length, depth + 1);
    } catch {
      return;
    }
    if (nested.next === inner.length) iterationCounts(inner, nested, depth + 1, counts);
    return;
  }
  if ((element.tag & 0x20) === 0) return;
  const children = childrenOf(der, element, depth);
  children.forEach((child, i) => {
    if (element.tag === SEQUENCE && child.tag === INTEGER && i > 0 && children[i - 1]!.tag === OCTET_STRING) counts.push(integerValue(der, child));
    iterationCounts(der, child, depth + 1, counts);
  });
}

/**
 * Refuses, with a CredentialError naming `origin` and the rule, a bundle whose key derivations would cost more than
 * the caps, that nests deeper than any real bundle, or that is not DER at all.
 */
export function checkPkcs12Cost(pfx: Buffer, origin: string): void {
  const counts: number[] = [];
  try {
    iterationCounts(pfx, elementAt(pfx, 0, pfx.length, 0), 0, counts);
  } catch (err) {
    if (err instanceof Malformed && err.message === 'depth') throw new CredentialError(`${origin} nests deeper than ${MAX_PKCS12_DEPTH} levels: not a PKCS#12 file`);
    // What is not DER (or BER) is no bundle; OpenSSL would refuse it too.
    if (err instanceof Malformed) throw new CredentialError(`${origin} is not a readable PKCS#12 file`);
    throw err;
  }
  const highest = Math.max(0, ...counts);
  if (highest > MAX_PKCS12_ITERATIONS) {
    throw new CredentialError(`${origin} asks for ${Number.isFinite(highest) ? highest : 'more than 2^48'} key-derivation iterations: at most ${MAX_PKCS12_ITERATIONS} are read (real bundles use about 2,000)`);
  }
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total > MAX_PKCS12_TOTAL_ITERATIONS) {
    throw new CredentialError(`${origin} asks for ${total} key-derivation iterations in all: at most ${MAX_PKCS12_TOTAL_ITERATIONS} are read`);
  }
}
