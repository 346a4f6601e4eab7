/**
 * What every simulated mini-program runtime shares: its live sockets and their count, its own
 * storage, network on/off, app show/hide with the platform's background behaviour, and timers
 * that stop while the app is suspended (the heartbeat pauses in the background, as on a phone).
 */
import { SimSocket, type SocketEvents, type SocketHost } from './sim-socket.js';

export interface SimOptions {
  /** How long after onHide the platform cuts every socket (WeChat ~5 s; uni-app native: minutes). */
  backgroundSocketCloseMs?: number;
  /** What the app sees of that cut: a close callback, or nothing at all. */
  backgroundDrop?: 'close' | 'silent';
  /** Queue timers and callbacks while hidden, deliver them on show (default true). */
  suspendInBackground?: boolean;
}

type Fn = (...args: unknown[]) => void;

export class SimRuntime implements SocketHost {
  readonly sockets = new Set<SimSocket>();
  readonly storage = new Map<string, unknown>();
  readonly stats = { opened: 0, refused: 0, maxConcurrent: 0 };
  online = true;
  hidden = false;
  readonly showListeners = new Set<Fn>();
  readonly hideListeners = new Set<Fn>();
  readonly networkListeners = new Set<Fn>();
  readonly #opt: Required<SimOptions>;
  readonly #queued: Array<() => void> = [];
  #bgTimer: NodeJS.Timeout | undefined;
  readonly #liveTimers = new Set<NodeJS.Timeout>();

  constructor(opt: SimOptions = {}) {
    this.#opt = { backgroundSocketCloseMs: 5000, backgroundDrop: 'close', suspendInBackground: true, ...opt };
  }

  get suspended(): boolean {
    return this.hidden && this.#opt.suspendInBackground;
  }

  deliver(fn: () => void): void {
    if (this.suspended) this.#queued.push(fn);
    else setImmediate(() => (this.suspended ? this.#queued.push(fn) : fn()));
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
    this.#bgTimer = setTimeout(() => {
      for (const s of [...this.sockets]) s.kill(this.#opt.backgroundDrop === 'close', 'closed in background');
    }, this.#opt.backgroundSocketCloseMs);
  }

  show(): void {
    if (!this.hidden) return;
    clearTimeout(this.#bgTimer);
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

  restoreNetwork({ notify = true }: { notify?: boolean } = {}): void {
    this.online = true;
    if (notify) this.#network(true);
  }

  #network(isConnected: boolean): void {
    for (const cb of [...this.networkListeners])
      this.deliver(() => cb({ isConnected, networkType: isConnected ? 'wifi' : 'none' }));
  }

  /** Timers for the bundle's context: they fire late (on show) rather than while suspended. */
  readonly timers = {
    setTimeout: (fn: Fn, ms?: number, ...args: unknown[]) => this.#timer(false, fn, ms, args),
    setInterval: (fn: Fn, ms?: number, ...args: unknown[]) => this.#timer(true, fn, ms, args),
    clearTimeout: (t: unknown) => this.#clear(t),
    clearInterval: (t: unknown) => this.#clear(t),
  };

  #timer(repeat: boolean, fn: Fn, ms: number | undefined, args: unknown[]): NodeJS.Timeout {
    const run = () => (this.suspended ? this.#queued.push(() => fn(...args)) : fn(...args));
    const t = repeat ? setInterval(run, ms) : setTimeout(() => (this.#liveTimers.delete(t), run()), ms);
    this.#liveTimers.add(t);
    return t;
  }

  #clear(t: unknown): void {
    clearTimeout(t as NodeJS.Timeout);
    this.#liveTimers.delete(t as NodeJS.Timeout);
  }

  /** Ends everything this runtime started (sockets, timers), for test teardown. */
  destroy(): void {
    clearTimeout(this.#bgTimer);
    for (const t of this.#liveTimers) clearTimeout(t);
    this.#liveTimers.clear();
    for (const s of [...this.sockets]) s.kill(false);
    this.#queued.length = 0;
  }
}
