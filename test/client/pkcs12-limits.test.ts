/**
 * A hostile PKCS#12 bundle (issue #16, second round): one that names 2^31 key-derivation iterations made
 * OpenSSL (and node-forge, for legacy bundles) spin synchronously for minutes, blocking the process; one nested
 * thousands deep is no bundle. Both are refused at once with a CredentialError naming the file and the rule, from a
 * buffer, a file or a .publishsettings; real bundles still load.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createPkcs12 } from '../../src/emulator/certs.js';
import { certificateFromPfx } from '../../src/client/credentials.js';
import { fromPublishSettings } from '../../src/client/publish-settings.js';
import { MAX_PKCS12_ITERATIONS } from '../../src/client/pkcs12-limits.js';
import { CredentialError } from '../../src/core/errors.js';
import { legacyPkcs12, opensslPkcs12 } from '../support/legacy-pkcs12.js';
import { deeplyNested, iterationsOf, keyInEncryptedSafe, manyCounts, withIterations } from '../support/pkcs12-rewrite.js';
import { testPki } from '../support/pki.js';

const { client } = testPki();
const pfx = createPkcs12(client.key, client.cert, '');
const legacy = legacyPkcs12(client, '');
const modern = opensslPkcs12(client, '', false);
const dir = mkdtempSync(join(tmpdir(), 'pkcs12-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Refused within `ms` (the unguarded readers took minutes), as a CredentialError matching `pattern`. */
function refusedQuickly(fn: () => unknown, pattern: RegExp, ms = 2_000): void {
  const started = performance.now();
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CredentialError, `expected CredentialError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
  assert.ok(performance.now() - started < ms, `took ${Math.round(performance.now() - started)} ms`);
}

test('real bundles ask for 2,048 iterations and still load', () => {
  assert.deepEqual(iterationsOf(pfx), [2048, 2048]); // the key's PBKDF2 and the MAC
  assert.equal(certificateFromPfx({ pfx }).thumbprint, client.thumbprint);
  if (modern) assert.deepEqual(iterationsOf(modern), [2048, 2048, 2048]); // key, certificates, MAC
  if (legacy) {
    assert.ok(Math.max(...iterationsOf(legacy)) <= MAX_PKCS12_ITERATIONS);
    assert.equal(certificateFromPfx({ pfx: legacy }).thumbprint, client.thumbprint);
  }
});

test('a MAC of 2^31 - 1 iterations is refused at once, naming the file and the rule', { timeout: 30_000 }, () => {
  const hostile = withIterations(pfx, { mac: 2 ** 31 - 1 });
  refusedQuickly(() => certificateFromPfx({ pfx: hostile }), /the PKCS#12 data asks for 2147483647 key-derivation iterations: at most 1000000/);
  const path = join(dir, 'mac.pfx');
  writeFileSync(path, hostile);
  refusedQuickly(() => certificateFromPfx({ pfxFile: path }), new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} asks for 2147483647`));
});

test('a key or certificate encryption of too many iterations is refused, alone or in sum', { timeout: 30_000 }, () => {
  // OpenSSL's own bundle without its MAC: before, 10^7 iterations each for the key and the certificate took 2 s.
  if (modern) refusedQuickly(() => certificateFromPfx({ pfx: withIterations(modern, { others: 50_000_000, dropMac: true }) }), /asks for 50000000 key-derivation iterations/);
  refusedQuickly(() => certificateFromPfx({ pfx: withIterations(pfx, { others: 50_000_000 }) }), /asks for 50000000 key-derivation iterations/);
  // Each part within the cap, but a thousand of them: OpenSSL derives a key for every bag it holds.
  refusedQuickly(() => certificateFromPfx({ pfx: manyCounts(1_000, 900_000) }), /asks for 900000000 key-derivation iterations in all: at most 4000000/);
});

test('a legacy bundle (read by node-forge) with a huge MAC count is refused too', { skip: legacy === undefined && 'no openssl command line', timeout: 30_000 }, () => {
  refusedQuickly(() => certificateFromPfx({ pfx: withIterations(legacy!, { mac: 2 ** 40 }) }), /asks for 1099511627776 key-derivation iterations/);
});

test('a .publishsettings certificate with a huge iteration count is refused, naming the file', { timeout: 30_000 }, () => {
  const certificate = withIterations(pfx, { mac: 2 ** 31 - 1 }).toString('base64');
  const xml = `<PublishData><PublishProfile SchemaVersion="2.0"><Subscription Id="00000000-0000-0000-0000-000000000001" Name="s" ServiceManagementUrl="https://management.core.windows.net" ManagementCertificate="${certificate}"/></PublishProfile></PublishData>`;
  refusedQuickly(() => fromPublishSettings({ xml }), /asks for 2147483647 key-derivation iterations/);
});

test('a bundle nested thousands deep is refused as no PKCS#12 file, not a stack overflow', () => {
  refusedQuickly(() => certificateFromPfx({ pfx: deeplyNested(5_000) }), /the PKCS#12 data nests deeper than 40 levels/);
  refusedQuickly(() => certificateFromPfx({ pfx: Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02]) }), /is not a readable PKCS#12 file/);
});

/** The bundle with its outer SEQUENCE written with an indefinite length (BER), as some exporters write it. */
function indefinite(der: Buffer): Buffer {
  const header = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2;
  return Buffer.concat([Buffer.from([0x30, 0x80]), der.subarray(header), Buffer.from([0, 0])]);
}

test('BER (indefinite lengths) is read too: a real bundle loads, a costly one is refused', () => {
  assert.equal(certificateFromPfx({ pfx: indefinite(pfx) }).thumbprint, client.thumbprint);
  refusedQuickly(() => certificateFromPfx({ pfx: indefinite(withIterations(pfx, { mac: 2 ** 31 - 1 })) }), /asks for 2147483647 key-derivation iterations/);
});

test('a shrouded key inside an encrypted safe is judged too: refused before its derivation runs (third round)', { timeout: 30_000 }, () => {
  const withPassphrase = createPkcs12(client.key, client.cert, 'pw');
  // The same construction with real counts loads: OpenSSL reads the key from the encrypted safe.
  const fine = keyInEncryptedSafe(withPassphrase, 'pw', 2048);
  assert.equal(certificateFromPfx({ pfx: fine, passphrase: 'pw' }).thumbprint, certificateFromPfx({ pfx: withPassphrase, passphrase: 'pw' }).thumbprint);
  // Its count is invisible in the clear (only the safes' and the MAC's 2,048 are there): before, OpenSSL ran 50,000,000.
  const hostile = keyInEncryptedSafe(withPassphrase, 'pw', 50_000_000);
  assert.deepEqual(iterationsOf(hostile), [2048, 2048, 2048]); // the two safes' own and the MAC's
  refusedQuickly(() => certificateFromPfx({ pfx: hostile, passphrase: 'pw' }), /asks for 50000000 key-derivation iterations/);
  // A wrong passphrase decrypts nothing: the reader's own answer, at once.
  refusedQuickly(() => certificateFromPfx({ pfx: hostile, passphrase: 'wrong' }), /wrong passphrase|not a readable/);
});
