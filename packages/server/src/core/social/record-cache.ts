/**
 * A bounded cache of loaded records (a group with its members, a chatroom with its lists), dropped
 * on change on every node: `invalidate` publishes on the bus topic `cache:<name>`. A load that was
 * running when its key was invalidated is not kept (it may have read the old rows).
 */
import type { Bus, BusMessage } from '../ports/bus.js';

interface Loading<V> {
  promise: Promise<V | undefined>;
  stale: boolean;
}

export class RecordCache<V> {
  readonly #bus: Bus;
  readonly #topic: string;
  readonly #max: number;
  readonly #load: (appId: string, id: string) => Promise<V | undefined>;
  readonly #values = new Map<string, V>();
  readonly #loading = new Map<string, Loading<V>>();

  constructor(bus: Bus, name: string, max: number, load: (appId: string, id: string) => Promise<V | undefined>) {
    this.#bus = bus;
    this.#topic = `cache:${name}`;
    this.#max = max;
    this.#load = load;
    bus.subscribe(this.#topic, (m: BusMessage) => {
      if (m.t === 'invalidate') this.#drop(m.key);
    });
  }

  async get(appId: string, id: string): Promise<V | undefined> {
    const key = `${appId}\u0000${id}`;
    const hit = this.#values.get(key);
    if (hit !== undefined) {
      this.#values.delete(key); // most recently used last
      this.#values.set(key, hit);
      return hit;
    }
    let loading = this.#loading.get(key);
    if (!loading) {
      const entry: Loading<V> = { promise: this.#load(appId, id), stale: false };
      this.#loading.set(key, (loading = entry));
      void entry.promise.then(
        (v) => this.#settle(key, entry, v),
        () => this.#loading.get(key) === entry && this.#loading.delete(key),
      );
    }
    return loading.promise;
  }

  invalidate(appId: string, id: string): void {
    const key = `${appId}\u0000${id}`;
    this.#drop(key);
    this.#bus.publish(this.#topic, { t: 'invalidate', key });
  }

  #settle(key: string, entry: Loading<V>, v: V | undefined): void {
    if (this.#loading.get(key) === entry) this.#loading.delete(key);
    if (entry.stale || v === undefined) return;
    this.#values.set(key, v);
    while (this.#values.size > this.#max) this.#values.delete(this.#values.keys().next().value as string);
  }

  #drop(key: string): void {
    this.#values.delete(key);
    const loading = this.#loading.get(key);
    if (loading) {
      loading.stale = true;
      this.#loading.delete(key);
    }
  }
}
