/**
 * The paths a secret travels when things go wrong: validation errors, service errors (with and without an ASM
 * body, echoing the request or not), malformed answers that carry secrets, network failures, retries, proxy
 * failures, rejected tokens, credential errors — each run with debug logging on, each yielding the surfaces a
 * caller or a log sink would see.
 */
import { serviceShape } from '../../../generated/service.js';
import { AddHostedServiceExtensionOperation } from '../../../generated/operations/AddHostedServiceExtension.js';
import { AddRoleOperation } from '../../../generated/operations/AddRole.js';
import { AddServiceCertificateOperation } from '../../../generated/operations/AddServiceCertificate.js';
import { GetStorageAccountKeysOperation } from '../../../generated/operations/GetStorageAccountKeys.js';
import { SetGatewaySharedKeyOperation } from '../../../generated/operations/SetGatewaySharedKey.js';
import { ServiceClient, type ClientOptions } from '../../../src/client/client.js';
import { invoke } from '../../../src/client/invoke.js';
import type { Credential } from '../../../src/client/credentials.js';
import type { OperationDescriptor } from '../../../src/core/shapes.js';
import { httpReply, type ScriptedServer, type SeenRequest, type Reply } from '../../support/scripted-server.js';
import { callSurfaces, type Surfaces } from './surfaces.js';
import { SECRETS } from './values.js';

export interface World {
  server: ScriptedServer;
  ca: string;
  /** A certificate credential whose key came encrypted under a secret passphrase. */
  certificate: Credential;
  token: Credential;
  /** A CONNECT proxy accepting SECRETS.proxyUser / proxyPassword, one demanding other credentials, a closed port. */
  proxyAccepting: string;
  proxyRefusing: string;
  closedPort: number;
}

export interface Exposure {
  scenario: string;
  surfaces: Surfaces;
}

const NS = 'http://schemas.microsoft.com/windowsazure';
const XML = { 'Content-Type': 'application/xml; charset=utf-8', 'x-ms-request-id': 'secret-req' };

/** Calls that carry every kind of request secret. */
export const SECRET_CALLS: ReadonlyArray<[OperationDescriptor, Record<string, unknown>]> = [
  [AddRoleOperation, {
    ServiceName: 's', DeploymentName: 'd', RoleName: 'vm1', RoleSize: 'Small', ConfigurationSets: [
      { ConfigurationSetType: 'WindowsProvisioningConfiguration', ComputerName: 'vm1', AdminUsername: 'azureuser', AdminPassword: SECRETS.adminPassword },
      { ConfigurationSetType: 'LinuxProvisioningConfiguration', HostName: 'h', UserName: 'u', UserPassword: SECRETS.userPassword },
    ],
  }],
  [AddServiceCertificateOperation, { ServiceName: 's', Data: SECRETS.certificateData, CertificateFormat: 'pfx', Password: SECRETS.certificatePassword }],
  [SetGatewaySharedKeyOperation, { NetworkName: 'n', LocalNetworkName: 'l', Value: SECRETS.sharedKey }],
  [AddHostedServiceExtensionOperation, { ServiceName: 's', ProviderNameSpace: 'p', Type: 't', Id: 'i', PrivateConfiguration: SECRETS.privateConfiguration }],
];

const KEYS_XML = `<StorageService xmlns="${NS}"><Url>u</Url><StorageServiceKeys><Primary>${SECRETS.storageKey}</Primary><Secondary>${SECRETS.storageKey}</Secondary></StorageServiceKeys></StorageService>`;
const KEYS_JSON = JSON.stringify({ Url: 'u', StorageServiceKeys: { Primary: Buffer.from(SECRETS.storageKey).toString('base64') } });

type Logged = (entry: object) => void;

function client(world: World, log: Logged, extra: Partial<ClientOptions> = {}): ServiceClient {
  return new ServiceClient({
    subscriptionId: 'secrets', credential: world.certificate, endpoint: world.server.url, ca: world.ca, proxy: false,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000, logger: log, ...extra,
  }, serviceShape);
}

