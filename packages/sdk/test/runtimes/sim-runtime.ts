/**
 * What every simulated mini-program runtime shares: its live sockets and their count, its own
 * storage, network on/off, app show/hide with the platform's background behaviour, and timers
 * that stop while the app is suspended (the heartbeat pauses in the background, as on a phone).
 */
import { SimClock } from './sim-clock.js';
import { SimSocket, type SocketEvents, type SocketHost } from './sim-socket.js';

export interface SimOptions {
  /** How long after onHide the platform cuts every socket (WeChat ~5 s; uni-app native: minutes). */
  backgroundSocketCloseMs?: number;
  /**
   * What the app sees of that cut: a close callback, nothing at all, or nothing while the socket
   * stays half-open (it still counts against the limit, and closing it takes stalledCloseMs).
   */
  backgroundDrop?: 'close' | 'silent' | 'stall';
  /** How long the platform takes to report a close the app asked for (default 0: when the server answers). */
  closeDelayMs?: number;
  /** How long closing a half-open socket takes before the platform gives up and reports 1006 (default 1000). */
  stalledCloseMs?: number;
  /** Storage quota: setStorageSync throws past it, as WeChat does past 10 MB (default 10 MB). */
  storageQuotaBytes?: number;
  /** Queue timers and callbacks while hidden, deliver them on show (default true). */
  suspendInBackground?: boolean;
}

type Fn = (...args: unknown[]) => void;

export class SimRuntime implements SocketHost {
  readonly sockets = new Set<SimSocket>();
  readonly storage = new Map<string, unknown>();
  readonly stats = { opened: 0, refused: 0, maxConcurrent: 0, storageRefused: 0 };
  online = true;
  hidden = false;
  readonly showListeners = new Set<Fn>();
  readonly hideListeners = new Set<Fn>();
  readonly networkListeners = new Set<Fn>();
  readonly #opt: Required<SimOptions>;
  /** The runtime's clock: the bundle's timers and Date, and the background cut, run on it. */
  readonly clock = new SimClock();
  readonly #queued: Array<() => void> = [];
  #bgTimer: unknown;

  constructor(opt: SimOptions = {}) {
    this.#opt = {
      backgroundSocketCloseMs: 5000,
      backgroundDrop: 'close',
      suspendInBackground: true,
      closeDelayMs: 0,
      stalledCloseMs: 1000,
      storageQuotaBytes: 10 * 1024 * 1024,
      ...opt,
    };
  }

  get closeDelayMs(): number {
    return this.#opt.closeDelayMs;
  }

  get stalledCloseMs(): number {
    return this.#opt.stalledCloseMs;
  }

  get suspended(): boolean {
    return this.hidden && this.#opt.suspendInBackground;
  }

  deliver(fn: () => void): void {
    if (this.suspended) this.#queued.push(fn);
    else setImmediate(() => (this.suspended ? this.#queued.push(fn) : fn()));
  }

  /** setStorageSync: a copy, refused (throws) when storage would outgrow the quota. */
  store(key: string, data: unknown): void {
    const size = (k: string, v: unknown) => Buffer.byteLength(k) + Buffer.byteLength(JSON.stringify(v) ?? '');
    let total = size(key, data);
    for (const [k, v] of this.storage) if (k !== key) total += size(k, v);
    if (total > this.#opt.storageQuotaBytes) {
      this.stats.storageRefused++;
      throw new Error('setStorageSync:fail exceed storage max size 10MB');
    }
    this.storage.set(key, structuredClone(data));
  }

  forget(s: SimSocket): void {
    this.sockets.delete(s);
  }

  openSocket(url: string, ev: SocketEvents): SimSocket {
    const s = new SimSocket(this, url, ev);
    if (s.state !== 'closed') this.sockets.add(s);
    this.stats.opened++;
    this.stats.maxConcurrent = Math.max(this.stats.maxConcurrent, this.sockets.size);
    return s;
  }

  /** Sockets counted against the platform limit (connecting or open). */
  get liveSockets(): number {
    return [...this.sockets].filter((s) => s.state === 'connecting' || s.state === 'open').length;
  }

  hide(): void {
    if (this.hidden) return;
    for (const cb of [...this.hideListeners]) cb({});
    this.hidden = true;
    this.#bgTimer = this.clock.schedule(this.#opt.backgroundSocketCloseMs, () => {
      const drop = this.#opt.backgroundDrop;
      for (const s of [...this.sockets]) {
        if (drop === 'stall') s.stall();
        else s.kill(drop === 'close', 'closed in background');
      }
    });
  }

  show(): void {
    if (!this.hidden) return;
    this.clock.cancel(this.#bgTimer);
    this.hidden = false;
    for (const cb of [...this.showListeners]) cb({ path: 'pages/index/index', scene: 1001, query: {} });
    for (const fn of this.#queued.splice(0)) fn();
  }

  /** Network loss: sockets die (silently by default); requests and new sockets fail until restored. */
  dropNetwork({ silent = true, notify = false }: { silent?: boolean; notify?: boolean } = {}): void {
    this.online = false;
    for (const s of [...this.sockets]) s.kill(!silent, 'network lost');
    if (notify) this.#network(false);
  }

  /** Every live socket goes half-open: no frame in or out, no close reported (see stalledCloseMs). */
  stallSockets(): void {
    for (const s of this.sockets) s.stall();
  }

  /** Delivers a server frame (e.g. a goaway) to every open socket, as the server would push it. */
  injectFrame(frame: object): void {
    for (const s of this.sockets) s.inject(JSON.stringify(frame));
  }

  restoreNetwork({ notify = true }: { notify?: boolean } = {}): void {
    this.online = true;
    if (notify) this.#network(true);
  }

  #network(isConnected: boolean): void {
    for (const cb of [...this.networkListeners])
      this.deliver(() => cb({ isConnected, networkType: isConnected ? 'wifi' : 'none' }));
  }

  /** Moves the runtime's clock forward (e.g. how long the app stays hidden); see SimClock. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** Timers and Date for the bundle's context: timers fire late (on show) rather than while suspended. */
  readonly timers = {
    setTimeout: (fn: Fn, ms?: number, ...args: unknown[]) => this.#timer(false, fn, ms, args),
    setInterval: (fn: Fn, ms?: number, ...args: unknown[]) => this.#timer(true, fn, ms, args),
    clearTimeout: (t: unknown) => this.clock.cancel(t),
    clearInterval: (t: unknown) => this.clock.cancel(t),
    Date: this.clock.Date,
  };

  #timer(repeat: boolean, fn: Fn, ms: number | undefined, args: unknown[]): unknown {
    const run = () => (this.suspended ? this.#queued.push(() => fn(...args)) : fn(...args));
    return this.clock.schedule(ms, run, repeat);
  }

  /** Ends everything this runtime started (sockets, timers), for test teardown. */
  destroy(): void {
    this.clock.destroy();
    for (const s of [...this.sockets]) s.kill(false);
    this.#queued.length = 0;
  }
}
