/** A real local HTTP receiver for webhooks: records every request and answers as the test says. */
import { createServer, type IncomingMessage, type Server } from 'node:http';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are read field by field
export type Json = any;

export interface Received {
  headers: IncomingMessage['headers'];
  /** The raw body, as signed. */
  raw: string;
  body: Json;
}

export interface Answer {
  status?: number;
  body?: unknown;
  /** Answer this late (to make the sender's deadline pass). */
  delayMs?: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Decides each answer; default 200 with an empty JSON object. */
  answer: (r: Received, n: number) => Answer;
  of(type: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const holder: { server?: Server } = {};
  const receiver: Receiver = {
    url: '',
    received,
    answer: () => ({}),
    of: (type) => received.filter((r) => r.body?.type === type),
    close: () =>
      new Promise<void>((resolve) => {
        holder.server!.closeAllConnections();
        holder.server!.close(() => resolve());
      }),
  };
  const server = (holder.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: Received = { headers: req.headers, raw, body: raw ? (JSON.parse(raw) as Json) : undefined };
      received.push(r);
      const a = receiver.answer(r, received.length);
      const reply = () => {
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(a.body ?? {}));
      };
      if (a.delayMs) setTimeout(reply, a.delayMs);
      else reply();
    });
  }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
  return receiver;
}
