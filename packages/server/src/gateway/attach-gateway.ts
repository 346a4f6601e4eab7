/**
 * The WebSocket endpoint `/ws`, sharing Fastify's HTTP server (noServer upgrade). Owns the set of
 * connections, the timeout sweeper and the goaway-then-close of a graceful shutdown.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCodes } from '@pigeon/protocol';
import { WebSocketServer } from 'ws';
import { Connection, type ConnectionContext } from './connection.js';

export const WS_PATH = '/ws';

export interface Gateway {
  readonly connections: ReadonlySet<Connection>;
  /** Refuses new upgrades from now on. */
  stopAccepting(): void;
  /** Sends goaway to every connection, closes them with 1001 and waits (bounded) for them to go. */
  goaway(reason: string, retryAfterMs: number): Promise<void>;
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Another WebSocket endpoint on the same server (e.g. msync at /websocket), by path. */
export type UpgradeRoute = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export function attachGateway(
  server: Server,
  ctx: ConnectionContext,
  routes: ReadonlyMap<string, UpgradeRoute> = new Map(),
): Gateway {
  const wss = new WebSocketServer({ noServer: true, maxPayload: ctx.limits.maxFrameBytes, perMessageDeflate: false });
  const connections = new Set<Connection>();
  let accepting = true;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0]!;
    const route = routes.get(path);
    if (route && path !== WS_PATH)
      return accepting ? route(req, socket, head) : refuse(socket, '503 Service Unavailable');
    if (path !== WS_PATH) return refuse(socket, '404 Not Found');
    if (!accepting) return refuse(socket, '503 Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const c = new Connection(ws, ctx, (closed) => connections.delete(closed), socket);
      connections.add(c);
    });
  });
  const sweeper = startSweeper(connections, ctx.limits);
  return {
    connections,
    stopAccepting: () => {
      accepting = false;
    },
    async goaway(reason, retryAfterMs) {
      accepting = false;
      clearInterval(sweeper);
      for (const c of connections) {
        if (c.isReady) c.push('goaway', { reason, retryAfterMs });
        c.close(CloseCodes.GOING_AWAY, reason);
      }
      const deadline = Date.now() + ctx.closeTimeoutMs + 100;
      while (connections.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      wss.close();
    },
  };
}

/** One timer for all connections: closes those silent too long, or not authenticated in time. */
function startSweeper(
  connections: Set<Connection>,
  limits: ConnectionContext['limits'],
): ReturnType<typeof setInterval> {
  const every = Math.max(10, Math.min(1000, Math.min(limits.idleTimeoutMs, limits.authTimeoutMs) / 4));
  const timer = setInterval(() => {
    const now = Date.now();
    for (const c of connections) {
      if (!c.isReady && now - c.openedAt > limits.authTimeoutMs) c.close(CloseCodes.AUTH_TIMEOUT, 'auth timeout');
      else if (c.isReady && now - c.lastSeen > limits.idleTimeoutMs) c.close(CloseCodes.IDLE_TIMEOUT, 'idle timeout');
    }
  }, every);
  return timer.unref();
}
