/** A bounded map that forgets its oldest entries: remembers recent ids without growing forever. */
export class RecentMap<K, V> {
  readonly #map = new Map<K, V>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value as K);
  }
}

/** A bounded set; `add` returns false when the value was already there. */
export class RecentSet<K> {
  readonly #map: RecentMap<K, true>;

  constructor(max: number) {
    this.#map = new RecentMap(max);
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  add(key: K): boolean {
    if (this.#map.has(key)) return false;
    this.#map.set(key, true);
    return true;
  }
}
