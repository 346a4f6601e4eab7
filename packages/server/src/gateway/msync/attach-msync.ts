/**
 * The msync WebSocket endpoint for the Easemob / Agora Web SDKs (default path `/websocket`), next to
 * the native `/ws` on the same HTTP server. Closes sockets that never log in, and those whose
 * WebSocket ping goes unanswered (the SDK's own heartbeat is only every minute or so).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Core, Logger } from '../../core/index.js';
import { MsyncSession } from './session.js';

export interface MsyncGateway {
  readonly path: string;
  readonly sessions: ReadonlySet<MsyncSession>;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  closeAll(code: number, reason: string): void;
}

export interface MsyncOptions {
  core: Core;
  logger: Logger;
  path: string;
  maxFrameBytes: number;
  authTimeoutMs: number;
  pingIntervalMs?: number;
}

export function createMsyncGateway(o: MsyncOptions): MsyncGateway {
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxFrameBytes, perMessageDeflate: false });
  const sessions = new Set<MsyncSession>();
  const ctx = { core: o.core, logger: o.logger, newId: o.core.ids };
  const alive = new WeakSet<object>();
  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    sessions.add(new MsyncSession(ws, ctx, (s) => sessions.delete(s)));
  });
  const timer = setInterval(() => {
    const now = Date.now();
    for (const s of sessions) if (!s.isReady && now - s.openedAt > o.authTimeoutMs) s.close(4004, 'provision timeout');
    for (const ws of wss.clients) {
      if (!alive.has(ws)) ws.terminate();
      else {
        alive.delete(ws);
        ws.ping();
      }
    }
  }, o.pingIntervalMs ?? 30_000).unref();
  return {
    path: o.path,
    sessions,
    handleUpgrade: (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
    closeAll(code, reason) {
      clearInterval(timer);
      for (const s of sessions) s.close(code, reason);
      wss.close();
    },
  };
}
