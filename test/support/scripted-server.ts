/**
 * The one scripted HTTPS test server, on 127.0.0.1. Tests script its answers request by request, at either of
 * two levels:
 *   - a reply: status, headers (Retry-After, Location…) and body, sent well formed with Content-Length, an
 *     x-ms-request-id and an XML Content-Type unless the reply names its own;
 *   - exact bytes: the status line and headers as given (malformed on purpose when a test wants it), the body in
 *     pieces with pauses or streamed with back-pressure, then keep-alive, close or reset — or no answer at all,
 *     or a reset instead of one.
 * It parses requests itself (Content-Length bodies only, which is what undici sends), so that nothing between the
 * test and the socket tidies a hostile answer up. It asks for a client certificate without requiring one, and
 * records every request: method, path, headers, body, the client certificate's thumbprint and the arrival time.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { testPki } from './pki.js';

/** A body too large to hold in memory: `prefix`, then `chunk` written `times` times with back-pressure, then `suffix`. */
export interface StreamedBody {
  prefix?: Buffer;
  chunk: Buffer;
  times: number;
  suffix?: Buffer;
}

/** An answer as exact bytes. */
export interface RawReply {
  /** Status line and headers up to and including the blank line, or anything else a hostile server sends first. */
  head: string | Buffer;
  body?: Buffer | StreamedBody;
  /** Sizes of the first pieces of a Buffer body (the rest follows in one piece), with a pause before each. */
  pieces?: number[];
  pauseMs?: number;
  /** What happens to the connection after the reply (default: keep). */
  then?: 'keep' | 'close' | 'reset';
}

/** A well-formed answer, completed with the defaults described above. */
export interface StatusReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Reply = StatusReply | RawReply | { hang: true } | { reset: true };

export interface SeenRequest {
  method: string;
  /** Path and query exactly as sent. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
  /** Uppercase SHA-1 of the client certificate presented on the connection, if any. */
  clientThumbprint?: string;
  /** performance.now() when the request arrived. */
  at: number;
}

export type Handler = (request: SeenRequest) => Reply;

export interface ScriptedServer {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  /** Bytes of response bodies written so far. */
  readonly bodyBytesWritten: number;
  /** Connections open now. */
  readonly connections: number;
  /** Replies given in order to the next requests, before the handler takes over again. */
  queue(...replies: Reply[]): void;
  /** Answers every request the queue does not; the default answers 200 with no body. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export interface ScriptedServerOptions {
  /** Server certificate; default: one issued by the test CA. */
  certificate?: { key: string; cert: string };
  /** Listen on this port (e.g. one that refused a connection before); default: any free port. */
  port?: number;
}

/** Requests larger than this are refused: the clients under test never send one. */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/** One complete request from the front of `buffer`, or undefined when more bytes are needed. */
function parseRequest(buffer: Buffer): { request: Omit<SeenRequest, 'at'>; rest: Buffer } | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = buffer.subarray(0, end).toString('latin1').split('\r\n');
  const [method = '', path = ''] = (lines[0] ?? '').split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? '0');
  if (buffer.length < end + 4 + length) return undefined;
  const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
  return { request: { method, path, headers, body }, rest: buffer.subarray(end + 4 + length) };
}

