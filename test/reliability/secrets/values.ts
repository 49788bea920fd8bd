/**
 * Recognisable secrets, and every form in which one could leak: as given, base64-encoded (how base64 members and
 * Basic credentials travel), percent-encoded, JSON-escaped, and its first characters (V8 quotes ten characters of
 * a malformed JSON text in its SyntaxError messages).
 */

export const SECRETS = {
  adminPassword: 'S1adminpw-7f3a9c-Admin!',
  userPassword: 'S2userpw-2b8e41-User!',
  certificateData: 'S3pfxdata-9d0c77-CertData',
  certificatePassword: 'S4pfxpass-51e6aa-Pfx!',
  sharedKey: 'S5sharedkey-c4f190-Vpn',
  privateConfiguration: 'S6privcfg-0a7d3e-{"k":1}',
  storageKey: 'S7storagekey-e81b5f-Key==',
  proxyUser: 'S8proxyuser-3c9f21',
  proxyPassword: 'S9proxypass-77ad0e!',
  bearerToken: 'S10bearer-f00dfa-Token',
  keyPassphrase: 'S11keypass-6b2c83',
  wrongPassphrase: 'S12wrongpass-94e0d1',
} as const;

export type SecretName = keyof typeof SECRETS;

/** Forms of a secret worth searching for. */
export function formsOf(secret: string): string[] {
  return [
    secret,
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    secret.slice(0, 9),
  ];
}

/** Credentials that travel together are searched for together, as the header carries them. */
const COMBINED = [`${SECRETS.proxyUser}:${SECRETS.proxyPassword}`];

/** Names of the secrets (or combinations) found in `text`, with the form that matched. */
export function leaksIn(text: string, extra: Record<string, string> = {}): string[] {
  const found: string[] = [];
  const all: Array<[string, string]> = [...Object.entries(SECRETS), ...COMBINED.map((c): [string, string] => ['proxyCredentials', c]), ...Object.entries(extra)];
  for (const [name, secret] of all) {
    const form = formsOf(secret).find((f) => f.length >= 6 && text.includes(f));
    if (form !== undefined) found.push(`${name} (as "${form.slice(0, 24)}")`);
  }
  return found;
}

/** A PEM private key's recognisable part: a run of its base64 body. */
export function keyMarker(pem: string): string {
  const body = pem.split('\n').filter((l) => !l.startsWith('-----') && l.trim() !== '');
  return (body[2] ?? body[0] ?? '').slice(8, 48);
}
