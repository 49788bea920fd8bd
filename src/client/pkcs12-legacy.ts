/**
 * Reads PKCS#12 bundles that OpenSSL 3 refuses without its legacy provider (RC2-40 or 3DES encryption, the defaults
 * of Windows exports and of the certificates inside .publishsettings files). node-forge is loaded only when such a
 * bundle shows up, so that it costs nothing to anyone else.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { CredentialError } from '../core/errors.js';

type Forge = typeof import('node-forge');

let forge: Forge | undefined;

function loadForge(): Forge {
  forge ??= createRequire(import.meta.url)('node-forge') as Forge;
  return forge;
}

interface Bag {
  key?: unknown;
  cert?: unknown;
}

function bagsOf(p12: ReturnType<Forge['pkcs12']['pkcs12FromAsn1']>, type: string): Bag[] {
  return (p12.getBags({ bagType: type })[type] ?? []) as Bag[];
}

/** The private key and the certificate that belongs to it, both as PEM. */
export function decodeLegacyPkcs12(pfx: Buffer, passphrase: string, origin: string): { key: string; cert: string } {
  try {
    return decode(loadForge(), pfx, passphrase, origin);
  } catch (err) {
    if (err instanceof CredentialError) throw err;
    // node-forge reads RSA only; anything else in a legacy bundle ends here.
    throw new CredentialError(`${origin} is not a readable PKCS#12 file (legacy-encrypted bundles must hold an RSA key)`);
  }
}

function decode(f: Forge, pfx: Buffer, passphrase: string, origin: string): { key: string; cert: string } {
  let p12: ReturnType<Forge['pkcs12']['pkcs12FromAsn1']>;
  try {
    p12 = f.pkcs12.pkcs12FromAsn1(f.asn1.fromDer(pfx.toString('binary')), false, passphrase);
  } catch (err) {
    if (/mac could not be verified|invalid password/i.test((err as Error).message)) throw new CredentialError(`wrong passphrase for ${origin}`);
    throw new CredentialError(`${origin} is not a readable PKCS#12 file`);
  }
  const oids = f.pki.oids;
  const keyBag = [...bagsOf(p12, oids['pkcs8ShroudedKeyBag']!), ...bagsOf(p12, oids['keyBag']!)].find((bag) => bag.key);
  if (!keyBag) throw new CredentialError(`${origin} holds no private key`);
  const key = f.pki.privateKeyToPem(keyBag.key as Parameters<Forge['pki']['privateKeyToPem']>[0]);
  const keyObject = createPrivateKey(key);
  // A bundle may carry the issuer chain too: the leaf is the certificate whose public key fits the private key.
  for (const bag of bagsOf(p12, oids['certBag']!)) {
    if (!bag.cert) continue;
    const cert = f.pki.certificateToPem(bag.cert as Parameters<Forge['pki']['certificateToPem']>[0]);
    if (new X509Certificate(cert).checkPrivateKey(keyObject)) return { key, cert };
  }
  throw new CredentialError(`${origin} holds no certificate for its private key`);
}
