/** Friends (bound both ways at once by the backend) and block lists. */
import type { AdminHttp } from '../http.js';
import type { Envelope, Page } from '../types.js';

const u = (name: string) => `/users/${encodeURIComponent(name)}`;

export class Contacts {
  readonly #http: AdminHttp;

  constructor(http: AdminHttp) {
    this.#http = http;
  }

  /** Makes two users friends both ways, no request or consent; both get onContactAdded. */
  async add(user: string, friend: string): Promise<void> {
    await this.#http.call('POST', `${u(user)}/contacts/users/${encodeURIComponent(friend)}`);
  }

  /** Ends the friendship both ways; both get onContactDeleted. */
  async remove(user: string, friend: string): Promise<void> {
    await this.#http.call('DELETE', `${u(user)}/contacts/users/${encodeURIComponent(friend)}`);
  }

  /** Every friend's name. */
  async list(user: string): Promise<string[]> {
    return (await this.#http.call<Envelope<string[]>>('GET', `${u(user)}/contacts/users`)).data ?? [];
  }

  /** Friends a page at a time, with the user's remark for each. */
  async page(
    user: string,
    o: { limit?: number; cursor?: string } = {},
  ): Promise<Page<{ username: string; remark: string | null }>> {
    const r = await this.#http.call<
      Envelope<{ contacts: Array<{ username: string; remark: string | null }>; cursor?: string }>
    >('GET', `/user/${encodeURIComponent(user)}/contacts`, { query: { ...o, needReturnRemark: true } });
    return { items: r.data?.contacts ?? [], ...(r.data?.cursor ? { cursor: r.data.cursor } : {}) };
  }
}

export class Blocks {
  readonly #http: AdminHttp;

  constructor(http: AdminHttp) {
    this.#http = http;
  }

  /** `user` blocks `others`: their 1:1 messages to `user` fail with BLOCKED. Returns the whole list. */
  async add(user: string, others: string[]): Promise<string[]> {
    return (
      (await this.#http.call<Envelope<string[]>>('POST', `${u(user)}/blocks/users`, { body: { usernames: others } }))
        .data ?? []
    );
  }

  async list(user: string): Promise<string[]> {
    return (await this.#http.call<Envelope<string[]>>('GET', `${u(user)}/blocks/users`)).data ?? [];
  }

  async remove(user: string, other: string): Promise<void> {
    await this.#http.call('DELETE', `${u(user)}/blocks/users/${encodeURIComponent(other)}`);
  }
}
