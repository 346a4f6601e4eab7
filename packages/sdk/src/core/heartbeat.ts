/**
 * Heartbeat: a ping every interval, and a watchdog. Any frame counts as life; after about two
 * intervals of silence the socket is declared dead. This catches mini-program sockets that die
 * without ever calling their close callback. Silence while the app's timers were frozen (hidden in
 * the background) is not held against the socket: it gets a ping first.
 */
import { after, now } from './timers.js';

export class Heartbeat {
  readonly #intervalMs: number;
  readonly #ping: () => void;
  readonly #dead: () => void;
  #last = 0;
  /** When the pending tick should fire. */
  #due = 0;
  #cancel: (() => void) | undefined;

  constructor(intervalMs: number, ping: () => void, dead: () => void) {
    this.#intervalMs = intervalMs;
    this.#ping = ping;
    this.#dead = dead;
  }

  start(): void {
    this.stop();
    this.#last = now();
    this.#arm();
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  /** A frame arrived. */
  touch(): void {
    this.#last = now();
  }

  silentFor(): number {
    return now() - this.#last;
  }

  /** True when the socket has been silent long enough to be presumed dead. */
  get expired(): boolean {
    return this.silentFor() >= 2 * this.#intervalMs;
  }

  #arm(): void {
    this.#due = now() + this.#intervalMs;
    this.#cancel = after(this.#intervalMs, () => this.#tick());
  }

  #tick(): void {
    // A tick an interval late means our timers were frozen (app in the background): no pings went
    // out, so the silence proves nothing. Ping now; the next tick judges.
    const late = now() - this.#due > this.#intervalMs;
    if (this.expired && !late) {
      this.#cancel = undefined;
      this.#dead();
      return;
    }
    this.#ping();
    this.#arm();
  }
}
