/**
 * Requests written byte by byte over TLS, as an attacker writes them: a head, then a body of any declared and
 * real size, sent as fast as the socket takes it or dripped slowly. Reports the status answered (if any) and when
 * the server closed the connection. Every exchange is bounded by `limitMs`.
 */
import { connect, type TLSSocket } from 'node:tls';

export interface Peer {
  port: number;
  ca: string;
  /** The client certificate to present; none when absent. */
  key?: string;
  cert?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** The body: bytes to send, or a size to send as repeats of a 64 KiB block. */
  body?: Buffer | { bytes: number };
  /** Content-Length to declare (default: the body's real size); null declares none. */
  declaredLength?: number | null;
  /** Send the head this many bytes at a time, with `dripMs` between writes (slowloris). */
  dripBytes?: number;
  dripMs?: number;
  limitMs: number;
  /** Leave the connection open after the answer (default: Connection: close). */
  keepAlive?: boolean;
}

export interface RawOutcome {
  /** The status line's code, when an answer came. */
  status?: number;
  /** The answer's body (first 64 KiB). */
  text: string;
  /** When the server closed the connection; undefined when it was still open at `limitMs`. */
  closedAfterMs?: number;
  bodyBytesSent: number;
  error?: string;
}

const BLOCK = Buffer.alloc(64 * 1024, 'a');

function headOf(request: RawRequest, length: number | null): string {
  const lines = [`${request.method} ${request.path} HTTP/1.1`, 'Host: 127.0.0.1', 'x-ms-version: 2014-10-01'];
  if (length !== null) lines.push(`Content-Length: ${length}`);
  if (request.keepAlive !== true) lines.push('Connection: close');
  for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function writeAll(socket: TLSSocket, chunk: Buffer): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(false);
  if (socket.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => { socket.off('drain', onDrain); socket.off('close', onClose); resolve(ok); };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    socket.once('drain', onDrain);
    socket.once('close', onClose);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendBody(socket: TLSSocket, body: RawRequest['body'], outcome: RawOutcome, answered: () => boolean): Promise<void> {
  if (body === undefined) return;
  if (Buffer.isBuffer(body)) {
    if (await writeAll(socket, body)) outcome.bodyBytesSent += body.length;
    return;
  }
  // An attacker keeps sending until the server stops it: an answer alone does not stop the upload.
  for (let sent = 0; sent < body.bytes && !socket.destroyed;) {
    const chunk = BLOCK.subarray(0, Math.min(BLOCK.length, body.bytes - sent));
    if (!(await writeAll(socket, chunk))) return;
    sent += chunk.length;
    outcome.bodyBytesSent = sent;
    if (answered() && socket.readableEnded) return;
  }
}

export function rawRequest(peer: Peer, request: RawRequest): Promise<RawOutcome> {
  const started = performance.now();
  const outcome: RawOutcome = { text: '', bodyBytesSent: 0 };
  const realLength = request.body === undefined ? 0 : Buffer.isBuffer(request.body) ? request.body.length : request.body.bytes;
  const head = Buffer.from(headOf(request, request.declaredLength === undefined ? realLength : request.declaredLength));
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const socket = connect({
      host: '127.0.0.1', port: peer.port, ca: peer.ca, servername: 'localhost',
      ...(peer.cert === undefined ? {} : { cert: peer.cert, key: peer.key }),
    });
    const finish = () => {
      clearTimeout(limit);
      const text = received.toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (status !== null) outcome.status = Number(status[1]);
      const split = text.indexOf('\r\n\r\n');
      outcome.text = split === -1 ? '' : Buffer.from(text.slice(split + 4), 'latin1').toString('utf8');
      resolve(outcome);
    };
    const limit = setTimeout(() => { socket.destroy(); finish(); }, request.limitMs);
    socket.on('data', (d: Buffer) => { if (received.length < 64 * 1024) received = Buffer.concat([received, d]); });
    socket.on('error', (err: NodeJS.ErrnoException) => { outcome.error ??= err.code ?? err.message; });
    socket.on('close', () => { outcome.closedAfterMs = Math.round(performance.now() - started); finish(); });
    socket.once('secureConnect', () => {
      void (async () => {
        const step = request.dripBytes ?? head.length;
        for (let at = 0; at < head.length && !socket.destroyed; at += step) {
          if (!(await writeAll(socket, head.subarray(at, at + step)))) return;
          if (request.dripMs !== undefined && at + step < head.length) await sleep(request.dripMs);
        }
        await sendBody(socket, request.body, outcome, () => received.length > 0);
      })().catch((err: unknown) => { outcome.error ??= String(err); });
    });
  });
}
