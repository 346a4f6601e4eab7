/**
 * Presence: online devices (from the hub's sessions), a custom status text, and subscriptions with
 * an expiry. Subscribers get `presence` events while their subscription lasts.
 */
import { PRESENCE_LIMITS, PigeonError, type OpReply, type OpRequest, type PresenceInfo } from '@pigeon/protocol';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { PresenceRepository } from '../ports/presence.js';
import type { UserRepository } from '../ports/users.js';
import type { Hub } from '../sessions/hub.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import { PresenceWatch } from './presence-watch.js';

export interface PresenceServiceDeps {
  users: UserRepository;
  presence: PresenceRepository;
  hub: Hub;
  clock: Clock;
  logger: Logger;
}

const encoder = new TextEncoder();

export class PresenceService {
  readonly #d: PresenceServiceDeps;
  readonly #watch: PresenceWatch;

  constructor(deps: PresenceServiceDeps) {
    this.#d = deps;
    this.#watch = new PresenceWatch({ hub: deps.hub, repo: deps.presence, clock: deps.clock, logger: deps.logger });
  }

  /** Sets the user's custom status text ('' clears it); subscribers are told. */
  async publish(caller: Caller, req: OpRequest<'presence.publish'>): Promise<OpReply<'presence.publish'>> {
    const bytes = encoder.encode(req.ext).length;
    if (bytes > PRESENCE_LIMITS.extBytes)
      throw new PigeonError(
        'VALUE_TOO_LARGE',
        `A status is at most ${PRESENCE_LIMITS.extBytes} bytes (got ${bytes}).`,
        {
          details: { path: '/ext', limit: PRESENCE_LIMITS.extBytes },
        },
      );
    await this.#d.presence.setStatus(caller.app.id, caller.user, req.ext, this.#d.clock.now());
    await this.#watch.announce(caller.app.id, caller.user);
    return {};
  }

  async subscribe(caller: Caller, req: OpRequest<'presence.subscribe'>): Promise<OpReply<'presence.subscribe'>> {
    const users = await this.#existing(caller, req.users);
    const now = this.#d.clock.now();
    const { app, user } = caller;
    const had = await this.#d.presence.expiries(app.id, user, users, now);
    const { total } = await this.#d.presence.subscriptions(app.id, user, now, 0, 1);
    if (total + users.filter((u) => !had.has(u)).length > PRESENCE_LIMITS.subscriptionsPerUser)
      throw new PigeonError('LIMIT_EXCEEDED', `At most ${PRESENCE_LIMITS.subscriptionsPerUser} subscriptions.`, {
        details: { limit: PRESENCE_LIMITS.subscriptionsPerUser },
      });
    await this.#d.presence.subscribe(app.id, user, users, now + req.expiry * 1000, now);
    return { presences: await this.#infos(caller, users) };
  }

  async unsubscribe(caller: Caller, req: OpRequest<'presence.unsubscribe'>): Promise<OpReply<'presence.unsubscribe'>> {
    const users = req.users.map((u, i) => normalizeUsername(u, `/users/${i}`));
    await this.#d.presence.unsubscribe(caller.app.id, caller.user, users);
    return {};
  }

  async subscriptions(
    caller: Caller,
    req: OpRequest<'presence.subscriptions'>,
  ): Promise<OpReply<'presence.subscriptions'>> {
    const page = req.page ?? 1;
    const size = req.pageSize ?? 20;
    const r = await this.#d.presence.subscriptions(
      caller.app.id,
      caller.user,
      this.#d.clock.now(),
      (page - 1) * size,
      size,
    );
    return { subs: r.subs, total: r.total };
  }

  async get(caller: Caller, req: OpRequest<'presence.get'>): Promise<OpReply<'presence.get'>> {
    return { presences: await this.#infos(caller, await this.#existing(caller, req.users)) };
  }

  /** Whether the user has a session now (REST batch status, which does not check that users exist). */
  async isOnline(appId: string, user: string): Promise<boolean> {
    return (await this.#watch.devices(appId, user)).devices.length > 0;
  }

  async #existing(caller: Caller, raw: string[]): Promise<string[]> {
    const names = [...new Set(raw.map((u, i) => normalizeUsername(u, `/users/${i}`)))];
    const found = new Set(await this.#d.users.existing(caller.app.id, names));
    const missing = names.find((n) => !found.has(n));
    if (missing !== undefined)
      throw new PigeonError('USER_NOT_FOUND', `No user "${missing}".`, { details: { user: missing } });
    return names;
  }

  async #infos(caller: Caller, users: string[]): Promise<PresenceInfo[]> {
    const appId = caller.app.id;
    const now = this.#d.clock.now();
    const statuses = await this.#d.presence.statuses(appId, users);
    const expiries = await this.#d.presence.expiries(appId, caller.user, users, now);
    return Promise.all(
      users.map(async (user) => {
        const { devices, lastTime } = await this.#watch.devices(appId, user);
        const s = statuses.get(user);
        return {
          user,
          ext: s?.ext ?? '',
          devices,
          lastTime: Math.max(lastTime, s?.updatedAt ?? 0),
          expiresAt: expiries.get(user) ?? 0,
        };
      }),
    );
  }
}
