/** Chatrooms: create, read, list, modify, destroy, super admins, a user's rooms; members etc. from ChannelRoster. */
import type { AdminHttp } from '../http.js';
import type { Envelope } from '../types.js';
import { ChannelRoster } from './channel-roster.js';

export interface NewChatroom {
  name: string;
  owner: string;
  description?: string;
  maxUsers?: number;
  members?: string[];
  custom?: string;
}

export interface ChatroomDetail {
  id: string;
  name: string;
  description: string;
  owner: string;
  maxusers: number;
  affiliations_count: number;
  [extra: string]: unknown;
}

export interface ChatroomSummary {
  id: string;
  name: string;
  owner: string;
  affiliations_count: number;
}

const easemob = (r: Partial<NewChatroom>) => {
  const b: Record<string, unknown> = {
    name: r.name,
    description: r.description,
    maxusers: r.maxUsers,
    custom: r.custom,
    owner: r.owner,
    members: r.members,
  };
  return Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
};

export class Chatrooms extends ChannelRoster {
  constructor(http: AdminHttp) {
    super(http, '/chatrooms');
  }

  /** Creates a room owned by `owner`; returns its id. */
  async create(r: NewChatroom): Promise<string> {
    return (await this.http.call<Envelope<{ id: string }>>('POST', '/chatrooms', { body: easemob(r) })).data!.id;
  }

  async get(id: string): Promise<ChatroomDetail> {
    return (await this.http.call<Envelope<ChatroomDetail[]>>('GET', this.path(id))).data![0]!;
  }

  async list(o: { pageNum?: number; pageSize?: number } = {}): Promise<ChatroomSummary[]> {
    const query = { pagenum: o.pageNum, pagesize: o.pageSize };
    return (await this.http.call<Envelope<ChatroomSummary[]>>('GET', '/chatrooms', { query })).data ?? [];
  }

  async update(id: string, patch: Omit<Partial<NewChatroom>, 'owner' | 'members'>): Promise<void> {
    await this.http.call('PUT', this.path(id), { body: easemob(patch) });
  }

  /** Destroys the room; members present get `destroy`. */
  async destroy(id: string): Promise<void> {
    await this.http.call('DELETE', this.path(id));
  }

  async joinedBy(user: string): Promise<Array<{ id: string; name: string }>> {
    const path = `/users/${encodeURIComponent(user)}/joined_chatrooms`;
    return (await this.http.call<Envelope<Array<{ id: string; name: string }>>>('GET', path)).data ?? [];
  }

  /** Super admins may create rooms from the SDK. */
  async superAdmins(): Promise<string[]> {
    return (await this.http.call<Envelope<string[]>>('GET', '/chatrooms/super_admin')).data ?? [];
  }

  async addSuperAdmin(user: string): Promise<void> {
    await this.http.call('POST', '/chatrooms/super_admin', { body: { superadmin: user } });
  }

  async removeSuperAdmin(user: string): Promise<void> {
    await this.http.call('DELETE', `/chatrooms/super_admin/${encodeURIComponent(user)}`);
  }
}
