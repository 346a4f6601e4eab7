/**
 * Turns session changes into `presence` events for subscribers. Changes of one user within a tick
 * (a device reconnecting replaces its old session) are coalesced and only a real change is sent.
 * Events go through the hub, so subscribers on any node get them.
 */
import type { PresenceDevice, PresenceInfo } from '@pigeon/protocol';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { PresenceRepository } from '../ports/presence.js';
import type { Hub } from '../sessions/hub.js';
import { DeviceSnapshots } from './device-snapshots.js';

const key = (appId: string, user: string) => `${appId}\u0000${user}`;

export class PresenceWatch {
  readonly snapshots = new DeviceSnapshots();
  readonly #pending = new Map<string, { appId: string; user: string }>();
  readonly #reports = new Map<string, Promise<unknown>>();
  readonly #hub: Hub;
  readonly #repo: PresenceRepository;
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(deps: { hub: Hub; repo: PresenceRepository; clock: Clock; logger: Logger }) {
    this.#hub = deps.hub;
    this.#repo = deps.repo;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    deps.hub.onSessionsChanged((appId, user) => this.#schedule(appId, user));
  }

  /** Online devices of the user (on every node) and when that last changed. */
  async devices(appId: string, user: string): Promise<{ devices: PresenceDevice[]; lastTime: number }> {
    const byId = new Map((await this.#hub.devices(appId, user)).map((d) => [d.deviceId, d.platform]));
    const devices = [...byId].map(([deviceId, platform]) => ({ deviceId, platform, online: true }));
    return { devices, lastTime: this.snapshots.lastTime(key(appId, user)) };
  }

  /** Sends the user's presence to every live subscriber (`devices` overrides the current list). */
  async announce(appId: string, user: string, devices?: PresenceDevice[]): Promise<void> {
    const now = this.#clock.now();
    const subscribers = await this.#repo.subscribersOf(appId, user, now);
    if (subscribers.length === 0) return;
    const ext = (await this.#repo.statuses(appId, [user])).get(user);
    const current = await this.devices(appId, user);
    const base = { user, ext: ext?.ext ?? '', devices: devices ?? current.devices };
    const lastTime = Math.max(current.lastTime, ext?.updatedAt ?? 0);
    for (const s of subscribers) {
      const info: PresenceInfo = { ...base, lastTime, expiresAt: s.expiresAt };
      this.#hub.emit(appId, s.user, 'presence', info);
    }
  }

  #schedule(appId: string, user: string): void {
    const k = key(appId, user);
    if (this.#pending.has(k)) return;
    this.#pending.set(k, { appId, user });
    if (this.#pending.size === 1) setImmediate(() => this.#flush());
  }

  #flush(): void {
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    for (const { appId, user } of batch) {
      // One report at a time per user, so a slower earlier one cannot overwrite a later state.
      const k = key(appId, user);
      const next = (this.#reports.get(k) ?? Promise.resolve())
        .then(() => this.#report(appId, user))
        // During shutdown the store may close before this runs: nothing to tell anyone then.
        .catch((err: unknown) => this.#logger.debug({ err }, 'presence fan-out failed'));
      this.#reports.set(k, next);
      void next.then(() => this.#reports.get(k) === next && this.#reports.delete(k));
    }
  }

  async #report(appId: string, user: string): Promise<void> {
    const now = await this.#hub.devices(appId, user);
    const change = this.snapshots.update(key(appId, user), now, this.#clock.now());
    if (change) await this.announce(appId, user, change);
  }
}
