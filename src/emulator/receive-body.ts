/**
 * Receiving a request body within bounds. A body is read only after its sender is authenticated (pipeline.ts);
 * its declared length is checked before a byte is read, and its real length while reading, so no client makes
 * the emulator hold more than the limit. A refused request's body is read and dropped when it is small, so its
 * connection can be kept; a larger one closes the connection instead of being read.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.js';

/** The most of a refused request's body that is read (and dropped) to keep its connection open. */
export const DRAIN_BYTES = 64 * 1024;

/** The client went away (or was timed out by the server) before its body arrived: nobody is left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection before its request body arrived');
    this.name = 'ClientGoneError';
  }
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'RequestBodyTooLarge', `The request body is larger than ${limit} bytes, the most the emulator accepts.`);
}

/** The declared Content-Length, when there is one. */
function declaredLength(req: IncomingMessage): number | undefined {
  const value = req.headers['content-length'];
  return value === undefined ? undefined : Number(value);
}

/**
 * Reads the body, keeping it (`keep`) or dropping it. Resolves undefined as soon as it proves larger than `limit`
 * (then reading stops: the caller answers and closes the connection); rejects with ClientGoneError when the
 * connection ends first.
 */
function receive(req: IncomingMessage, limit: number, keep: boolean): Promise<Buffer | undefined> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.resolve(undefined);
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | undefined | Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(undefined);
      } else if (keep) {
        chunks.push(chunk);
      }
    };
    const onEnd = () => finish(keep ? Buffer.concat(chunks, size) : Buffer.alloc(0));
    const onClose = () => finish(new ClientGoneError());
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
    req.resume(); // after a pause (a body proved too large), a new listener alone would not restart the flow
  });
}

/** The body as UTF-8 text; 413 past `limit`, 400 when it is not valid UTF-8 (the service read bodies as UTF-8). */
export async function receiveBody(req: IncomingMessage, limit: number): Promise<string> {
  const bytes = await receive(req, limit, true);
  if (bytes === undefined) throw tooLarge(limit);
  if (!isUtf8(bytes)) {
    throw new ApiError(400, 'InvalidXmlRequest', `The request body is not valid UTF-8 (the bytes at offset ${invalidUtf8Offset(bytes)} are not).`);
  }
  return bytes.toString('utf8');
}

/** Reads and drops a refused request's body when it is small; false when it is large and the connection must close. */
export async function discardBody(req: IncomingMessage): Promise<boolean> {
  try {
    return (await receive(req, DRAIN_BYTES, false)) !== undefined;
  } catch {
    return false;
  }
}

/** How long, and for how many bytes, a closing connection still reads (and drops) what the client sends. */
const LINGER_MS = 1_000;
const LINGER_BYTES = 256 * 1024;

/**
 * Closes the connection once an answer marked `Connection: close` is out, the way servers close on a client still
 * uploading ("lingering close"). Node would destroy the socket as soon as the answer is written, and the kernel
 * then resets a connection with unread data, which can discard the answer before the client reads it: instead the
 * answer is followed by the end of the stream, what the client goes on sending is read and dropped (at most
 * LINGER_BYTES, then no more is read, which costs nothing), and the connection is destroyed after LINGER_MS.
 */
export function closeAfterAnswer(req: IncomingMessage): void {
  const socket = req.socket;
  // Node's server calls destroySoon() after an answer that closes its connection.
  socket.destroySoon = () => {
    let bytes = 0;
    const destroy = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(destroy, LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    req.on('data', (chunk: Buffer) => { if ((bytes += chunk.length) > LINGER_BYTES) req.pause(); });
    req.resume();
    socket.end();
  };
}

/** Where the first invalid UTF-8 sequence starts: a valid prefix decodes and encodes back to the same bytes. */
function invalidUtf8Offset(bytes: Buffer): number {
  const again = Buffer.from(bytes.toString('utf8'), 'utf8');
  let at = 0;
  while (at < bytes.length && bytes[at] === again[at]) at++;
  return at;
}
