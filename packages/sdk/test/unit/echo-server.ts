/** A tiny real WebSocket + HTTP server for the adapter tests: echoes frames, serves JSON and uploads. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface EchoServer {
  wsUrl: string;
  httpUrl: string;
  clients(): number;
  /** Server-side sockets, to close from the server. */
  sockets: Set<WebSocket>;
  close(): Promise<void>;
}

export async function startEchoServer(): Promise<EchoServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const json = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      if (req.url === '/json') return json(200, { ok: true, method: req.method });
      if (req.url === '/echo') return json(200, { type: req.headers['content-type'], body: body.toString('utf8') });
      if (req.url === '/text') return res.end('plain words');
      if (req.url === '/upload') {
        const field = /name="([^"]+)"; filename=/.exec(body.toString('latin1'))?.[1];
        const form = /name="note"\r\n\r\n([^\r]*)/.exec(body.toString('latin1'))?.[1];
        return json(201, { field, form, bytes: body.length });
      }
      if (req.url === '/file') return res.end(Buffer.from([1, 2, 3, 4]));
      json(404, { error: 'service_resource_not_found' });
    });
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    httpUrl: `http://127.0.0.1:${port}`,
    clients: () => sockets.size,
    sockets,
    close: async () => {
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
