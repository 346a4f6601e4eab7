/**
 * Slows password guessing on the console sign-in: after `maxFailures` failures for one key (a
 * client address, or a user name) within `windowMs`, that key is refused until the window passes.
 * In memory: a restart forgets, which only ever helps the rightful administrator.
 */
export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
}

interface Entry {
  failures: number;
  since: number;
}

export class LoginThrottle {
  readonly #o: ThrottleOptions;
  readonly #entries = new Map<string, Entry>();

  constructor(o: ThrottleOptions) {
    this.#o = o;
  }

  /** Milliseconds until the key may try again; 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const e = this.#entries.get(key);
    if (!e) return 0;
    const left = e.since + this.#o.windowMs - now;
    if (left <= 0) {
      this.#entries.delete(key);
      return 0;
    }
    return e.failures >= this.#o.maxFailures ? left : 0;
  }

  fail(key: string, now: number): void {
    const e = this.#entries.get(key);
    if (!e || e.since + this.#o.windowMs <= now) this.#entries.set(key, { failures: 1, since: now });
    else e.failures++;
    if (this.#entries.size > 10_000) this.#entries.delete(this.#entries.keys().next().value!);
  }

  succeed(key: string): void {
    this.#entries.delete(key);
  }
}
