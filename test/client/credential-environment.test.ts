import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { certificateFromEnvironment } from '../../src/client/credential-environment.js';
import { CredentialError } from '../../src/core/errors.js';
import { testPki } from '../support/pki.js';

const { client, otherClient } = testPki();
const root = mkdtempSync(join(tmpdir(), 'credential-env-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A folder holding the given files. */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content, { mode: 0o600 });
  return dir;
}

const both = folder('both', {
  'client.key': client.key, 'client.crt': client.cert,
  'other.key': otherClient.key, 'other.crt': otherClient.cert,
  'priv.pem': otherClient.key, 'pub.pem': otherClient.cert,
});

test('CLIENT_AUTH_KEYFILE/CLIENT_AUTH_CERTFILE come first, relative to cwd', () => {
  const env = { CLIENT_AUTH_KEYFILE: 'client.key', CLIENT_AUTH_CERTFILE: join(both, 'client.crt'), AZURE_KEYFILE: 'other.key', AZURE_CERTFILE: 'other.crt' };
  assert.equal(certificateFromEnvironment({ cwd: both, env }).thumbprint, client.thumbprint);
});

test('then AZURE_KEYFILE/AZURE_CERTFILE, before priv.pem/pub.pem', () => {
  const env = { AZURE_KEYFILE: 'client.key', AZURE_CERTFILE: 'client.crt' };
  assert.equal(certificateFromEnvironment({ cwd: both, env }).thumbprint, client.thumbprint);
});

test('then priv.pem and pub.pem in the working directory', () => {
  assert.equal(certificateFromEnvironment({ cwd: both, env: {} }).thumbprint, otherClient.thumbprint);
});

test('a half-set pair is an error naming the missing variable, not a silent fall-through', () => {
  assert.throws(() => certificateFromEnvironment({ cwd: both, env: { CLIENT_AUTH_KEYFILE: 'client.key' } }), (err: unknown) =>
    err instanceof CredentialError && /CLIENT_AUTH_KEYFILE is set but CLIENT_AUTH_CERTFILE is not/.test(err.message));
  assert.throws(() => certificateFromEnvironment({ cwd: both, env: { AZURE_CERTFILE: 'client.crt' } }), /AZURE_CERTFILE is set but AZURE_KEYFILE is not/);
});

test('a variable naming a missing file names the path', () => {
  assert.throws(() => certificateFromEnvironment({ cwd: both, env: { AZURE_KEYFILE: 'gone.key', AZURE_CERTFILE: 'client.crt' } }),
    new RegExp(`the key file ${join(both, 'gone.key').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist`));
});

test('priv.pem without pub.pem, and nothing at all, say what is missing', () => {
  const onlyKey = folder('only-key', { 'priv.pem': client.key });
  assert.throws(() => certificateFromEnvironment({ cwd: onlyKey, env: {} }), /priv\.pem but not .*pub\.pem/);
  const empty = folder('empty', {});
  assert.throws(() => certificateFromEnvironment({ cwd: empty, env: {} }), (err: unknown) =>
    err instanceof CredentialError && err.message.includes('CLIENT_AUTH_KEYFILE') && err.message.includes('AZURE_KEYFILE') && err.message.includes(empty));
});
