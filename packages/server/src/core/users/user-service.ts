/** Users of an app: registration (single or batch), lookup, password, (de)activation, presence. */
import { PigeonError } from '@pigeon/protocol';
import { hashPassword } from '../auth/passwords.js';
import { uuid } from '../ids.js';
import type { Clock } from '../ports/clock.js';
import type { RelationRepository } from '../ports/relations.js';
import type { UserPatch, UserRepository } from '../ports/users.js';
import type { Hub } from '../sessions/hub.js';
import type { App, UserRecord } from '../types.js';
import { normalizeUsername } from './usernames.js';

export interface NewUserInput {
  username: string;
  password?: string;
  nickname?: string;
}

export interface UserServiceDeps {
  users: UserRepository;
  relations: RelationRepository;
  hub: Hub;
  clock: Clock;
  /** scrypt cost N; lower only in tests. */
  passwordCost?: number;
  /** Run when a user is deleted, to drop what other features keep about them. */
  cleanups?: Array<(appId: string, user: string) => Promise<unknown>>;
  /** Run before a user is deleted, while the user still exists (groups and chatrooms let go of them). */
  departures?: Array<(app: App, user: string) => Promise<unknown>>;
}

export class UserService {
  readonly #d: UserServiceDeps;

  constructor(deps: UserServiceDeps) {
    this.#d = deps;
  }

  /** Creates users; names already taken are returned in `existing` and left untouched. */
  async create(app: App, inputs: NewUserInput[]): Promise<{ created: UserRecord[]; existing: string[] }> {
    const names = inputs.map((u, i) =>
      normalizeUsername(u.username, inputs.length > 1 ? `/${i}/username` : '/username'),
    );
    if (new Set(names).size !== names.length) throw new PigeonError('BAD_REQUEST', 'The batch names a user twice.');
    const now = this.#d.clock.now();
    const records = await Promise.all(inputs.map((u, i) => this.#record(app, names[i]!, u, now)));
    const existing = await this.#d.users.insertMany(records);
    return { created: records.filter((r) => !existing.includes(r.username)), existing };
  }

  async #record(app: App, username: string, u: NewUserInput, now: number): Promise<UserRecord> {
    const passwordHash = u.password === undefined ? null : await hashPassword(u.password, this.#d.passwordCost);
    const nickname = u.nickname ?? null;
    return {
      appId: app.id,
      username,
      uuid: uuid(),
      passwordHash,
      nickname,
      activated: true,
      tokenVersion: 0,
      revokedBefore: 0,
      createdAt: now,
      modifiedAt: now,
    };
  }

  async get(app: App, username: string): Promise<UserRecord> {
    const user = await this.#d.users.get(app.id, normalizeUsername(username));
    if (!user) throw new PigeonError('USER_NOT_FOUND', `No user "${username}" in ${app.appKey}.`);
    return user;
  }

  async exists(app: App, username: string): Promise<boolean> {
    return (await this.#d.users.get(app.id, username)) !== undefined;
  }

  list(app: App, after: string | undefined, limit: number): Promise<UserRecord[]> {
    return this.#d.users.list(app.id, after, limit);
  }

  async delete(app: App, username: string): Promise<UserRecord> {
    const user = await this.get(app, username);
    for (const depart of this.#d.departures ?? []) await depart(app, user.username);
    await this.#d.users.delete(app.id, user.username);
    await this.#d.relations.removeUser(app.id, user.username);
    for (const cleanup of this.#d.cleanups ?? []) await cleanup(app.id, user.username);
    this.#d.hub.disconnect(app.id, user.username, 'admin');
    return user;
  }

  async setPassword(app: App, username: string, password: string): Promise<void> {
    const user = await this.get(app, username);
    await this.#update(app, user, {
      passwordHash: await hashPassword(password, this.#d.passwordCost),
      ...this.#revocation(user),
    });
    this.#d.hub.disconnect(app.id, user.username, 'password_changed');
  }

  async setActivated(app: App, username: string, activated: boolean): Promise<UserRecord> {
    const user = await this.get(app, username);
    const patch: UserPatch = activated ? { activated } : { activated, ...this.#revocation(user) };
    const updated = await this.#update(app, user, patch);
    if (!activated) this.#d.hub.disconnect(app.id, user.username, 'deactivated');
    return updated;
  }

  /** Forced logout: every session of the user is closed (the SDK does not reconnect by itself). */
  async disconnect(app: App, username: string): Promise<void> {
    const user = await this.get(app, username);
    this.#d.hub.disconnect(app.id, user.username, 'admin');
  }

  async isOnline(app: App, username: string): Promise<boolean> {
    const user = await this.get(app, username);
    return this.#d.hub.isOnlineAnywhere(app.id, user.username);
  }

  /** Revokes every token issued so far: server-issued ones by version, offline-minted ones by time. */
  #revocation(user: UserRecord): UserPatch {
    return { tokenVersion: user.tokenVersion + 1, revokedBefore: Math.floor(this.#d.clock.now() / 1000) + 1 };
  }

  async #update(app: App, user: UserRecord, patch: UserPatch): Promise<UserRecord> {
    const full = { ...patch, modifiedAt: this.#d.clock.now() };
    await this.#d.users.update(app.id, user.username, full);
    return { ...user, ...full };
  }
}
