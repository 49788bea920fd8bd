/**
 * A minimal reader of DER (and BER's indefinite lengths and constructed octet strings) for PKCS#12 bundles: it
 * finds elements and their contents without decoding anything, so that a bundle's cost can be judged before
 * OpenSSL or node-forge is handed it.
 */

/** Deepest nesting read; a real bundle nests about 12 levels, nested DER included. */
export const MAX_DER_DEPTH = 40;

const OCTET_STRING = 0x04;

export interface Element {
  tag: number;
  /** Where its tag is. */
  at: number;
  /** Start and end of the contents (for an indefinite length, the end excludes the end-of-contents octets). */
  start: number;
  end: number;
  /** Where the next element starts. */
  next: number;
}

export class Malformed extends Error {}

/** The element at `at`, or Malformed. Indefinite lengths (BER) are found by walking their children. */
export function elementAt(der: Buffer, at: number, limit: number, depth: number): Element {
  if (depth > MAX_DER_DEPTH) throw new Malformed('depth');
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
    return { tag, at, start, end: cursor, next: cursor + 2 };
  }
  if (length > 0x80) {
    const octets = length & 0x7f;
    if (octets > 4 || start + octets > limit) throw new Malformed();
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[start + i]!;
    start += octets;
  }
  if (start + length > limit) throw new Malformed();
  return { tag, at, start, end: start + length, next: start + length };
}

export function childrenOf(der: Buffer, element: Element, depth: number): Element[] {
  const children: Element[] = [];
  for (let at = element.start; at < element.end;) {
    const child = elementAt(der, at, element.end, depth);
    children.push(child);
    at = child.next;
  }
  return children;
}

/** An INTEGER's value, as a number (Infinity beyond 2^48: a count that large is refused anyway). */
export function integerValue(der: Buffer, element: Element): number {
  if (element.end - element.start > 6) return Infinity;
  let value = 0;
  for (let i = element.start; i < element.end; i++) value = value * 256 + der[i]!;
  return value;
}

/** The contents of an octet string, primitive or (BER) constructed of primitive pieces. */
export function octets(der: Buffer, element: Element, depth: number): Buffer {
  if (element.tag === OCTET_STRING) return der.subarray(element.start, element.end);
  return Buffer.concat(childrenOf(der, element, depth).map((piece) => octets(der, piece, depth + 1)));
}

