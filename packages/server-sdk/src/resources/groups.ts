/** Groups: create, read, list, modify, transfer, destroy, a user's groups; members etc. from ChannelRoster. */
import type { AdminHttp } from '../http.js';
import type { Envelope, Page } from '../types.js';
import { ChannelRoster } from './channel-roster.js';

export interface GroupSettings {
  description?: string;
  public?: boolean;
  maxUsers?: number;
  /** Joining needs the owner's or an admin's approval. */
  approval?: boolean;
  allowInvites?: boolean;
  inviteNeedConfirm?: boolean;
  /** The app's own data about the group. */
  custom?: string;
  avatar?: string;
}

export interface NewGroup extends GroupSettings {
  name: string;
  owner: string;
  members?: string[];
}

export interface GroupDetail {
  id: string;
  name: string;
  description: string;
  owner: string;
  public: boolean;
  membersonly: boolean;
  allowinvites: boolean;
  maxusers: number;
  created: number;
  custom: string;
  mute: boolean;
  affiliations_count: number;
  affiliations: Array<{ owner?: string; member?: string; joined_time: number }>;
}

export interface GroupSummary {
  groupid: string;
  groupname: string;
  owner: string;
  affiliations: number;
}

const easemob = (s: GroupSettings & { name?: string }) => {
  const b: Record<string, unknown> = {
    groupname: s.name,
    description: s.description,
    public: s.public,
    maxusers: s.maxUsers,
    membersonly: s.approval,
    allowinvites: s.allowInvites,
    invite_need_confirm: s.inviteNeedConfirm,
    custom: s.custom,
    avatar: s.avatar,
  };
  return Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
};

export class Groups extends ChannelRoster {
  constructor(http: AdminHttp) {
    super(http, '/chatgroups');
  }

  /** Creates a group owned by `owner`; `members` join at once. Returns the group id. */
  async create(g: NewGroup): Promise<string> {
    const body = { ...easemob(g), owner: g.owner, ...(g.members ? { members: g.members } : {}) };
    return (await this.http.call<Envelope<{ groupid: string }>>('POST', '/chatgroups', { body })).data!.groupid;
  }

  async get(id: string): Promise<GroupDetail> {
    return (await this.http.call<Envelope<GroupDetail[]>>('GET', this.path(id))).data![0]!;
  }

  async list(o: { limit?: number; cursor?: string } = {}): Promise<Page<GroupSummary>> {
    const r = await this.http.call<Envelope<GroupSummary[]>>('GET', '/chatgroups', { query: o });
    return { items: r.data ?? [], ...(r.cursor ? { cursor: r.cursor } : {}) };
  }

  async update(id: string, patch: GroupSettings & { name?: string }): Promise<void> {
    await this.http.call('PUT', this.path(id), { body: easemob(patch) });
  }

  /** Hands the group to another member. */
  async transfer(id: string, newOwner: string): Promise<void> {
    await this.http.call('PUT', this.path(id), { body: { newowner: newOwner } });
  }

  /** Destroys the group; members get `destroy`. */
  async destroy(id: string): Promise<void> {
    await this.http.call('DELETE', this.path(id));
  }

  async joinedBy(user: string): Promise<Array<{ groupid: string; groupname: string }>> {
    const path = `/users/${encodeURIComponent(user)}/joined_chatgroups`;
    return (await this.http.call<Envelope<Array<{ groupid: string; groupname: string }>>>('GET', path)).data ?? [];
  }
}
