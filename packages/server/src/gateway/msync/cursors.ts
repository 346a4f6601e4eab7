/**
 * Per device (user + SDK resource), the seq up to which each conversation was delivered and acked
 * (the msync SYNC key). Kept in memory by this node: after a restart, or for a device never seen,
 * delivery restarts from the user's read position.
 */
export class CursorStore {
  readonly #byDevice = new Map<string, Map<string, number>>();
  readonly #max: number;

  constructor(maxDevices = 100_000) {
    this.#max = maxDevices;
  }

  device(appId: string, user: string, resource: string): Map<string, number> {
    const key = `${appId}\u0000${user}\u0000${resource}`;
    let m = this.#byDevice.get(key);
    if (m) {
      this.#byDevice.delete(key); // re-insert: the map's order is least recently used first
    } else {
      m = new Map();
      if (this.#byDevice.size >= this.#max) this.#byDevice.delete(this.#byDevice.keys().next().value!);
    }
    this.#byDevice.set(key, m);
    return m;
  }
}
