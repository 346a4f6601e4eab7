/**
 * Storage, network status and app show/hide in the WeChat shape (QQ, Baidu, ByteDance, uni-app).
 * Listeners are removed with the platform's off* only where it takes the listener; otherwise
 * (Baidu's offAppShow() removes every listener, the app's too) they are switched off instead.
 */
import type { KeyValueStorage } from '../../core/platform.js';

type Listener<A> = (arg: A) => void;
type On<A> = ((cb: Listener<A>) => void) | undefined;

export interface WxLikeStorage {
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, data: string): void;
  removeStorageSync(key: string): void;
}

export function wxStorage(api: WxLikeStorage): KeyValueStorage {
  return {
    get(key) {
      try {
        const v = api.getStorageSync(key);
        return typeof v === 'string' && v !== '' ? v : undefined;
      } catch {
        return undefined;
      }
    },
    set: (key, value) => api.setStorageSync(key, value),
    remove(key) {
      try {
        api.removeStorageSync(key);
      } catch {
        // Nothing stored under that key.
      }
    },
  };
}

/** Subscribes `cb` through `on`; the returned function unsubscribes (via `off` when given). */
export function listen<A>(on: On<A>, off: ((cb: never) => void) | undefined, cb: Listener<A>): () => void {
  let live = true;
  const wrapped: Listener<A> = (arg) => {
    if (live) cb(arg);
  };
  on?.(wrapped);
  return () => {
    live = false;
    // Platform typings disagree on the off* listener's argument; it is the same function we passed to on*.
    off?.(wrapped as never);
  };
}

/**
 * Deduplicated app visibility: platform events and manual notifications (uni-app's App.vue
 * onShow/onHide) both land here, and a show is reported only after a hide.
 */
export class Visibility {
  #hidden = false;
  readonly #show = new Set<() => void>();
  readonly #hide = new Set<() => void>();

  get hidden(): boolean {
    return this.#hidden;
  }
  shown(): void {
    if (!this.#hidden) return;
    this.#hidden = false;
    for (const cb of [...this.#show]) cb();
  }
  hid(): void {
    if (this.#hidden) return;
    this.#hidden = true;
    for (const cb of [...this.#hide]) cb();
  }
  onShow(cb: () => void): () => void {
    this.#show.add(cb);
    return () => this.#show.delete(cb);
  }
  onHide(cb: () => void): () => void {
    this.#hide.add(cb);
    return () => this.#hide.delete(cb);
  }
}

/** The listener's argument (launch options) is of no use to Pigeon, so it is typed as none. */
export interface AppEvents {
  onAppShow?(cb: () => void): void;
  onAppHide?(cb: () => void): void;
}

/** `api[key]` bound to `api` when it is a function (platform methods may rely on `this`). */
export function method<T extends object, K extends keyof T>(api: T, key: K): T[K] | undefined {
  const f = api[key];
  return typeof f === 'function' ? (f.bind(api) as T[K]) : undefined;
}

/** One Visibility per platform object, fed by its onAppShow/onAppHide (subscribed once, never removed). */
export function visibilityOf(api: AppEvents): Visibility {
  const v = new Visibility();
  method(api, 'onAppShow')?.(() => v.shown());
  method(api, 'onAppHide')?.(() => v.hid());
  return v;
}
