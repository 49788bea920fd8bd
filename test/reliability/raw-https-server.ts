/**
 * An HTTPS server on 127.0.0.1 that answers with exact bytes: the status line and headers as given (malformed on
 * purpose when a test wants it), the body in pieces with delays, then keep-alive, close, reset — or no answer at
 * all. It parses requests itself (Content-Length bodies only, which is what undici sends), so that nothing between
 * the test and the socket tidies a hostile answer up. Every request is recorded, so that tests can prove what was
 * (or was not) sent, and to which path.
 */
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';

/** A body too large to hold in memory: `prefix`, then `chunk` written `times` times with back-pressure, then `suffix`. */
export interface StreamedBody {
  prefix?: Buffer;
  chunk: Buffer;
  times: number;
  suffix?: Buffer;
}

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

export type Answer = RawReply | { hang: true } | { reset: true };

export interface SeenRequest {
  method: string;
  /** Path and query exactly as sent. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export interface RawServer {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  /** Bytes of response bodies written so far. */
  readonly bodyBytesWritten: number;
  /** Connections open now. */
  readonly connections: number;
  respond(handler: (request: SeenRequest) => Answer): void;
  close(): Promise<void>;
}

/** Requests larger than this are refused: the clients under test never send one. */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

interface Parsed {
  request: SeenRequest;
  rest: Buffer;
}

/** One complete request from the front of `buffer`, or undefined when more bytes are needed. */
function parseRequest(buffer: Buffer): Parsed | undefined {
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

export async function startRawServer(certificate: { key: string; cert: string }): Promise<RawServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<TLSSocket>();
  let handler: (request: SeenRequest) => Answer = () => ({ head: 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n' });
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
    let reply: Answer;
    try {
      reply = handler(request);
    } catch {
      reply = { head: 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n', then: 'close' };
    }
    if ('hang' in reply) return false;
    if ('reset' in reply) {
      reset(socket);
      return false;
    }
    await write(socket, Buffer.isBuffer(reply.head) ? reply.head : Buffer.from(reply.head, 'latin1'));
    await writeBody(socket, reply);
    if (reply.then === 'reset') reset(socket);
    else if (reply.then === 'close') socket.end();
    return (reply.then ?? 'keep') === 'keep' && !socket.destroyed;
  }

  /** Reads requests one after the other on a connection (undici does not pipeline by default). */
  function serve(socket: TLSSocket): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer: Buffer = Buffer.alloc(0);
    let busy = false;
    const next = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      for (let parsed = parseRequest(buffer); parsed; parsed = parseRequest(buffer)) {
        buffer = parsed.rest;
        requests.push(parsed.request);
        if (!(await answer(socket, parsed.request))) {
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
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    get bodyBytesWritten() { return bodyBytesWritten; },
    get connections() { return sockets.size; },
    respond: (next) => { handler = next; },
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** A well-formed reply: status, headers (Content-Length added unless given) and a body. */
export function httpReply(status: number, headers: Record<string, string>, body: string | Buffer = '', then: RawReply['then'] = 'keep'): RawReply {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const all = Object.keys(headers).some((h) => h.toLowerCase() === 'content-length') ? headers : { ...headers, 'Content-Length': String(bytes.length) };
  const head = `HTTP/1.1 ${status} ${status < 400 ? 'OK' : 'Error'}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return { head, body: bytes, then };
}
