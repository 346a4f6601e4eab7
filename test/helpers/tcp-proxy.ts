/**
 * A loopback TCP proxy between an SDK and the server, so tests can cut the network for real:
 * `drop()` destroys every live connection without a WebSocket close handshake (what a mobile
 * network loss looks like), `block()` also refuses new ones until `unblock()`.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  url(path?: string, scheme?: 'ws' | 'http'): string;
  drop(): void;
  block(): void;
  unblock(): void;
  /** Stall: keep sockets open but stop forwarding bytes (a silent dead link). */
  stall(): void;
  /** Forward client -> server but drop server -> client (requests arrive, replies are lost). */
  stallDownstream(): void;
  connections(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const live = new Set<net.Socket>();
  let blocked = false;
  let stalled = false;
  let downStalled = false;
  const server = net.createServer((client) => {
    if (blocked) return client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    live.add(client).add(upstream);
    const forget = () => {
      live.delete(client);
      live.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (b) => stalled || upstream.write(b));
    upstream.on('data', (b) => stalled || downStalled || client.write(b));
    client.on('close', forget).on('error', forget);
    upstream.on('close', forget).on('error', forget);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const drop = () => {
    for (const s of live) s.destroy();
    live.clear();
  };
  return {
    port,
    url: (path = '', scheme = 'ws') => `${scheme}://127.0.0.1:${port}${path}`,
    drop,
    block: () => {
      blocked = true;
      drop();
    },
    unblock: () => {
      blocked = false;
      stalled = false;
      downStalled = false;
    },
    stall: () => {
      stalled = true;
    },
    stallDownstream: () => {
      downStalled = true;
    },
    connections: () => live.size / 2,
    close: () =>
      new Promise<void>((resolve) => {
        drop();
        server.close(() => resolve());
      }),
  };
}
