/** A raw-frame WebSocket client: requests with ids, replies, events, and the close code. */
import WebSocket from 'ws';
import type { Json } from './server.js';

export interface Closed {
  code: number;
  reason: string;
}

export class RawClient {
  readonly ws: WebSocket;
  readonly replies = new Map<number, Json>();
  readonly events: Json[] = [];
  /** Every frame received, in order. */
  readonly frames: Json[] = [];
  readonly closed: Promise<Closed>;
  #nextId = 1;
  #waiters: Array<() => void> = [];

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as Json;
      this.frames.push(f);
      if ('re' in f) this.replies.set(f.re as number, f);
      else this.events.push(f);
      for (const w of this.#waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('error', () => {});
  }

  static async open(url: string): Promise<RawClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawClient(ws);
  }

  /** Connects and authenticates; throws if auth fails. */
  static async login(
    url: string,
    appKey: string,
    token: string,
    opts: { platform?: string; deviceId?: string } = {},
  ): Promise<RawClient> {
    const c = await RawClient.open(url);
    const r = await c.request('auth', {
      v: 1,
      appKey,
      token,
      platform: opts.platform ?? 'node',
      deviceId: opts.deviceId ?? `dev-${Math.random().toString(36).slice(2)}`,
      sdk: 'test',
    });
    if (r.err) throw new Error(`auth failed: ${JSON.stringify(r.err)}`);
    return c;
  }

  async until<T>(check: () => T | undefined, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a request and resolves with its reply frame ({ re, d } or { re, err }). */
  async request(op: string, d?: unknown, id = this.#nextId++): Promise<Json> {
    this.send(d === undefined ? { id, op } : { id, op, d });
    return this.reply(id);
  }

  reply(id: number, timeoutMs = 5000): Promise<Json> {
    return this.until(() => this.replies.get(id), timeoutMs, `reply ${id}`);
  }

  /** Sends and expects success; returns `d`. */
  async ok(op: string, d?: unknown): Promise<Json> {
    const r = await this.request(op, d);
    if (r.err) throw new Error(`${op} failed: ${JSON.stringify(r.err)}`);
    return r.d;
  }

  /** Waits for the n-th (1-based) event named `ev` and returns its data. */
  event(ev: string, n = 1, timeoutMs = 5000): Promise<Json> {
    return this.until(() => this.events.filter((e) => e.ev === ev)[n - 1]?.d, timeoutMs, `event ${ev} #${n}`);
  }

  eventsOf(ev: string): Json[] {
    return this.events.filter((e) => e.ev === ev).map((e) => e.d);
  }

  nextId(): number {
    return this.#nextId++;
  }

  close(): void {
    this.ws.close();
  }
}

export const txt = (to: string, text: string, cid = `c-${Math.random().toString(36).slice(2)}`) => ({
  msg: { type: 'txt', chat: 'single', to, cid, body: { text } },
});
