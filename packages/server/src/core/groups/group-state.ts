/** A group as the core works with it: the record, its members by name, and the name list for fan-out. */
import { PigeonError, type GroupInfo } from '@pigeon/protocol';
import type { Bus } from '../ports/bus.js';
import type { GroupMemberRepository, GroupRecord, GroupRepository, MemberRecord } from '../ports/groups.js';
import { RecordCache } from '../social/record-cache.js';
import type { ActorRank } from '../social/roles.js';
import type { Caller } from '../types.js';

export interface GroupState {
  readonly group: GroupRecord;
  readonly members: ReadonlyMap<string, MemberRecord>;
  /** Every member's name, shared by each message's fan-out (never copied per message). */
  readonly names: readonly string[];
}

export class GroupDirectory {
  readonly #cache: RecordCache<GroupState>;

  constructor(repos: { groups: GroupRepository; groupMembers: GroupMemberRepository }, bus: Bus, max: number) {
    this.#cache = new RecordCache(bus, 'groups', max, async (appId, id) => {
      const group = await repos.groups.get(appId, id);
      if (!group) return undefined;
      const list = await repos.groupMembers.all(appId, id);
      return { group, members: new Map(list.map((m) => [m.user, m])), names: list.map((m) => m.user) };
    });
  }

  async get(appId: string, id: string): Promise<GroupState> {
    const s = await this.#cache.get(appId, id);
    if (!s) throw new PigeonError('GROUP_NOT_FOUND', `No group ${id}.`, { details: { groupId: id } });
    return s;
  }

  invalidate(appId: string, id: string): void {
    this.#cache.invalidate(appId, id);
  }
}

/** The caller's standing in the group: 'app' for the backend, undefined for non-members. */
export const rankIn = (s: GroupState, caller: Caller): ActorRank | undefined =>
  caller.admin ? 'app' : s.members.get(caller.user)?.role;

export function groupInfo(s: GroupState): GroupInfo {
  const g = s.group;
  return {
    groupId: g.id,
    name: g.name,
    description: g.description,
    avatar: g.avatar,
    owner: g.owner,
    public: g.public,
    approval: g.approval,
    allowInvites: g.allowInvites,
    inviteNeedConfirm: g.inviteNeedConfirm,
    maxUsers: g.maxUsers,
    ext: g.ext,
    muteAll: g.muteAll,
    memberCount: s.names.length,
    created: g.createdAt,
    modified: g.modifiedAt,
  };
}
