/** Fixed-window counters in this process (one node). Bounded: the oldest keys go first past `maxKeys`. */
import type { RateCounter, WindowCount } from '../core/ports/rate-counter.js';

interface Entry {
  count: number;
  endsAt: number;
}

export class MemoryRateCounter implements RateCounter {
  readonly #entries = new Map<string, Entry>();
  readonly #maxKeys: number;
  readonly #now: () => number;

  constructor(maxKeys = 100_000, now = () => Date.now()) {
    this.#maxKeys = maxKeys;
    this.#now = now;
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.#now();
    let e = this.#live(key, now);
    if (!e) {
      e = { count: 0, endsAt: now + windowMs };
      this.#entries.set(key, e);
      if (this.#entries.size > this.#maxKeys) this.#entries.delete(this.#entries.keys().next().value!);
    }
    e.count++;
    return { count: e.count, resetMs: e.endsAt - now };
  }

  async peek(key: string): Promise<WindowCount> {
    const now = this.#now();
    const e = this.#live(key, now);
    return e ? { count: e.count, resetMs: e.endsAt - now } : { count: 0, resetMs: 0 };
  }

  async reset(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }

  #live(key: string, now: number): Entry | undefined {
    const e = this.#entries.get(key);
    if (e && e.endsAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }
}
