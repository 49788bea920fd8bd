/**
 * A small real HTTPS server on 127.0.0.1 whose answers a test scripts request by request: statuses, headers
 * (Retry-After, Location), bodies, or a socket reset. It asks for a client certificate without requiring one and
 * records, per request, what arrived: method, path, headers, body and the thumbprint of the client certificate.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { KeyAndCertificate } from '../../src/emulator/certs.js';
import { testPki } from './pki.js';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Uppercase SHA-1 of the client certificate presented on the connection, if any. */
  clientThumbprint?: string;
  /** performance.now() when the request arrived. */
  at: number;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Reads the request, then resets the connection without answering. */
  | { reset: true };

export type Handler = (request: SeenRequest) => Reply;

export interface ScriptedServer {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  /** Replies given in order to the next requests, before the handler takes over again. */
  queue(...replies: Reply[]): void;
  /** Answers every request the queue does not; the default answers 200 with no body. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export interface ScriptedServerOptions {
  /** Server certificate; default: one issued by the test CA. */
  certificate?: KeyAndCertificate;
  /** Listen on this port (e.g. one that refused a connection before); default: any free port. */
  port?: number;
}

function thumbprintOf(socket: TLSSocket): string | undefined {
  const peer = socket.getPeerCertificate();
  return peer?.raw ? createHash('sha1').update(peer.raw).digest('hex').toUpperCase() : undefined;
}

function answer(res: ServerResponse, reply: Reply, requestNumber: number): void {
  if ('reset' in reply) {
    (res.socket as Socket).resetAndDestroy();
    return;
  }
  res.writeHead(reply.status, { 'x-ms-request-id': `scripted-${requestNumber}`, 'content-type': 'application/xml; charset=utf-8', ...reply.headers });
  res.end(reply.body ?? '');
}

export async function startScriptedServer(options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const certificate = options.certificate ?? testPki().server;
  const requests: SeenRequest[] = [];
  const pending: Reply[] = [];
  let handler: Handler = () => ({ status: 200 });

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: SeenRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
    const thumbprint = thumbprintOf(req.socket as TLSSocket);
    if (thumbprint) seen.clientThumbprint = thumbprint;
    requests.push(seen);
    answer(res, pending.shift() ?? handler(seen), requests.length);
  };

  const server: Server = createServer({ key: certificate.key, cert: certificate.cert, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    onRequest(req, res).catch(() => res.destroy());
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    queue: (...replies) => { pending.push(...replies); },
    handle: (next) => { handler = next; },
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The service's error body. */
export function errorXml(code: string, message: string): string {
  return `<Error xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Code>${code}</Code><Message>${message}</Message></Error>`;
}

/** A GetOperationStatus body. */
export function operationXml(id: string, status: 'InProgress' | 'Succeeded' | 'Failed', httpStatusCode?: number, error?: { code: string; message: string }): string {
  const parts = [`<ID>${id}</ID>`, `<Status>${status}</Status>`];
  if (httpStatusCode !== undefined) parts.push(`<HttpStatusCode>${httpStatusCode}</HttpStatusCode>`);
  if (error) parts.push(`<Error><Code>${error.code}</Code><Message>${error.message}</Message></Error>`);
  return `<Operation xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">${parts.join('')}</Operation>`;
}