async function each(world: World, log: Logged, name: string, answer: (r: SeenRequest) => Reply, extra: Partial<ClientOptions> = {}): Promise<Exposure[]> {
  world.server.handle(answer);
  const c = client(world, log, extra);
  try {
    const out: Exposure[] = [];
    for (const [op, input] of SECRET_CALLS) out.push({ scenario: `${name}: ${op.name}`, surfaces: await callSurfaces(() => invoke(c, op, input)) });
    return out;
  } finally {
    await c.close();
  }
}

async function storageKeys(world: World, log: Logged, name: string, answers: Reply[]): Promise<Exposure[]> {
  let n = 0;
  world.server.handle(() => answers[Math.min(n++, answers.length - 1)]!);
  const c = client(world, log);
  try {
    return [{ scenario: name, surfaces: await callSurfaces(() => invoke(c, GetStorageAccountKeysOperation, { ServiceName: 'acct' })) }];
  } finally {
    await c.close();
  }
}

/** Storage keys a regular expression over the text would miss: markup and escapes a reader resolves (issue #16). */
const HIDDEN_KEYS: ReadonlyArray<[string, Reply]> = [
  ['CDATA', httpReply(200, XML, `<StorageService xmlns="${NS}"><StorageServiceKeys><Primary><![CDATA[${SECRETS.storageKey}]]></Primary><Secondary><![CDATA[${SECRETS.storageKey}`)],
  ['comment first', httpReply(200, XML, `<StorageService xmlns="${NS}"><StorageServiceKeys><Primary><!---->${SECRETS.storageKey}</Primary><Secondary><!-- x -->${SECRETS.storageKey}`)],
  ['hyphenated prefix', httpReply(200, XML, `<a-b:StorageService xmlns:a-b="${NS}"><a-b:StorageServiceKeys><a-b:Primary>${SECRETS.storageKey}</a-b:Primary><a-b:Secondary>${SECRETS.storageKey}`)],
  ['escaped JSON name', httpReply(200, { 'Content-Type': 'application/json' }, `{"StorageServiceKeys":{"Prim\\u0061ry":"${SECRETS.storageKey}","\\u0053econdary":"${SECRETS.storageKey}`)],
  ['error body with CDATA', httpReply(500, { 'Content-Type': 'text/html' }, `<html><Primary><![CDATA[${SECRETS.storageKey}]]></Primary></html>`)],
];

/** The bodies that reached another origin than the endpoint's (the scripted server answers as localhost too). */
function foreignBodies(world: World, from: number): string {
  return world.server.requests.slice(from).filter((r) => (r.headers['host'] ?? '').startsWith('localhost')).map((r) => r.body).join('\n');
}