/** A well-formed reply: status, headers (Content-Length added unless given) and a body. */
export function httpReply(status: number, headers: Record<string, string>, body: string | Buffer = '', then: RawReply['then'] = 'keep'): RawReply {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const all = Object.keys(headers).some((h) => h.toLowerCase() === 'content-length') ? headers : { ...headers, 'Content-Length': String(bytes.length) };
  const head = `HTTP/1.1 ${status} ${status < 400 ? 'OK' : 'Error'}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return { head, body: bytes, then };
}

/** A status reply as bytes, with the service's usual headers unless the reply names its own. */
function statusReply(reply: StatusReply, requestNumber: number): RawReply {
  const given = new Set(Object.keys(reply.headers ?? {}).map((name) => name.toLowerCase()));
  const defaults = Object.entries({ 'x-ms-request-id': `scripted-${requestNumber}`, 'content-type': 'application/xml; charset=utf-8' })
    .filter(([name]) => !given.has(name));
  return httpReply(reply.status, { ...Object.fromEntries(defaults), ...reply.headers }, reply.body ?? '');
}

/** A TCP reset: on the TLS socket's underlying TCP socket (a TLS socket cannot reset itself). */
function reset(socket: TLSSocket): void {
  const tcp = (socket as TLSSocket & { _parent?: Socket })._parent;
  if (tcp && typeof tcp.resetAndDestroy === 'function') tcp.resetAndDestroy();
  socket.destroy();
}

function pause(ms: number, socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once('close', done);
  });
}

/** Writes with back-pressure; false once the peer has gone. */
async function write(socket: Socket, data: Buffer): Promise<boolean> {
  if (socket.destroyed) return false;
  if (socket.write(data)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
  return !socket.destroyed;
}

function thumbprintOf(socket: TLSSocket): string | undefined {
  const peer = socket.getPeerCertificate();
  return peer?.raw ? createHash('sha1').update(peer.raw).digest('hex').toUpperCase() : undefined;
}

export async function startScriptedServer(options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const certificate = options.certificate ?? testPki().server;
  const requests: SeenRequest[] = [];
  const pending: Reply[] = [];
  const sockets = new Set<TLSSocket>();
  let handler: Handler = () => ({ status: 200 });
  let bodyBytesWritten = 0;

  async function writeBody(socket: Socket, reply: RawReply): Promise<void> {
    const body = reply.body;
    if (body === undefined) return;
    if (Buffer.isBuffer(body)) {
      let offset = 0;
      for (const size of reply.pieces ?? []) {
        // Past the end of the body the answer is complete and the client may reuse the connection: no more pauses.
        if (offset >= body.length) break;
        if (reply.pauseMs) await pause(reply.pauseMs, socket);
        if (!(await write(socket, body.subarray(offset, offset + size)))) return;
        offset += size;
        bodyBytesWritten += size;
      }
      if (offset < body.length && (await write(socket, body.subarray(offset)))) bodyBytesWritten += body.length - offset;
      return;
    }
    if (body.prefix && !(await write(socket, body.prefix))) return;
    for (let i = 0; i < body.times; i++) {
      if (!(await write(socket, body.chunk))) return;
      bodyBytesWritten += body.chunk.length;
    }
    if (body.suffix) await write(socket, body.suffix);
  }

  /** Answers one request; false when the connection is finished with. */
  async function answer(socket: TLSSocket, request: SeenRequest): Promise<boolean> {
    let reply: Reply;
    try {
      reply = pending.shift() ?? handler(request);
    } catch {
      reply = { head: 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n', then: 'close' };
    }
    if ('hang' in reply) return false;
    if ('reset' in reply) {
      reset(socket);
      return false;
    }
    const raw = 'status' in reply ? statusReply(reply, requests.length) : reply;
    await write(socket, Buffer.isBuffer(raw.head) ? raw.head : Buffer.from(raw.head, 'latin1'));
    await writeBody(socket, raw);
    if (raw.then === 'reset') reset(socket);
    else if (raw.then === 'close') socket.end();
    return (raw.then ?? 'keep') === 'keep' && !socket.destroyed;
  }

  /** Reads requests one after the other on a connection (undici does not pipeline by default). */
  function serve(socket: TLSSocket): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const clientThumbprint = thumbprintOf(socket);
    let buffer: Buffer = Buffer.alloc(0);
    let busy = false;
    const next = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      for (let parsed = parseRequest(buffer); parsed; parsed = parseRequest(buffer)) {
        buffer = parsed.rest;
        const request: SeenRequest = { ...parsed.request, at: performance.now(), ...(clientThumbprint ? { clientThumbprint } : {}) };
        requests.push(request);
        if (!(await answer(socket, request))) {
          socket.removeAllListeners('data');
          break;
        }
      }
      busy = false;
    };
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (buffer.length > MAX_REQUEST_BYTES) socket.destroy();
      else next().catch(() => socket.destroy());
    });
  }

  // requestCert without rejecting: the clients present their management certificate, as to the real service.
  const server = createServer({ key: certificate.key, cert: certificate.cert, requestCert: true, rejectUnauthorized: false }, serve);
  server.on('tlsClientError', () => undefined);
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    get bodyBytesWritten() { return bodyBytesWritten; },
    get connections() { return sockets.size; },
    queue: (...replies) => { pending.push(...replies); },
    handle: (next) => { handler = next; },
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      for (const socket of sockets) socket.destroy();
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
