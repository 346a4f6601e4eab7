/**
 * What each online user's devices were at the last presence fan-out, and when users were last seen
 * (bounded: the oldest are forgotten first). In-process; the cluster issue moves it next to the bus.
 */
import type { PresenceDevice } from '@pigeon/protocol';

export interface Snapshot {
  devices: Map<string, string>;
  at: number;
}

const LAST_SEEN_MAX = 100_000;

export class DeviceSnapshots {
  readonly #online = new Map<string, Snapshot>();
  readonly #lastSeen = new Map<string, number>();

  get(key: string): Snapshot | undefined {
    return this.#online.get(key);
  }

  lastTime(key: string): number {
    return this.#online.get(key)?.at ?? this.#lastSeen.get(key) ?? 0;
  }

  /**
   * Records the devices now; returns the change to announce (the current devices plus those that
   * went offline), or undefined when nothing changed since the last call.
   */
  update(key: string, now: Array<{ deviceId: string; platform: string }>, at: number): PresenceDevice[] | undefined {
    const before = this.#online.get(key)?.devices ?? new Map<string, string>();
    const after = new Map(now.map((d) => [d.deviceId, d.platform]));
    if (before.size === after.size && [...after.keys()].every((id) => before.has(id))) return undefined;
    if (after.size) this.#online.set(key, { devices: after, at });
    else this.#wentOffline(key, at);
    const gone = [...before].filter(([id]) => !after.has(id));
    return [
      ...[...after].map(([deviceId, platform]) => ({ deviceId, platform, online: true })),
      ...gone.map(([deviceId, platform]) => ({ deviceId, platform, online: false })),
    ];
  }

  #wentOffline(key: string, at: number): void {
    this.#online.delete(key);
    this.#lastSeen.delete(key);
    this.#lastSeen.set(key, at);
    if (this.#lastSeen.size > LAST_SEEN_MAX) this.#lastSeen.delete(this.#lastSeen.keys().next().value as string);
  }
}
