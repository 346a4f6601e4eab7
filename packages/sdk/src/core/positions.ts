/**
 * The highest seq the app has seen, per conversation. Kept in memory, and written through the
 * platform's key-value storage when it has one, so a restarted mini-program resumes where it was.
 * Bounded: the least recently updated conversations are forgotten first (they then sync from their
 * read position, which loses nothing).
 */
import { Persisted } from './persisted.js';
import type { KeyValueStorage } from './platform.js';

export class Positions {
  readonly #map = new Map<string, number>();
  readonly #max: number;
  readonly #store: Persisted;

  constructor(storage: KeyValueStorage | undefined, key: string, max: number) {
    this.#max = max;
    this.#store = new Persisted(storage, key, () => JSON.stringify([...this.#map]));
    const list = this.#store.load();
    if (!Array.isArray(list)) return;
    for (const e of list.slice(-max)) {
      if (Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1])) this.#map.set(e[0], e[1] as number);
    }
  }

  get(conv: string): number | undefined {
    return this.#map.get(conv);
  }

  set(conv: string, seq: number): void {
    if (this.#map.get(conv) === seq) return;
    this.#map.delete(conv);
    this.#map.set(conv, seq);
    while (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value as string);
    this.#store.changed();
  }

  get size(): number {
    return this.#map.size;
  }

  /** Writes now (on close, and after a short delay following changes). */
  flush(): void {
    this.#store.flush();
  }
}
