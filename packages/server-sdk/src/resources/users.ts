/** Users: registration (one, or many in batches of 60), lookup, password, (de)activation, status, logout. */
import type { AdminHttp } from '../http.js';
import type { Envelope, NewUser, OnlineStatus, Page, UserEntity } from '../types.js';

const BATCH = 60;
const STATUS_BATCH = 100;
const u = (name: string) => `/users/${encodeURIComponent(name)}`;

export interface RegisterManyResult {
  created: UserEntity[];
  /** Users not created, with the server's reason (e.g. they already exist). */
  failed: Array<{ username: string; reason: string }>;
}

export class Users {
  readonly #http: AdminHttp;

  constructor(http: AdminHttp) {
    this.#http = http;
  }

  /** Registers one user; USER_EXISTS when the name is taken. */
  async register(user: NewUser): Promise<UserEntity> {
    const r = await this.#http.call<Envelope>('POST', '/users', { body: user });
    return r.entities![0]!;
  }

  /** Registers any number of users, 60 per request; taken names are reported, not thrown. */
  async registerMany(users: NewUser[]): Promise<RegisterManyResult> {
    const out: RegisterManyResult = { created: [], failed: [] };
    for (let i = 0; i < users.length; i += BATCH) {
      const r = await this.#http.call<Envelope<Array<{ username: string; registerUserFailReason: string }>>>(
        'POST',
        '/users',
        { body: users.slice(i, i + BATCH) },
      );
      out.created.push(...(r.entities ?? []));
      out.failed.push(...(r.data ?? []).map((f) => ({ username: f.username, reason: f.registerUserFailReason })));
    }
    return out;
  }

  async get(username: string): Promise<UserEntity> {
    return (await this.#http.call<Envelope>('GET', u(username))).entities![0]!;
  }

  /** Users by name, `limit` (1-100) at a time. */
  async list(o: { limit?: number; cursor?: string } = {}): Promise<Page<UserEntity>> {
    const r = await this.#http.call<Envelope>('GET', '/users', { query: o });
    return { items: r.entities ?? [], ...(r.cursor ? { cursor: r.cursor } : {}) };
  }

  /** Deletes the user; its sessions close. */
  async delete(username: string): Promise<UserEntity> {
    return (await this.#http.call<Envelope>('DELETE', u(username))).entities![0]!;
  }

  /** Sets a new password; the user's tokens are revoked and its sessions closed. */
  async setPassword(username: string, password: string): Promise<void> {
    await this.#http.call('PUT', `${u(username)}/password`, { body: { newpassword: password } });
  }

  /** Bans the user: tokens revoked, sessions closed, logins refused with USER_DEACTIVATED. */
  async deactivate(username: string): Promise<UserEntity> {
    return (await this.#http.call<Envelope>('POST', `${u(username)}/deactivate`)).entities![0]!;
  }

  async activate(username: string): Promise<void> {
    await this.#http.call('POST', `${u(username)}/activate`);
  }

  /** Online when any device of the user is connected. */
  async status(username: string): Promise<OnlineStatus> {
    const r = await this.#http.call<Envelope<Record<string, OnlineStatus>>>('GET', `${u(username)}/status`);
    return r.data![username.toLowerCase()] ?? 'offline';
  }

  /** Status of many users (100 per request); unknown users are offline. */
  async batchStatus(usernames: string[]): Promise<Record<string, OnlineStatus>> {
    const out: Record<string, OnlineStatus> = {};
    for (let i = 0; i < usernames.length; i += STATUS_BATCH) {
      const r = await this.#http.call<{ data: Array<Record<string, OnlineStatus>> }>('POST', '/users/batch/status', {
        body: { usernames: usernames.slice(i, i + STATUS_BATCH) },
      });
      for (const entry of r.data) Object.assign(out, entry);
    }
    return out;
  }

  /** Forces every session of the user offline (the SDK gets `kicked` and does not reconnect). */
  async forceLogout(username: string): Promise<void> {
    await this.#http.call('GET', `${u(username)}/disconnect`);
  }

  /** A server-issued user token (no password needed: the admin token vouches). */
  async token(username: string, ttlSeconds?: number): Promise<{ token: string; expiresInSeconds: number }> {
    const r = await this.#http.call<{ access_token: string; expires_in: number }>('POST', '/token', {
      body: { grant_type: 'inherit', username, ...(ttlSeconds ? { ttl: ttlSeconds } : {}) },
    });
    return { token: r.access_token, expiresInSeconds: r.expires_in };
  }
}
