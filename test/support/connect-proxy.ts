/**
 * A real HTTP CONNECT proxy on 127.0.0.1: it opens a TCP tunnel to the requested host:port and pipes bytes both
 * ways, so TLS (client certificate included) runs end to end between client and target, as through a corporate
 * proxy. It can demand Basic Proxy-Authorization (answering 407 otherwise), and records every CONNECT it saw.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxyOptions {
  /** Demand these Basic credentials; without them every CONNECT is accepted. */
  username?: string;
  password?: string;
}

export interface ConnectProxy {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Tunnels opened. */
  readonly tunnels: number;
  /** 407 answers given. */
  readonly refused: number;
  /** host:port of every CONNECT request, in order. */
  readonly targets: readonly string[];
  /** The Proxy-Authorization header of every CONNECT request (undefined when absent). */
  readonly authorizations: ReadonlyArray<string | undefined>;
  close(): Promise<void>;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const expected = options.username !== undefined || options.password !== undefined
    ? `Basic ${Buffer.from(`${options.username ?? ''}:${options.password ?? ''}`).toString('base64')}`
    : undefined;
  const targets: string[] = [];
  const authorizations: Array<string | undefined> = [];
  const sockets = new Set<Socket>();
  let tunnels = 0;
  let refused = 0;

  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((_req, res) => {
    // Only tunnels are offered: a plain proxied request here means the client sent https traffic in the clear.
    res.writeHead(405, { 'content-type': 'text/plain' }).end('CONNECT only');
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    track(client);
    const target = req.url ?? '';
    const authorization = req.headers['proxy-authorization'];
    targets.push(target);
    authorizations.push(authorization);
    if (expected !== undefined && authorization !== expected) {
      refused++;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const colon = target.lastIndexOf(':');
    const upstream = connect(Number(target.slice(colon + 1)), target.slice(0, colon).replace(/^\[|\]$/g, ''));
    track(upstream);
    upstream.once('connect', () => {
      tunnels++;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get tunnels() { return tunnels; },
    get refused() { return refused; },
    targets,
    authorizations,
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}
