/**
 * The plaintext of a PKCS#12 bundle's encrypted safes (EncryptedData content infos, where Windows and OpenSSL put
 * the certificates), so that the iteration counts of the bags inside — a shrouded key bag, say — are judged
 * before OpenSSL or node-forge derives their keys. Each safe's own key derivation was judged first (its count is
 * outside, in the clear), so decrypting here costs no more than the readers would spend anyway. PBES2 (PBKDF2 with
 * AES or 3DES, OpenSSL 3's default) is decrypted with node:crypto; the legacy PKCS#12 PBEs (SHA-1 with 3DES or
 * RC2, Windows and old .publishsettings) with node-forge, loaded only for them. A safe that does not decrypt
 * (a wrong passphrase) yields nothing: the readers then refuse the bundle themselves, before reaching inside.
 */
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { createRequire } from 'node:module';
import { childrenOf, elementAt, integerValue, octets, type Element } from './pkcs12-der.js';

const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const DATA = '1.2.840.113549.1.7.1';
const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const PKCS12_PBE = '1.2.840.113549.1.12.1.';
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};
const PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1', '1.2.840.113549.2.9': 'sha256', '1.2.840.113549.2.10': 'sha384', '1.2.840.113549.2.11': 'sha512',
};

function oidOf(der: Buffer, element: Element): string {
  const bytes = der.subarray(element.start, element.end);
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

function children(der: Buffer, element: Element | undefined): Element[] {
  return element !== undefined && (element.tag & 0x20) !== 0 ? childrenOf(der, element, 0) : [];
}

/** PBES2: PBKDF2 (its PRF, salt and count) then the named CBC cipher. */
function decryptPbes2(der: Buffer, params: Element, data: Buffer, passphrase: string): Buffer | undefined {
  const [kdf, scheme] = children(der, params);
  const [kdfOid, kdfParams] = children(der, kdf);
  const [schemeOid, iv] = children(der, scheme);
  if (kdfOid === undefined || schemeOid === undefined || iv === undefined || oidOf(der, kdfOid) !== PBKDF2) return undefined;
  const cipher = CIPHERS[oidOf(der, schemeOid)];
  const [salt, count, ...rest] = children(der, kdfParams);
  if (cipher === undefined || salt === undefined || count === undefined) return undefined;
  const prfOid = rest.map((e) => children(der, e)[0]).find((e) => e !== undefined);
  const digest = prfOid === undefined ? 'sha1' : PRFS[oidOf(der, prfOid)];
  if (digest === undefined) return undefined;
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), octets(der, salt, 0), integerValue(der, count), cipher.keyLength, digest);
  const decipher = createDecipheriv(cipher.name, key, octets(der, iv, 0));
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

type Forge = typeof import('node-forge');
type ForgeAsn1 = ReturnType<Forge['asn1']['fromDer']>;
/** forge.pki.pbe, which node-forge's types leave out. */
interface ForgePbe {
  getCipher(oid: string, params: ForgeAsn1, password: string): { update(data: unknown): void; finish(): boolean; output: { getBytes(): string } };
}

/** The legacy PKCS#12 PBEs, through node-forge (its PKCS#12 key derivation and RC2). */
function decryptLegacy(oid: string, der: Buffer, algorithm: Element, data: Buffer, passphrase: string): Buffer | undefined {
  const forge = createRequire(import.meta.url)('node-forge') as Forge;
  const parsed = forge.asn1.fromDer(der.subarray(algorithm.at, algorithm.end).toString('binary'));
  const params = (parsed.value as ForgeAsn1[])[1];
  if (params === undefined) return undefined;
  const cipher = (forge.pki as unknown as { pbe: ForgePbe }).pbe.getCipher(oid, params, passphrase);
  cipher.update(forge.util.createBuffer(data.toString('binary')));
  if (!cipher.finish()) return undefined;
  return Buffer.from(cipher.output.getBytes(), 'binary');
}

/** One EncryptedData content info's plaintext, or undefined when it does not decrypt. */
function decryptSafe(der: Buffer, encryptedData: Element, passphrase: string): Buffer | undefined {
  const [, info] = children(der, encryptedData);
  const [, algorithm, content] = children(der, info);
  if (algorithm === undefined || content === undefined) return undefined;
  const [oidElement, params] = children(der, algorithm);
  if (oidElement === undefined || params === undefined) return undefined;
  const oid = oidOf(der, oidElement);
  // [0] IMPLICIT OCTET STRING: primitive (DER) or constructed of octet strings (BER).
  const data = (content.tag & 0x20) === 0 ? der.subarray(content.start, content.end) : octets(der, { ...content, tag: 0x24 }, 0);
  try {
    if (oid === PBES2) return decryptPbes2(der, params, data, passphrase);
    if (oid.startsWith(PKCS12_PBE)) return decryptLegacy(oid, der, algorithm, data, passphrase);
  } catch {
    // A wrong passphrase (bad padding) or an unknown cipher: the readers refuse it themselves.
  }
  return undefined;
}

/** The decrypted SafeContents of every encrypted safe of the bundle (already checked to be DER by the cost walk). */
export function encryptedSafeContents(pfx: Buffer, passphrase: string): Buffer[] {
  const [, authSafe] = children(pfx, elementAt(pfx, 0, pfx.length, 0));
  const [type, explicit] = children(pfx, authSafe);
  if (type === undefined || oidOf(pfx, type) !== DATA) return [];
  const [wrapped] = children(pfx, explicit);
  if (wrapped === undefined) return [];
  const safes = octets(pfx, wrapped, 0);
  const plaintexts: Buffer[] = [];
  for (const info of children(safes, elementAt(safes, 0, safes.length, 0))) {
    const [infoType, body] = children(safes, info);
    if (infoType === undefined || oidOf(safes, infoType) !== ENCRYPTED_DATA) continue;
    const [encryptedData] = children(safes, body);
    const plaintext = encryptedData === undefined ? undefined : decryptSafe(safes, encryptedData, passphrase);
    if (plaintext !== undefined) plaintexts.push(plaintext);
  }
  return plaintexts;
}
