/**
 * A bare client of Pigeon's wire protocol (docs/protocol.md): JSON request/reply/event frames over
 * one `ws` socket. Lighter than the SDK on purpose: the generator has to hold tens of thousands.
 * The bare `ws` relay speaks the same frames, so one client drives both.
 */
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import WebSocket from 'ws';
import type { BenchClient, EventHandler } from './client.js';
import { ReplyError } from './client.js';

interface Pending {
  resolve: (d: unknown) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface Frame {
  re?: number;
  ev?: string;
  d?: unknown;
  err?: { name: string; code: number; message: string; retryAfterMs?: number };
}

const MSG_PUSH = '{"ev":"msg","d":{';
const CID_KEY = '"cid":"';

export class FrameClient implements BenchClient {
  onEvent: EventHandler = () => {};
  onMsgCid: ((cid: string, atMs: number) => void) | undefined;
  readonly closed: Promise<number>;
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, Pending>();
  readonly #timeoutMs: number;
  #nextId = 1;

  private constructor(ws: WebSocket, timeoutMs: number) {
    this.#ws = ws;
    this.#timeoutMs = timeoutMs;
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('message', (data) => this.#onFrame(String(data)));
    void this.closed.then(() => this.#failAll(new Error('connection closed')));
  }

  /** Opens the socket; resolves once the WebSocket handshake is done. */
  static open(url: string, opts: { localAddress?: string; timeoutMs?: number } = {}): Promise<FrameClient> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const ws = new WebSocket(url, {
      localAddress: opts.localAddress,
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        ws.off('error', reject);
        ws.on('error', () => {}); // reported through `closed`
        resolve(new FrameClient(ws, timeoutMs));
      });
      ws.once('error', reject);
    });
  }

  request<T = unknown>(op: string, d?: unknown): Promise<T> {
    if (this.#ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('not connected'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = this.#timeoutMs > 0 ? setTimeout(() => this.#expire(id), this.#timeoutMs) : undefined;
      this.#pending.set(id, { resolve: resolve as (d: unknown) => void, reject, timer });
      this.#ws.send(JSON.stringify(d === undefined ? { id, op } : { id, op, d }));
    });
  }

  close(): void {
    this.#ws.close(1000);
  }

  /** Drops the TCP connection without a closing handshake (a crashed or vanished client). */
  terminate(): void {
    this.#ws.terminate();
  }

  #onFrame(text: string): void {
    if (this.onMsgCid && text.startsWith(MSG_PUSH)) {
      // The first "cid" key is the message's own: Pigeon and the relays put it before body and ext.
      const at = text.indexOf(CID_KEY) + CID_KEY.length;
      return this.onMsgCid(text.slice(at, text.indexOf('"', at)), performance.now());
    }
    const frame = JSON.parse(text) as Frame;
    if (frame.ev !== undefined) return this.onEvent(frame.ev, frame.d, performance.now());
    const pending = frame.re === undefined ? undefined : this.#pending.get(frame.re);
    if (!pending || frame.re === undefined) return;
    this.#pending.delete(frame.re);
    if (pending.timer) clearTimeout(pending.timer);
    if (frame.err) pending.reject(new ReplyError(frame.err));
    else pending.resolve(frame.d);
  }

  #expire(id: number): void {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    pending?.reject(new Error(`no reply in ${this.#timeoutMs} ms`));
  }

  #failAll(err: Error): void {
    for (const [id, p] of this.#pending) {
      if (p.timer) clearTimeout(p.timer);
      this.#pending.delete(id);
      p.reject(err);
    }
  }
}
