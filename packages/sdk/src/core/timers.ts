/**
 * Timers, read from globalThis at call time. Every runtime we target (browsers, Node, every
 * mini-program) has setTimeout, but it is not part of the ES library the core compiles against, and
 * reading it late lets tests swap in fake timers.
 */
interface TimerGlobals {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const timers = (): TimerGlobals => globalThis as unknown as TimerGlobals;

/** setTimeout fires at once above 2^31-1 ms (24.8 days); longer waits are chained. */
const MAX_DELAY = 2_147_483_647;

export const now = (): number => Date.now();

/** Runs `fn` after `ms` milliseconds; returns a function that cancels it (safe to call twice). */
export function after(ms: number, fn: () => void): () => void {
  let handle: unknown;
  let live = true;
  const arm = (left: number): void => {
    const step = Math.min(Math.max(0, left), MAX_DELAY);
    handle = timers().setTimeout(() => {
      if (left > MAX_DELAY) return arm(left - MAX_DELAY);
      live = false;
      fn();
    }, step);
  };
  arm(ms);
  return () => {
    if (live) timers().clearTimeout(handle);
    live = false;
  };
}

/** Rejects with `error()` when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = after(ms, () => reject(error()));
    promise.then(
      (v) => (cancel(), resolve(v)),
      (e: unknown) => (cancel(), reject(e)),
    );
  });
}

/** Waits `ms` or until `promise` settles, whichever comes first; never rejects. */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const cancel = after(ms, resolve);
    promise.then(
      () => (cancel(), resolve()),
      () => (cancel(), resolve()),
    );
  });
}
