/**
 * A simulated clock for a mini-program runtime: real time plus whatever the test skipped with
 * advance(). The bundle's timers and `Date` and the platform's own background timer run on it,
 * so a test can keep an app hidden for "6 seconds" or "4 minutes" in a few milliseconds. Timers
 * that fall due inside a skip fire at once, in order; the others are re-armed for what is left.
 */
export interface ClockTimer {
  due: number;
  /** Repeat period for intervals. */
  every?: number;
  fire(): void;
  handle?: NodeJS.Timeout;
}

export class SimClock {
  #skipped = 0;
  readonly #pending = new Set<ClockTimer>();

  now(): number {
    return Date.now() + this.#skipped;
  }

  /** Runs `fn` once after `ms` (or every `ms` when `repeat`) on this clock. */
  schedule(ms: number | undefined, fn: () => void, repeat = false): ClockTimer {
    const delay = Math.max(0, ms ?? 0);
    const t: ClockTimer = { due: this.now() + delay, every: repeat ? Math.max(1, delay) : undefined, fire: fn };
    this.#arm(t);
    return t;
  }

  cancel(t: unknown): void {
    const timer = t as ClockTimer | undefined;
    if (!timer || !this.#pending.has(timer)) return;
    clearTimeout(timer.handle);
    this.#pending.delete(timer);
  }

  /** Skips `ms` ahead: what falls due meanwhile fires now, in due order. */
  advance(ms: number): void {
    this.#skipped += ms;
    for (;;) {
      const next = [...this.#pending].sort((a, b) => a.due - b.due)[0];
      if (!next || next.due > this.now()) break;
      this.#run(next);
    }
    for (const t of this.#pending) this.#arm(t);
  }

  destroy(): void {
    for (const t of this.#pending) clearTimeout(t.handle);
    this.#pending.clear();
  }

  /** `Date` for the bundle's context: `Date.now()` and `new Date()` read this clock. */
  readonly Date: DateConstructor = simDate(() => this.now());

  #arm(t: ClockTimer): void {
    clearTimeout(t.handle);
    this.#pending.add(t);
    t.handle = setTimeout(() => this.#run(t), Math.max(0, t.due - this.now()));
  }

  #run(t: ClockTimer): void {
    clearTimeout(t.handle);
    this.#pending.delete(t);
    if (t.every !== undefined) {
      t.due += t.every;
      if (t.due <= this.now()) t.due = this.now() + t.every;
      this.#arm(t);
    }
    t.fire();
  }
}

function simDate(now: () => number): DateConstructor {
  class SimDate extends Date {
    constructor(...args: [] | [string | number | Date]) {
      if (args.length) super(args[0]);
      else super(now());
    }
    static override now(): number {
      return now();
    }
  }
  return SimDate as unknown as DateConstructor;
}
