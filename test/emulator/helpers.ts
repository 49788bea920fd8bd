/**
 * Shared test plumbing: the spec folder, one PKI per test process (RSA key generation is the slow part of
 * starting an emulator), and a small HTTPS client over undici that presents a client certificate.
 */
import { join } from 'node:path';
import { Agent, request } from 'undici';
import {
  createCertificateAuthority, createSelfSignedClientCertificate, issueServerCertificate, type CertificateAuthority, type KeyAndCertificate,
} from '../../src/emulator/certs.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/server.js';

/** The repository's spec: ASM_SPEC_DIR, else spec/ under the working directory (tests run from the repo root). */
export const specDir = process.env['ASM_SPEC_DIR'] ?? join(process.cwd(), 'spec');

export const NS = 'http://schemas.microsoft.com/windowsazure';
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

interface TestPki {
  ca: CertificateAuthority;
  client: KeyAndCertificate;
  server: KeyAndCertificate;
}

let pki: TestPki | undefined;

/** A CA, management certificate and server certificate made once per test process. */
export function sharedPki(): TestPki {
  if (pki === undefined) {
    const ca = createCertificateAuthority();
    pki = { ca, client: createSelfSignedClientCertificate('tests'), server: issueServerCertificate(ca) };
  }
  return pki;
}

export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { ca, client, server } = sharedPki();
  return startEmulator({ specDir, ca, clientCert: client, serverCert: server, ...options });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface CallOptions {
  body?: string;
  headers?: Record<string, string>;
  /** x-ms-version to send; null sends none. */
  version?: string | null;
}

export interface TestClient {
  /** A request to `path` under the subscription (`/locations`), or to an absolute path when it starts with `//`. */
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

/** A client of `emulator` presenting `cert` (default: the emulator's management certificate; null: none). */
export function clientFor(emulator: Emulator, cert: KeyAndCertificate | null = emulator.clientCert, subscriptionId = emulator.subscriptionId): TestClient {
  const agent = new Agent({ connect: { ca: emulator.caCert, ...(cert === null ? {} : { cert: cert.cert, key: cert.key }) } });
  return {
    async call(method, path, options = {}) {
      const url = path.startsWith('//') ? `${emulator.url}${path.slice(1)}` : `${emulator.url}/${subscriptionId}${path}`;
      const version = options.version === undefined ? '2014-10-01' : options.version;
      const headers: Record<string, string> = { ...(version === null ? {} : { 'x-ms-version': version }), ...options.headers };
      const response = await request(url, { method: method as 'GET', headers, body: options.body, dispatcher: agent });
      return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
    },
    close: () => agent.close(),
  };
}

/** The <Code> and <Message> of an error body. */
export function errorOf(text: string): { code: string | undefined; message: string | undefined } {
  return {
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  };
}

/** The text of the first <name> element of a body. */
export function elementText(text: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
}

export function createBody(name: string, inner = '<Location>West US</Location>'): string {
  return `<CreateHostedService xmlns="${NS}" xmlns:i="${XSI}"><ServiceName>${name}</ServiceName>`
    + `<Label>${Buffer.from(name).toString('base64')}</Label>${inner}</CreateHostedService>`;
}
