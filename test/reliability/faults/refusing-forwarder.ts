/**
 * A TCP forwarder in front of the emulator that can refuse connections for a while: it stops listening and drops
 * its open connections, so that the next request meets ECONNREFUSED — the one failure after which even a POST may
 * be sent again, because nothing reached the server. TLS passes through untouched.
 */
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface RefusingForwarder {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  /** Refusal windows opened so far (the refused connections themselves never reach the forwarder). */
  readonly refusalWindows: number;
  /** Drops open connections and refuses new ones for `ms`. */
  refuseFor(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startRefusingForwarder(targetPort: number): Promise<RefusingForwarder> {
  const sockets = new Set<Socket>();
  let refusalWindows = 0;
  let closed = false;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const listen = async (port: number): Promise<Server> => {
    const server = createServer((client) => {
      track(client);
      const upstream = connect(targetPort, '127.0.0.1');
      track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return server;
  };

  let server = await listen(0);
  const port = (server.address() as AddressInfo).port;
  const stop = async () => {
    const done = once(server, 'close');
    server.close();
    for (const socket of sockets) socket.destroy();
    await done;
  };
  return {
    url: `https://127.0.0.1:${port}`,
    get refusalWindows() { return refusalWindows; },
    refuseFor: async (ms) => {
      refusalWindows++;
      await stop();
      const timer = setTimeout(() => { if (!closed) void listen(port).then((s) => { if (closed) s.close(); else server = s; }); }, ms);
      timer.unref();
    },
    close: async () => {
      closed = true;
      if (server.listening) await stop();
    },
  };
}
