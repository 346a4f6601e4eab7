/**
 * The highest seq the app has seen, per conversation. Kept in memory, and written through the
 * platform's key-value storage when it has one, so a restarted mini-program resumes where it was.
 * Bounded: the least recently updated conversations are forgotten first (they then sync from their
 * read position, which loses nothing).
 */
import type { KeyValueStorage } from './platform.js';
import { after } from './timers.js';

const SAVE_DELAY_MS = 300;

export class Positions {
  readonly #map = new Map<string, number>();
  readonly #storage: KeyValueStorage | undefined;
  readonly #key: string;
  readonly #max: number;
  #cancelSave: (() => void) | undefined;

  constructor(storage: KeyValueStorage | undefined, key: string, max: number) {
    this.#storage = storage;
    this.#key = key;
    this.#max = max;
    this.#load();
  }

  get(conv: string): number | undefined {
    return this.#map.get(conv);
  }

  set(conv: string, seq: number): void {
    if (this.#map.get(conv) === seq) return;
    this.#map.delete(conv);
    this.#map.set(conv, seq);
    while (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value as string);
    if (this.#storage && !this.#cancelSave) this.#cancelSave = after(SAVE_DELAY_MS, () => this.flush());
  }

  get size(): number {
    return this.#map.size;
  }

  /** Writes now (on close, and after a short delay following changes). */
  flush(): void {
    this.#cancelSave?.();
    this.#cancelSave = undefined;
    try {
      this.#storage?.set(this.#key, JSON.stringify([...this.#map]));
    } catch {
      // storage full or unavailable: positions stay in memory, sync falls back to read positions
    }
  }

  #load(): void {
    try {
      const raw = this.#storage?.get(this.#key);
      const list: unknown = raw ? JSON.parse(raw) : [];
      if (!Array.isArray(list)) return;
      for (const e of list.slice(-this.#max)) {
        if (Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1])) this.#map.set(e[0], e[1] as number);
      }
    } catch {
      // unreadable: start empty
    }
  }
}
