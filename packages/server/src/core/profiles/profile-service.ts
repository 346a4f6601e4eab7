/** User profiles ("个人设置", Easemob's user attributes): update, batch fetch, clear; friends hear of changes. */
import {
  CONTACT_LIMITS,
  PROFILE_LIMITS,
  PigeonError,
  type OpReply,
  type OpRequest,
  type ProfileAttrs,
} from '@pigeon/protocol';
import type { Clock } from '../ports/clock.js';
import type { ProfileRepository } from '../ports/profiles.js';
import type { RelationRepository } from '../ports/relations.js';
import type { UserRepository } from '../ports/users.js';
import type { Hub } from '../sessions/hub.js';
import type { App, Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import { checkAttrs, mergeAttrs } from './profile-limits.js';

export interface ProfileServiceDeps {
  users: UserRepository;
  relations: RelationRepository;
  profiles: ProfileRepository;
  hub: Hub;
  clock: Clock;
}

export class ProfileService {
  readonly #d: ProfileServiceDeps;

  constructor(deps: ProfileServiceDeps) {
    this.#d = deps;
  }

  /** Sets attributes ('' removes one); returns the whole profile. Friends and other devices get `profile`. */
  async update(caller: Caller, req: OpRequest<'profile.update'>, path = '/attrs'): Promise<OpReply<'profile.update'>> {
    const update = checkAttrs(req.attrs, path);
    await this.#mustExist(caller.app, caller.user);
    const current = (await this.#d.profiles.get(caller.app.id, [caller.user])).get(caller.user) ?? {};
    const attrs = mergeAttrs(current, update);
    const ts = this.#d.clock.now();
    await this.#d.profiles.put(caller.app.id, caller.user, attrs, ts);
    await this.#notify(caller, { user: caller.user, attrs: update, ts });
    return { attrs };
  }

  /** Profiles of existing users ({} for those without one); unknown users are left out, as Easemob does. */
  async get(app: App, req: OpRequest<'profile.get'>): Promise<OpReply<'profile.get'>> {
    if (req.users.length > PROFILE_LIMITS.usersPerFetch)
      throw new PigeonError('BAD_REQUEST', `At most ${PROFILE_LIMITS.usersPerFetch} users at once.`, {
        details: { path: '/users' },
      });
    const names = [...new Set(req.users.map((u, i) => normalizeUsername(u, `/users/${i}`)))];
    const existing = await this.#d.users.existing(app.id, names);
    const stored = await this.#d.profiles.get(app.id, existing);
    const keys = req.keys?.length ? new Set(req.keys) : undefined;
    const profiles: Record<string, ProfileAttrs> = {};
    for (const u of existing) profiles[u] = pick(stored.get(u) ?? {}, keys);
    return { profiles };
  }

  /** Removes every attribute of the user (REST DELETE /metadata/user/{u}). */
  async clear(caller: Caller): Promise<boolean> {
    await this.#mustExist(caller.app, caller.user);
    const removed = await this.#d.profiles.remove(caller.app.id, caller.user);
    if (removed) await this.#notify(caller, { user: caller.user, attrs: {}, cleared: true, ts: this.#d.clock.now() });
    return removed;
  }

  async #mustExist(app: App, user: string): Promise<void> {
    if (!(await this.#d.users.get(app.id, user)))
      throw new PigeonError('USER_NOT_FOUND', `No user "${user}".`, { details: { user } });
  }

  /** To every friend, and to the user's other devices. */
  async #notify(
    caller: Caller,
    ev: { user: string; attrs: ProfileAttrs; cleared?: boolean; ts: number },
  ): Promise<void> {
    const { app, user } = caller;
    const friends = await this.#d.relations.list(app.id, user, 'friend', undefined, CONTACT_LIMITS.contactsPerUser);
    for (const f of friends) this.#d.hub.emit(app.id, f.peer, 'profile', ev);
    this.#d.hub.emit(app.id, user, 'profile', ev, caller.sessionId);
  }
}

function pick(attrs: ProfileAttrs, keys: Set<string> | undefined): ProfileAttrs {
  if (!keys) return attrs;
  return Object.fromEntries(Object.entries(attrs).filter(([k]) => keys.has(k)));
}
