/**
 * The same BenchClient over Socket.IO, for the minimal Socket.IO relay baseline: an op is an event
 * name, the reply comes back through the acknowledgement callback as `{ d }` or `{ err }`.
 */
import { performance } from 'node:perf_hooks';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { BenchClient, EventHandler, WireErrorLike } from './client.js';
import { ReplyError } from './client.js';

type Reply = { d?: unknown; err?: WireErrorLike };

export class SioClient implements BenchClient {
  onEvent: EventHandler = () => {};
  readonly closed: Promise<number>;
  readonly #socket: Socket;
  readonly #timeoutMs: number;

  private constructor(socket: Socket, timeoutMs: number) {
    this.#socket = socket;
    this.#timeoutMs = timeoutMs;
    this.closed = new Promise((resolve) =>
      socket.once('disconnect', (reason) => resolve(reason.endsWith('client disconnect') ? 1000 : 1006)),
    );
    socket.onAny((ev: string, d: unknown) => this.onEvent(ev, d, performance.now()));
  }

  static open(url: string, opts: { localAddress?: string; timeoutMs?: number } = {}): Promise<SioClient> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    // engine.io-client hands localAddress to the `ws` transport; its typings do not list it.
    const options: Partial<ManagerOptions & SocketOptions> & { localAddress?: string } = {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: timeoutMs,
      localAddress: opts.localAddress,
    };
    const socket = io(url, options);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.off('connect_error', reject);
        resolve(new SioClient(socket, timeoutMs));
      });
      socket.once('connect_error', (err) => {
        socket.close();
        reject(err);
      });
    });
  }

  async request<T = unknown>(op: string, d?: unknown): Promise<T> {
    if (!this.#socket.connected) throw new Error('not connected');
    const reply = (await this.#socket.timeout(this.#timeoutMs).emitWithAck(op, d ?? {})) as Reply;
    if (reply.err) throw new ReplyError(reply.err);
    return reply.d as T;
  }

  close(): void {
    this.#socket.disconnect();
  }

  terminate(): void {
    this.#socket.io.engine.close();
  }
}
