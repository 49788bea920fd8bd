/**
 * Hostile PKCS#12 bundles made from a real one: its iteration counts rewritten (no tool writes 2^31 iterations
 * without running them), or its structure nested deeper than any reader expects. DER only, as forge and OpenSSL
 * write it; lengths are recomputed, so the result is a well-formed bundle that merely asks for too much.
 */

import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

interface Node {
  tag: number;
  /** Constructed elements, and octet strings that hold DER. */
  children?: Node[];
  content?: Buffer;
  /** True for an octet string whose content was read as one nested element. */
  wraps?: boolean;
}

function read(der: Buffer, at: number): { node: Node; next: number } {
  const tag = der[at]!;
  let length = der[at + 1]!;
  let start = at + 2;
  if (length > 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[start + i]!;
    start += n;
  }
  const end = start + length;
  const content = der.subarray(start, end);
  if (tag & 0x20) {
    const children: Node[] = [];
    for (let p = start; p < end;) {
      const child = read(der, p);
      children.push(child.node);
      p = child.next;
    }
    return { node: { tag, children }, next: end };
  }
  if (tag === 0x04 && content[0] === 0x30) {
    try {
      const inner = read(content, 0);
      if (inner.next === content.length) return { node: { tag, children: [inner.node], wraps: true }, next: end };
    } catch {
      // Not DER: plain data.
    }
  }
  return { node: { tag, content }, next: end };
}

function lengthOctets(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function encode(node: Node): Buffer {
  const content = node.children ? Buffer.concat(node.children.map(encode)) : node.content!;
  return Buffer.concat([Buffer.from([node.tag]), lengthOctets(content.length), content]);
}

function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
  return Buffer.from(bytes);
}

/** Calls `visit` with each iteration count's node (an INTEGER after an OCTET STRING in a SEQUENCE) and its order. */
function eachCount(node: Node, visit: (count: Node) => void): void {
  node.children?.forEach((child, i) => {
    if (node.tag === 0x30 && child.tag === 0x02 && i > 0 && node.children![i - 1]!.tag === 0x04) visit(child);
    eachCount(child, visit);
  });
}

/**
 * The bundle with its iteration counts set: `mac` for the MacData's (the last), `others` for every other one.
 * `dropMac` leaves the MacData out, as `openssl pkcs12 -nomac` does: readers then decrypt without verifying, so an
 * attacker needs no MAC over the rewritten contents (one with a cheap MAC of its own is the same attack).
 */
export function withIterations(pfx: Buffer, counts: { mac?: number; others?: number; dropMac?: boolean }): Buffer {
  const root = read(pfx, 0).node;
  if (counts.dropMac) root.children = root.children!.slice(0, 2);
  const found: Node[] = [];
  eachCount(root, (count) => found.push(count));
  found.forEach((count, i) => {
    const value = i === found.length - 1 ? counts.mac : counts.others;
    if (value !== undefined) count.content = integer(value);
  });
  return encode(root);
}

/** The iteration counts of a bundle, in document order (the MAC's last). */
export function iterationsOf(pfx: Buffer): number[] {
  const values: number[] = [];
  eachCount(read(pfx, 0).node, (count) => values.push(count.content!.reduce((v, b) => v * 256 + b, 0)));
  return values;
}

/** A DER value nested `depth` SEQUENCEs deep, after a PKCS#12 version, as a bundle's outer shape would be. */
export function deeplyNested(depth: number): Buffer {
  // Headers built from the inside out, joined once (encode() would recurse as deep as the value).
  const headers: Buffer[] = [];
  let length = 2;
  for (let i = 0; i < depth; i++) {
    const header = Buffer.concat([Buffer.from([0x30]), lengthOctets(length)]);
    headers.push(header);
    length += header.length;
  }
  const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x03]), ...headers.reverse(), Buffer.from([0x05, 0x00])]);
  return Buffer.concat([Buffer.from([0x30]), lengthOctets(body.length), body]);
}

