/**
 * Maps a mini-program SocketTask (wx, qq, swan, tt, uni, and my in task mode) onto the neutral
 * PlatformSocket. The platforms differ in which callbacks fire and when, so this keeps the
 * guarantees the core relies on: onClose exactly once, close() resolving only when the socket is
 * really closed (or after a bounded wait when the platform never says so: a dead link, or
 * `closeSocket:fail task not found`).
 */
import type { PlatformSocket, SocketHandlers } from '../../core/platform.js';
import { after } from '../../core/timers.js';

/** What every platform's SocketTask offers, typed loosely: each platform file checks its own. */
export interface MpSocketTask {
  onOpen(cb: (res: unknown) => void): void;
  onMessage(cb: (res: unknown) => void): void;
  onClose(cb: (res: unknown) => void): void;
  onError(cb: (res: unknown) => void): void;
  send(o: { data: string | ArrayBuffer; fail?(e: unknown): void }): unknown;
  close(o: { code?: number; reason?: string; fail?(e: unknown): void }): unknown;
  /** Detaches whatever the task attached (Alipay's global callbacks); called once it has closed. */
  dispose?(): void;
}

export interface ConnectCallbacks {
  success(res: unknown): void;
  fail(err: unknown): void;
}

export interface TaskSocketOptions<T extends MpSocketTask> {
  /** Frame out of a platform message event (default: `res.data`). */
  read?(res: unknown): string | ArrayBuffer;
  /** Writes one frame (default: `task.send({ data })`). */
  write?(task: T, data: string | ArrayBuffer, fail: (e: unknown) => void): void;
  /** ByteDance: call nothing on the task before connectSocket's own callback has fired. */
  awaitCreated?: boolean;
  closeTimeoutMs?: number;
}

export const CLOSE_TIMEOUT_MS = 3000;

/** Readable text out of the many error shapes (errMsg, errorMessage, message). */
export function errText(e: unknown, fallback: string): string {
  if (typeof e === 'string') return e;
  const o = (e ?? {}) as { errMsg?: unknown; errorMessage?: unknown; message?: unknown };
  const t = o.errMsg ?? o.errorMessage ?? o.message;
  return typeof t === 'string' && t ? t : fallback;
}

/** Close codes the platforms accept (WeChat rejects anything but 1000 and 3000-4999). */
export const closeCode = (code: number): number => (code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000);

const field = (res: unknown, key: 'code' | 'reason'): unknown => {
  const o = (res ?? {}) as Record<string, unknown>;
  return o[key] ?? (o.data as Record<string, unknown> | undefined)?.[key];
};

/** Exactly-once open/close bookkeeping for one socket. */
export class SocketState {
  readonly #h: SocketHandlers;
  #opened = false;
  #closed = false;
  #cancelTimer: (() => void) | undefined;
  /** The close we asked for: reported when the platform's close event carries no code (Alipay's old API). */
  #asked: number | undefined;
  readonly #waiters: Array<() => void> = [];

  constructor(handlers: SocketHandlers) {
    this.#h = handlers;
  }
  get closed(): boolean {
    return this.#closed;
  }
  open(): void {
    if (this.#opened || this.#closed) return;
    this.#opened = true;
    this.#h.onOpen();
  }
  message(data: string | ArrayBuffer): void {
    if (!this.#closed) this.#h.onMessage(data);
  }
  /** An error before the socket opened means it never will: some platforms fire no close then. */
  error(text: string): void {
    if (this.#closed) return;
    this.#h.onError(text);
    if (!this.#opened) this.finish(1006, text);
  }
  closedBy(res: unknown): void {
    const code = field(res, 'code');
    const reason = field(res, 'reason');
    this.finish(typeof code === 'number' ? code : (this.#asked ?? 1006), typeof reason === 'string' ? reason : '');
  }
  finish(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelTimer?.();
    this.#h.onClose(code, reason);
    for (const w of this.#waiters.splice(0)) w();
  }
  /** Resolves when closed; gives up waiting for the platform after `ms` and reports the close itself. */
  closing(code: number, reason: string, ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#asked ??= code;
    this.#cancelTimer ??= after(ms, () => this.finish(code, reason || 'close timed out'));
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

/** Opens a SocketTask through `create` and maps it onto a PlatformSocket. */
export function taskSocket<T extends MpSocketTask>(
  create: (cb: ConnectCallbacks) => T | undefined | void,
  handlers: SocketHandlers,
  opt: TaskSocketOptions<T> = {},
): PlatformSocket {
  const cleanup: { dispose?: () => void } = {};
  const state = new SocketState({
    ...handlers,
    onClose: (code, reason) => {
      cleanup.dispose?.();
      handlers.onClose(code, reason);
    },
  });
  let markCreated: () => void = () => {};
  const created = opt.awaitCreated ? new Promise<void>((r) => (markCreated = r)) : Promise.resolve();
  const task = create({
    success: () => markCreated(),
    fail: (e) => {
      markCreated();
      state.error(errText(e, 'connectSocket:fail'));
    },
  });
  if (!task) throw new TypeError('connectSocket returned no SocketTask: the base library is too old for Pigeon');
  const t: MpSocketTask = task;
  cleanup.dispose = t.dispose?.bind(t);
  t.onOpen(() => state.open());
  t.onMessage((res: unknown) => state.message(opt.read ? opt.read(res) : (res as { data: string | ArrayBuffer }).data));
  t.onError((res: unknown) => state.error(errText(res, 'socket error')));
  t.onClose((res: unknown) => state.closedBy(res));
  // A socket the platform refuses to write to is dead (WeChat: 'sendSocketMessage:fail ... not connected'
  // after a background cut that fired no close): report the close now rather than at the next heartbeat.
  const onSendFail = (e: unknown) => {
    if (state.closed) return;
    const why = errText(e, 'send failed');
    handlers.onError(why);
    void created.then(() => t.close({ code: 1000, reason: 'send failed', fail: () => undefined }));
    state.finish(1006, why);
  };
  return {
    send(data) {
      if (state.closed) return;
      if (opt.write) opt.write(task, data, onSendFail);
      else t.send({ data, fail: onSendFail });
    },
    close(code = 1000, reason = '') {
      const done = state.closing(code, reason, opt.closeTimeoutMs ?? CLOSE_TIMEOUT_MS);
      if (!state.closed) {
        void created.then(() => t.close({ code: closeCode(code), reason, fail: () => state.finish(code, reason) }));
      }
      return done;
    },
  };
}
