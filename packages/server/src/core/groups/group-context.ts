/** What every group service needs, and the helpers they share. */
import type { GroupEventData } from '@pigeon/protocol';
import type { IdGenerator } from '../ids.js';
import type { Clock } from '../ports/clock.js';
import type { Repositories } from '../ports/index.js';
import type { Hub } from '../sessions/hub.js';
import { KeyedLock } from '../social/keyed-lock.js';
import type { App, Caller } from '../types.js';
import { existingUsers } from '../social/users.js';
import type { GroupDirectory, GroupState } from './group-state.js';

export interface GroupLimits {
  /** Largest maxUsers a group may have. */
  maxUsersCap: number;
  /** maxUsers of a group created without one. */
  defaultMaxUsers: number;
  /** Groups kept in the member cache. */
  cacheSize: number;
}

export interface GroupDeps {
  repos: Repositories;
  hub: Hub;
  clock: Clock;
  ids: IdGenerator;
  limits: GroupLimits;
  /** Told of every group event (webhooks). */
  observer?: { group(app: App, d: GroupEventData): void };
}

export class GroupContext {
  readonly repos: Repositories;
  readonly hub: Hub;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly limits: GroupLimits;
  readonly directory: GroupDirectory;
  readonly #observer: GroupDeps['observer'];
  readonly #lock = new KeyedLock();

  constructor(d: GroupDeps, directory: GroupDirectory) {
    ({ repos: this.repos, hub: this.hub, clock: this.clock, ids: this.ids, limits: this.limits } = d);
    this.directory = directory;
    this.#observer = d.observer;
  }

  /** Loads the group and runs a change with no other change of the same group in between. */
  mutate<T>(caller: Caller, groupId: string, fn: (s: GroupState) => Promise<T>): Promise<T> {
    return this.#lock.run(`${caller.app.id}\u0000${groupId}`, async () => fn(await this.state(caller, groupId)));
  }

  state(caller: Caller, groupId: string): Promise<GroupState> {
    return this.directory.get(caller.app.id, groupId);
  }

  changed(caller: Caller, groupId: string): void {
    this.directory.invalidate(caller.app.id, groupId);
  }

  /** Tells users about a change; the session that made it does not get its own echo. */
  notify(caller: Caller, users: Iterable<string>, d: Omit<GroupEventData, 'from'> & { from?: string }): void {
    const event = { from: caller.user, ...d };
    this.hub.emitMany(caller.app.id, users, 'group', event, caller.sessionId);
    this.#observer?.group(caller.app, event);
  }

  /** Normalized, distinct user names that exist in the app; throws USER_NOT_FOUND naming the missing. */
  existingUsers(caller: Caller, users: unknown, path = '/users'): Promise<string[]> {
    return existingUsers(this.repos.users, caller, users, path);
  }

  others(s: GroupState, ...not: string[]): string[] {
    return s.names.filter((u) => !not.includes(u));
  }

  managers(s: GroupState): string[] {
    return s.names.filter((u) => s.members.get(u)!.role !== 'member');
  }
}