function otherOrigin(world: World): string {
  return world.server.url.replace('127.0.0.1', 'localhost');
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type Scenario = (world: World, log: Logged) => Promise<Exposure[]>;

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'accepted, debug logging': (w, log) => each(w, log, 'accepted', () => httpReply(202, XML)),
  'validation error (unknown field)': async (w, log) => {
    const c = client(w, log);
    const out: Exposure[] = [];
    for (const [op, input] of SECRET_CALLS) out.push({ scenario: `validation: ${op.name}`, surfaces: await callSurfaces(() => invoke(c, op, { ...input, Bogus: SECRETS.adminPassword })) });
    await c.close();
    return out;
  },
  'service error with an ASM body': (w, log) => each(w, log, 'asm error', () => httpReply(400, XML, `<Error xmlns="${NS}"><Code>BadRequest</Code><Message>The request is invalid.</Message></Error>`)),
  'service error echoing the request': (w, log) => each(w, log, 'echo', (r) => httpReply(500, { 'Content-Type': 'text/html' }, `<html><pre>${r.body}</pre></html>`)),
  'malformed XML answer holding keys': (w, log) => storageKeys(w, log, 'truncated keys', [httpReply(200, XML, KEYS_XML.slice(0, -30))]),
  'malformed JSON answer holding keys': (w, log) => storageKeys(w, log, 'truncated JSON keys', [httpReply(200, { 'Content-Type': 'application/json' }, KEYS_JSON.slice(0, -3))]),
  'valid answer holding keys': (w, log) => storageKeys(w, log, 'keys', [httpReply(200, XML, KEYS_XML)]).then((out) => out.map((e) => ({ ...e, surfaces: {} }))),
  'retries (503 Retry-After, reset)': (w, log) => storageKeys(w, log, 'retried keys', [httpReply(503, { ...XML, 'Retry-After': '0' }), { reset: true }, httpReply(200, XML, KEYS_XML)])
    .then((out) => out.map((e) => ({ ...e, surfaces: {} }))),
  'connection refused (token credential)': (w, log) => each(w, log, 'refused', () => ({ reset: true }), { credential: w.token, endpoint: `https://127.0.0.1:${w.closedPort}` }),
  'connection reset': (w, log) => each(w, log, 'reset', () => ({ reset: true })),
  'bearer token rejected (401)': (w, log) => each(w, log, 'token rejected', () => httpReply(401, XML, `<Error xmlns="${NS}"><Code>AuthenticationFailed</Code><Message>The token is invalid.</Message></Error>`), { credential: w.token }),
  'proxy refuses the credentials (407)': (w, log) => each(w, log, 'proxy 407', () => httpReply(202, XML), { proxy: { url: w.proxyRefusing, username: SECRETS.proxyUser, password: SECRETS.proxyPassword } }),
  'proxy unreachable, credentials in its URL': (w, log) => each(w, log, 'proxy down', () => httpReply(202, XML), { proxy: `http://${SECRETS.proxyUser}:${encodeURIComponent(SECRETS.proxyPassword)}@127.0.0.1:${w.closedPort}` }),
 'storage keys hidden by markup, cut short': async (w, log) => (await Promise.all(HIDDEN_KEYS.map(([how, reply]) => storageKeys(w, log, `hidden keys: ${how}`, [reply])))).flat(),
  'service error quoting the request back in its Message': (w, log) => each(w, log, 'quoted back', (r) => httpReply(400, XML, `<Error xmlns="${NS}"><Code>BadRequest</Code><Message>Invalid request: ${escapeXml(r.body)}</Message></Error>`)),
  'cross-origin 307 of a body with secrets': async (w, log) => {
    const from = w.server.requests.length;
    const out = await each(w, log, 'cross-origin 307', (r) => ((r.headers['host'] ?? '').startsWith('localhost') ? httpReply(202, XML) : httpReply(307, { ...XML, Location: `${otherOrigin(w)}${r.path}` })));
    return [...out, { scenario: 'cross-origin 307: bodies received by the other origin', surfaces: { 'bodies at the other origin': foreignBodies(w, from) } }];
  },
  'redirect Location with credentials and a signature': (w, log) => storageKeys(w, log, 'Location with credentials', [
    httpReply(307, { ...XML, Location: `https://${SECRETS.proxyUser}:${encodeURIComponent(SECRETS.proxyPassword)}@${otherOrigin(w).slice('https://'.length)}/x?comp=keys&sig=${encodeURIComponent(SECRETS.sharedKey)}` }),
    httpReply(404, XML, `<Error xmlns="${NS}"><Code>ResourceNotFound</Code><Message>none</Message></Error>`),
  ]),
  'through the proxy, then a service error quoting the proxy password': (w, log) => each(w, log, 'proxied quote', () => httpReply(400, XML, `<Error xmlns="${NS}"><Code>BadRequest</Code><Message>proxy said ${SECRETS.proxyPassword}, token ${SECRETS.bearerToken}</Message></Error>`), { proxy: { url: w.proxyAccepting, username: SECRETS.proxyUser, password: SECRETS.proxyPassword }, credential: w.token }),
  'through the proxy, then a service error': (w, log) => each(w, log, 'proxied error', () => httpReply(409, XML, `<Error xmlns="${NS}"><Code>ConflictError</Code><Message>busy</Message></Error>`), { proxy: { url: w.proxyAccepting, username: SECRETS.proxyUser, password: SECRETS.proxyPassword }, credential: w.token }),
};
