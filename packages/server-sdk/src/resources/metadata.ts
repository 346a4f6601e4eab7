/** User attributes (Easemob's "metadata": nickname, avatarurl, any key), string values. */
import type { AdminHttp } from '../http.js';

export type Attributes = Record<string, string>;
const m = (name: string) => `/metadata/user/${encodeURIComponent(name)}`;

export class Metadata {
  readonly #http: AdminHttp;

  constructor(http: AdminHttp) {
    this.#http = http;
  }

  /** Sets (merges) attributes; returns all of the user's attributes. Friends online are told. */
  async set(user: string, attrs: Record<string, string | number | boolean>): Promise<Attributes> {
    return (await this.#http.call<{ data: Attributes }>('PUT', m(user), { body: attrs })).data;
  }

  async get(user: string): Promise<Attributes> {
    return (await this.#http.call<{ data: Attributes }>('GET', m(user))).data;
  }

  /** Attributes of up to 100 users (only `properties` when given); unknown users are left out. */
  async getMany(users: string[], properties?: string[]): Promise<Record<string, Attributes>> {
    const body = { targets: users, ...(properties ? { properties } : {}) };
    return (await this.#http.call<{ data: Record<string, Attributes> }>('POST', '/metadata/user/get', { body })).data;
  }

  async delete(user: string): Promise<void> {
    await this.#http.call('DELETE', m(user));
  }
}
