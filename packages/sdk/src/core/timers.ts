/**
 * Timers, read as plain globals at call time. Not through `globalThis`: older mini-program JS
 * engines (iOS 10-11 JavaScriptCore, early Android X5) lack it, while every runtime we target has
 * setTimeout as a global binding. Reading late also lets tests swap in fake timers. The core only
 * needs setTimeout/clearTimeout: the heartbeat chains timeouts rather than using setInterval, so a
 * late tick shows that the app's timers were frozen.
 */
declare function setTimeout(fn: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

/** setTimeout fires at once above 2^31-1 ms (24.8 days); longer waits are chained. */
const MAX_DELAY = 2_147_483_647;

export const now = (): number => Date.now();

/** `typeof` never throws on a missing global: a runtime without timers gets a clear error instead. */
function arm(fn: () => void, ms: number): unknown {
  if (typeof setTimeout !== 'function') throw new TypeError('Pigeon needs setTimeout, which this runtime lacks');
  return setTimeout(fn, ms);
}

/** Runs `fn` after `ms` milliseconds; returns a function that cancels it (safe to call twice). */
export function after(ms: number, fn: () => void): () => void {
  let handle: unknown;
  let live = true;
  const wait = (left: number): void => {
    handle = arm(
      () => {
        if (left > MAX_DELAY) return wait(left - MAX_DELAY);
        live = false;
        fn();
      },
      Math.min(Math.max(0, left), MAX_DELAY),
    );
  };
  wait(ms);
  return () => {
    if (live && typeof clearTimeout === 'function') clearTimeout(handle);
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
