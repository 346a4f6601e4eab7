/**
 * One JSON value kept in the platform's key-value storage: read once, written shortly after a change
 * (changes batch into one write) and on flush(). Storage that is missing, full (wx.setStorageSync
 * throws past 10 MB) or broken only costs persistence: the value lives on in memory.
 */
import type { KeyValueStorage } from './platform.js';
import { after } from './timers.js';

const SAVE_DELAY_MS = 300;

export class Persisted {
  readonly #storage: KeyValueStorage | undefined;
  readonly #key: string;
  readonly #serialize: () => string;
  #cancel: (() => void) | undefined;

  constructor(storage: KeyValueStorage | undefined, key: string, serialize: () => string) {
    this.#storage = storage;
    this.#key = key;
    this.#serialize = serialize;
  }

  /** The stored value, or undefined when there is none or it is unreadable. */
  load(): unknown {
    try {
      const raw = this.#storage?.get(this.#key);
      return raw ? (JSON.parse(raw) as unknown) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Schedules a write. */
  changed(): void {
    if (this.#storage && !this.#cancel) this.#cancel = after(SAVE_DELAY_MS, () => this.flush());
  }

  /** Writes now; returns false when storage refused it. */
  flush(): boolean {
    this.#cancel?.();
    this.#cancel = undefined;
    try {
      this.#storage?.set(this.#key, this.#serialize());
      return true;
    } catch {
      return false;
    }
  }
}
