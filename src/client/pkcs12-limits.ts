/**
 * The cost a PKCS#12 bundle may ask for before OpenSSL or node-forge is handed it. A bundle names its own key-
 * derivation iteration counts (the MAC's, and each PBE's), and both readers run them synchronously: a downloaded
 * file saying 2^31 iterations blocks the process for several minutes. Real bundles use 2,000 (Windows) or 2,048
 * (OpenSSL's default) and stay far below the cap. The walk reads the DER (and BER) structure, into the octet strings
 * that hold nested DER (the authenticated safe, the safe contents), without decrypting anything.
 */
import { CredentialError } from '../core/errors.js';
import { elementAt, integerValue, Malformed, MAX_DER_DEPTH, octets, childrenOf, type Element } from './pkcs12-der.js';
import { encryptedSafeContents } from './pkcs12-encrypted.js';

/** The highest iteration count one key derivation may ask for (about 0.2 s of PBKDF2 each). */
export const MAX_PKCS12_ITERATIONS = 1_000_000;
/** The highest sum of the iteration counts of one bundle (its MAC and every encrypted part). */
export const MAX_PKCS12_TOTAL_ITERATIONS = 4_000_000;
/** Deepest nesting read; a real bundle nests about 12 levels, nested DER included. */
export const MAX_PKCS12_DEPTH = MAX_DER_DEPTH;

const SEQUENCE = 0x30;
const OCTET_STRING = 0x04;
const CONSTRUCTED_OCTET_STRING = 0x24;
const INTEGER = 0x02;

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

/** The iteration counts of one DER (or BER) structure, or a CredentialError naming `origin`. */
function countsOf(der: Buffer, origin: string): number[] {
  const counts: number[] = [];
  try {
    iterationCounts(der, elementAt(der, 0, der.length, 0), 0, counts);
  } catch (err) {
    if (err instanceof Malformed && err.message === 'depth') throw new CredentialError(`${origin} nests deeper than ${MAX_PKCS12_DEPTH} levels: not a PKCS#12 file`);
    // What is not DER (or BER) is no bundle; OpenSSL would refuse it too.
    if (err instanceof Malformed) throw new CredentialError(`${origin} is not a readable PKCS#12 file`);
    throw err;
  }
  return counts;
}

/**
 * The counts inside a decrypted safe. A plaintext that is not DER (a wrong passphrase whose padding happened to
 * check) has none: OpenSSL and forge parse a safe whole before deriving any key of its bags, and refuse it.
 */
function countsInside(safe: Buffer, origin: string): number[] {
  try {
    return countsOf(safe, origin);
  } catch (err) {
    if (err instanceof CredentialError && !/nests deeper/.test(err.message)) return [];
    throw err;
  }
}

function judge(counts: readonly number[], origin: string): void {
  const highest = Math.max(0, ...counts);
  if (highest > MAX_PKCS12_ITERATIONS) {
    throw new CredentialError(`${origin} asks for ${Number.isFinite(highest) ? highest : 'more than 2^48'} key-derivation iterations: at most ${MAX_PKCS12_ITERATIONS} are read (real bundles use about 2,000)`);
  }
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total > MAX_PKCS12_TOTAL_ITERATIONS) {
    throw new CredentialError(`${origin} asks for ${total} key-derivation iterations in all: at most ${MAX_PKCS12_TOTAL_ITERATIONS} are read`);
  }
}

/**
 * Refuses, with a CredentialError naming `origin` and the rule, a bundle whose key derivations would cost more than
 * the caps, that nests deeper than any real bundle, or that is not DER at all. The counts in the clear are judged
 * first; with the passphrase, the encrypted safes (whose own derivations were just judged) are then decrypted and
 * the bags inside them judged too, before either reader derives their keys.
 */
export function checkPkcs12Cost(pfx: Buffer, origin: string, passphrase?: string): void {
  const counts = countsOf(pfx, origin);
  judge(counts, origin);
  if (passphrase === undefined) return;
  const inner = encryptedSafeContents(pfx, passphrase).flatMap((safe) => countsInside(safe, origin));
  judge([...counts, ...inner], origin);
}
