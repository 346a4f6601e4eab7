/** Groups themselves: create, read, modify, destroy, transfer, and the lists of groups. */
import { PigeonError, type GroupInfo, type GroupPatch, type OpReply, type OpRequest } from '@pigeon/protocol';
import type { MemberRecord } from '../ports/groups.js';
import { requireRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import type { GroupContext } from './group-context.js';
import { groupInfo, rankIn, type GroupState } from './group-state.js';
import { checkGroupFields, diff } from './group-validate.js';

const PATCH_FIELDS = [
  'name',
  'description',
  'avatar',
  'ext',
  'public',
  'approval',
  'allowInvites',
  'inviteNeedConfirm',
  'maxUsers',
] as const;

export class GroupService {
  readonly #c: GroupContext;

  constructor(c: GroupContext) {
    this.#c = c;
  }

  /** `owner` is the caller, or for the app's backend whoever it names. */
  async create(caller: Caller, req: OpRequest<'group.create'>, owner = caller.user): Promise<OpReply<'group.create'>> {
    const c = this.#c;
    checkGroupFields(req, c.limits);
    const maxUsers = req.maxUsers ?? Math.min(c.limits.defaultMaxUsers, c.limits.maxUsersCap);
    const invited = req.members?.length ? await c.existingUsers(caller, req.members, '/members') : [];
    const members = invited.filter((u) => u !== owner);
    if (members.length + 1 > maxUsers)
      throw new PigeonError('MEMBERS_LIMIT', `${members.length + 1} members exceed maxUsers ${maxUsers}.`);
    const now = c.clock.now();
    const id = c.ids();
    const member = (user: string, role: MemberRecord['role']): MemberRecord => ({
      user,
      role,
      joinedAt: now,
      muteUntil: 0,
      attrs: {},
    });
    await c.repos.groups.create(
      {
        appId: caller.app.id,
        id,
        name: req.name,
        description: req.description ?? '',
        avatar: req.avatar ?? '',
        owner,
        public: req.public ?? false,
        approval: req.approval ?? false,
        allowInvites: req.allowInvites ?? false,
        inviteNeedConfirm: req.inviteNeedConfirm ?? true,
        maxUsers,
        ext: req.ext ?? '',
        announcement: '',
        muteAll: false,
        createdAt: now,
        modifiedAt: now,
      },
      [member(owner, 'owner'), ...members.map((u) => member(u, 'member'))],
    );
    c.notify(caller, [owner], { op: 'create', id, name: req.name });
    c.notify(caller, members, { op: 'directJoined', id, name: req.name });
    return { groupId: id };
  }

  /** Public groups to anyone; private ones to their members only. */
  async info(caller: Caller, req: OpRequest<'group.info'>): Promise<OpReply<'group.info'>> {
    const groups: GroupInfo[] = [];
    for (const id of req.groupIds) {
      const s = await this.#c.state(caller, id);
      if (!s.group.public) requireRank(rankIn(s, caller), 'member', 'see a private group');
      groups.push(groupInfo(s));
    }
    return { groups };
  }

  async modify(caller: Caller, req: OpRequest<'group.modify'>): Promise<OpReply<'group.modify'>> {
    const c = this.#c;
    checkGroupFields(req, c.limits);
    return c.mutate(caller, req.groupId, async (s) => {
      requireRank(rankIn(s, caller), 'admin', 'modify the group');
      const patch: GroupPatch = Object.fromEntries(PATCH_FIELDS.map((f) => [f, req[f]]));
      const changed = diff(groupInfo(s), patch);
      if (changed.maxUsers !== undefined && changed.maxUsers < s.names.length)
        throw new PigeonError(
          'MEMBERS_LIMIT',
          `The group has ${s.names.length} members, more than ${changed.maxUsers}.`,
        );
      if (!Object.keys(changed).length) return { changed };
      await c.repos.groups.update(caller.app.id, req.groupId, { ...changed, modifiedAt: c.clock.now() });
      c.changed(caller, req.groupId);
      c.notify(caller, s.names, { op: 'updateInfo', id: req.groupId, detail: changed });
      return { changed };
    });
  }

  async destroy(caller: Caller, req: OpRequest<'group.destroy'>): Promise<OpReply<'group.destroy'>> {
    const c = this.#c;
    return c.mutate(caller, req.groupId, async (s) => {
      requireRank(rankIn(s, caller), 'owner', 'destroy the group');
      await c.repos.groups.delete(caller.app.id, req.groupId);
      c.changed(caller, req.groupId);
      c.notify(caller, s.names, { op: 'destroy', id: req.groupId, name: s.group.name });
      return {};
    });
  }

  async transfer(caller: Caller, req: OpRequest<'group.transfer'>): Promise<OpReply<'group.transfer'>> {
    const c = this.#c;
    const newOwner = normalizeUsername(req.newOwner, '/newOwner');
    return c.mutate(caller, req.groupId, async (s) => {
      requireRank(rankIn(s, caller), 'owner', 'transfer the group');
      if (!s.members.has(newOwner))
        throw new PigeonError('NOT_A_MEMBER', `${newOwner} is not a member of the group.`, {
          details: { user: newOwner },
        });
      const old = s.group.owner;
      if (old === newOwner) return {};
      await c.repos.groupMembers.update(caller.app.id, req.groupId, old, { role: 'member' });
      await c.repos.groupMembers.update(caller.app.id, req.groupId, newOwner, { role: 'owner' });
      await c.repos.groups.update(caller.app.id, req.groupId, { owner: newOwner, modifiedAt: c.clock.now() });
      c.changed(caller, req.groupId);
      c.notify(caller, s.names, { op: 'changeOwner', id: req.groupId, userId: newOwner, name: s.group.name });
      return {};
    });
  }

  async joined(caller: Caller, req: OpRequest<'group.joined'>): Promise<OpReply<'group.joined'>> {
    const { offset, limit } = page(req.pageNum, req.pageSize, 500);
    const r = await this.#c.repos.groupMembers.joined(caller.app.id, caller.user, offset, limit);
    const counts = await this.#c.repos.groups.memberCounts(
      caller.app.id,
      r.groups.map((g) => g.id),
    );
    const groups = r.groups.map((g) => ({
      ...groupInfo({ group: g, members: new Map(), names: [] }),
      memberCount: counts.get(g.id) ?? 0,
      role: g.role,
    }));
    return { groups, total: r.total };
  }

  async publicGroups(caller: Caller, req: OpRequest<'group.public'>): Promise<OpReply<'group.public'>> {
    const limit = Math.max(1, Math.min(req.limit ?? 20, 100));
    const rows = await this.#c.repos.groups.listPublic(caller.app.id, req.cursor || undefined, limit + 1);
    const groups = rows.slice(0, limit).map((g) => ({ groupId: g.id, name: g.name }));
    return { groups, cursor: rows.length > limit ? groups[groups.length - 1]!.groupId : null };
  }

  /** Owner first, then admins, then members by join time. Public groups list to anyone. */
  async members(caller: Caller, req: OpRequest<'group.members'>): Promise<OpReply<'group.members'>> {
    const s = await this.#c.state(caller, req.groupId);
    if (!s.group.public) requireRank(rankIn(s, caller), 'member', 'list the members of a private group');
    const { offset, limit } = page(req.pageNum, req.pageSize, 1000);
    const order = { owner: 0, admin: 1, member: 2 };
    const sorted = [...s.members.values()].sort((a, b) => order[a.role] - order[b.role] || a.joinedAt - b.joinedAt);
    const members = sorted
      .slice(offset, offset + limit)
      .map((m) => ({ user: m.user, role: m.role, joinedAt: m.joinedAt }));
    return { members, total: sorted.length };
  }
}

const MAX_OFFSET = 2 ** 31;

/** Easemob paging: pageNum from 1. */
export function page(pageNum: number | undefined, pageSize: number | undefined, max: number) {
  const size = Math.max(1, Math.min(pageSize ?? 20, max));
  // A page far past any data is empty; capping it keeps the offset a small integer for SQL.
  const num = Math.min(Math.max(1, pageNum ?? 1), Math.floor(MAX_OFFSET / size) + 1);
  return { offset: (num - 1) * size, limit: size };
}

export type { GroupState };
