/**
 * What groups and chatrooms share on the REST API (`/chatgroups/{id}/...` and `/chatrooms/{id}/...`):
 * members, admins, mutes, the block list, the announcement.
 */
import type { AdminHttp } from '../http.js';
import type { Envelope } from '../types.js';

export interface UserResult {
  user: string;
  result: boolean;
  reason?: string;
}

export interface Roster {
  owner: string;
  /** Everyone else (admins included), in the server's order. */
  members: string[];
  /** Members in all. */
  total: number;
}

const list = (users: string[]): string => users.map(encodeURIComponent).join(',');
const many = <T>(d: T | T[] | undefined): T[] => (Array.isArray(d) ? d : d === undefined ? [] : [d]);

export class ChannelRoster {
  protected readonly http: AdminHttp;
  readonly #base: string;

  constructor(http: AdminHttp, base: '/chatgroups' | '/chatrooms') {
    this.http = http;
    this.#base = base;
  }

  protected path(id: string, rest = ''): string {
    return `${this.#base}/${encodeURIComponent(id)}${rest}`;
  }

  async members(id: string, o: { pageNum?: number; pageSize?: number } = {}): Promise<Roster> {
    const query = { pagenum: o.pageNum, pagesize: o.pageSize };
    const r = await this.http.call<Envelope<Array<{ owner?: string; member?: string }>>>(
      'GET',
      this.path(id, '/users'),
      {
        query,
      },
    );
    const entries = r.data ?? [];
    const owner = entries.find((e) => e.owner)?.owner ?? '';
    const members = entries.flatMap((e) => (e.member ? [e.member] : []));
    return { owner, members, total: r.count ?? entries.length };
  }

  /** Adds users at once (no invitation to accept); returns those who joined. */
  async addMembers(id: string, users: string[]): Promise<string[]> {
    const r = await this.http.call<Envelope<{ newmembers: string[] }>>('POST', this.path(id, '/users'), {
      body: { usernames: users },
    });
    return r.data?.newmembers ?? [];
  }

  async removeMembers(id: string, users: string[]): Promise<UserResult[]> {
    return many(
      (await this.http.call<Envelope<UserResult | UserResult[]>>('DELETE', this.path(id, `/users/${list(users)}`)))
        .data,
    );
  }

  async admins(id: string): Promise<string[]> {
    return (await this.http.call<Envelope<string[]>>('GET', this.path(id, '/admin'))).data ?? [];
  }

  async addAdmin(id: string, user: string): Promise<void> {
    await this.http.call('POST', this.path(id, '/admin'), { body: { newadmin: user } });
  }

  async removeAdmin(id: string, user: string): Promise<void> {
    await this.http.call('DELETE', this.path(id, `/admin/${encodeURIComponent(user)}`));
  }

  /** Mutes members for `durationMs` (-1: until unmuted). */
  async mute(id: string, users: string[], durationMs: number): Promise<Array<{ user: string; expire: number }>> {
    const body = { usernames: users, mute_duration: durationMs };
    const r = await this.http.call<Envelope<Array<{ user: string; expire: number }>>>('POST', this.path(id, '/mute'), {
      body,
    });
    return (r.data ?? []).map(({ user, expire }) => ({ user, expire }));
  }

  async unmute(id: string, users: string[]): Promise<UserResult[]> {
    return many((await this.http.call<Envelope<UserResult[]>>('DELETE', this.path(id, `/mute/${list(users)}`))).data);
  }

  async muted(id: string): Promise<Array<{ user: string; expire: number }>> {
    return (
      (await this.http.call<Envelope<Array<{ user: string; expire: number }>>>('GET', this.path(id, '/mute'))).data ??
      []
    );
  }

  /** Mutes everyone but the owner and admins (`false` lifts it). */
  async muteAll(id: string, mute = true): Promise<void> {
    await this.http.call(mute ? 'POST' : 'DELETE', this.path(id, '/ban'));
  }

  /** Removes users and keeps them out. */
  async block(id: string, users: string[]): Promise<UserResult[]> {
    const r = await this.http.call<Envelope<UserResult | UserResult[]>>('POST', this.path(id, '/blocks/users'), {
      body: { usernames: users },
    });
    return many(r.data);
  }

  async unblock(id: string, users: string[]): Promise<UserResult[]> {
    return many(
      (
        await this.http.call<Envelope<UserResult | UserResult[]>>(
          'DELETE',
          this.path(id, `/blocks/users/${list(users)}`),
        )
      ).data,
    );
  }

  async blocked(id: string): Promise<string[]> {
    return (await this.http.call<Envelope<string[]>>('GET', this.path(id, '/blocks/users'))).data ?? [];
  }

  async announcement(id: string): Promise<string> {
    const r = await this.http.call<Envelope<{ announcement?: string }>>('GET', this.path(id, '/announcement'));
    return r.data?.announcement ?? '';
  }

  /** Sets the announcement (empty deletes it). */
  async setAnnouncement(id: string, announcement: string): Promise<void> {
    await this.http.call('POST', this.path(id, '/announcement'), { body: { announcement } });
  }
}