/** A SEQUENCE of `n` pbeParams-shaped parts ({salt, iterations}), each asking for `count` iterations. */
export function manyCounts(n: number, count: number): Buffer {
  const part: Node = { tag: 0x30, children: [{ tag: 0x04, content: Buffer.alloc(8, 1) }, { tag: 0x02, content: integer(count) }] };
  return encode({ tag: 0x30, children: [{ tag: 0x02, content: Buffer.from([3]) }, ...Array.from({ length: n }, () => part)] });
}

const oid = (hex: string): Node => ({ tag: 0x06, content: Buffer.from(hex, 'hex') });
const OID_DATA = '2a864886f70d010701';
const OID_ENCRYPTED_DATA = '2a864886f70d010706';

/**
 * The bundle with each of its plain (Data) safes moved into an encrypted one (PBES2: PBKDF2-SHA256, 2,048
 * iterations, AES-256-CBC, as OpenSSL 3 writes), its bags' own counts set to `bagCount` first, and a new valid MAC
 * (HMAC-SHA1, 2,048 iterations: Node refuses a passphrase-protected bundle without one).
 * The shrouded key bag then sits where its count can be read only after decryption: before, OpenSSL decrypted the
 * safe and then ran the key's derivation, however many iterations it named.
 */
export function keyInEncryptedSafe(pfx: Buffer, passphrase: string, bagCount: number): Buffer {
  const root = read(pfx, 0).node;
  const safes = root.children![1]!.children![1]!.children![0]!.children![0]!;
  safes.children = safes.children!.map((info) => {
    if (info.children![0]!.content!.toString('hex') !== OID_DATA) return info;
    const contents = info.children![1]!.children![0]!.children![0]!;
    eachCount(contents, (count) => { count.content = integer(bagCount); });
    const salt = randomBytes(16);
    const iv = randomBytes(16);
    const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, 2048, 32, 'sha256');
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    const sealed = Buffer.concat([cipher.update(encode(contents)), cipher.final()]);
    const algorithm: Node = { tag: 0x30, children: [oid('2a864886f70d01050d'), { tag: 0x30, children: [
      { tag: 0x30, children: [oid('2a864886f70d01050c'), { tag: 0x30, children: [
        { tag: 0x04, content: salt }, { tag: 0x02, content: integer(2048) },
        { tag: 0x30, children: [oid('2a864886f70d0209'), { tag: 0x05, content: Buffer.alloc(0) }] },
      ] }] },
      { tag: 0x30, children: [oid('60864801650304012a'), { tag: 0x04, content: iv }] },
    ] }] };
    const encryptedData: Node = { tag: 0x30, children: [
      { tag: 0x02, content: Buffer.from([0]) },
      { tag: 0x30, children: [oid(OID_DATA), algorithm, { tag: 0x80, content: sealed }] },
    ] };
    return { tag: 0x30, children: [oid(OID_ENCRYPTED_DATA), { tag: 0xa0, children: [encryptedData] }] };
  });
  root.children = [root.children![0]!, root.children![1]!, macData(encode(safes), passphrase)];
  return encode(root);
}

/** A MacData over the authenticated safe: the PKCS#12 key derivation (node-forge's) and HMAC-SHA1. */
function macData(authSafe: Buffer, passphrase: string): Node {
  const forge = createRequire(import.meta.url)('node-forge') as typeof import('node-forge');
  const salt = randomBytes(8);
  const key = Buffer.from(forge.pkcs12.generateKey(passphrase, forge.util.createBuffer(salt.toString('binary')), 3, 2048, 20).getBytes(), 'binary');
  const digest = createHmac('sha1', key).update(authSafe).digest();
  return { tag: 0x30, children: [
    { tag: 0x30, children: [{ tag: 0x30, children: [oid('2b0e03021a'), { tag: 0x05, content: Buffer.alloc(0) }] }, { tag: 0x04, content: digest }] },
    { tag: 0x04, content: salt }, { tag: 0x02, content: integer(2048) },
  ] };
}
