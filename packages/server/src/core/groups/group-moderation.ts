/** Roles and speech: admins, mutes (per member, with a duration, or everyone), announcement. */
import { PigeonError, type MuteEntry, type OpReply, type OpRequest } from '@pigeon/protocol';
import { isMuted, muteUntil, requireOutranks, requireRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import type { GroupContext } from './group-context.js';
import { rankIn, type GroupState } from './group-state.js';

const MAX_ANNOUNCEMENT = 4096;

export class GroupModeration {
  readonly #c: GroupContext;

  constructor(c: GroupContext) {
    this.#c = c;
  }

  async setAdmin(caller: Caller, req: OpRequest<'group.setAdmin'>): Promise<OpReply<'group.setAdmin'>> {
    return this.#role(caller, req.groupId, req.user, 'admin');
  }

  async removeAdmin(caller: Caller, req: OpRequest<'group.removeAdmin'>): Promise<OpReply<'group.removeAdmin'>> {
    return this.#role(caller, req.groupId, req.user, 'member');
  }

  async admins(caller: Caller, req: OpRequest<'group.admins'>): Promise<OpReply<'group.admins'>> {
    const s = await this.#c.state(caller, req.groupId);
    requireRank(rankIn(s, caller), 'member', 'see the admins');
    return { admins: s.names.filter((u) => s.members.get(u)!.role === 'admin') };
  }

  async mute(caller: Caller, req: OpRequest<'group.mute'>): Promise<OpReply<'group.mute'>> {
    const c = this.#c;
    const until = muteUntil(c.clock.now(), req.durationMs);
    const users = await c.existingUsers(caller, req.users);
    return c.mutate(caller, req.groupId, async (s) => {
      this.#targets(caller, s, users, 'mute');
      for (const u of users) await c.repos.groupMembers.update(caller.app.id, req.groupId, u, { muteUntil: until });
      c.changed(caller, req.groupId);
      for (const u of users) c.notify(caller, s.names, { op: 'muteMember', id: req.groupId, userId: u, expire: until });
      return { muted: users.map((user) => ({ user, expire: until })) };
    });
  }

  async unmute(caller: Caller, req: OpRequest<'group.unmute'>): Promise<OpReply<'group.unmute'>> {
    const c = this.#c;
    const users = await c.existingUsers(caller, req.users);
    return c.mutate(caller, req.groupId, async (s) => {
      this.#targets(caller, s, users, 'unmute');
      for (const u of users) await c.repos.groupMembers.update(caller.app.id, req.groupId, u, { muteUntil: 0 });
      c.changed(caller, req.groupId);
      for (const u of users) c.notify(caller, s.names, { op: 'unmuteMember', id: req.groupId, userId: u });
      return { results: users.map((user) => ({ user, result: true })) };
    });
  }

  async muteList(caller: Caller, req: OpRequest<'group.muteList'>): Promise<OpReply<'group.muteList'>> {
    const s = await this.#c.state(caller, req.groupId);
    requireRank(rankIn(s, caller), 'admin', 'see the mute list');
    const now = this.#c.clock.now();
    const muted: MuteEntry[] = [];
    for (const m of s.members.values())
      if (isMuted(m.muteUntil, now)) muted.push({ user: m.user, expire: m.muteUntil });
    return { muted };
  }

  async muteAll(caller: Caller, req: OpRequest<'group.muteAll'>): Promise<OpReply<'group.muteAll'>> {
    const c = this.#c;
    return c.mutate(caller, req.groupId, async (s) => {
      requireRank(rankIn(s, caller), 'admin', req.mute ? 'mute everyone' : 'unmute everyone');
      await c.repos.groups.update(caller.app.id, req.groupId, { muteAll: req.mute, modifiedAt: c.clock.now() });
      c.changed(caller, req.groupId);
      c.notify(caller, s.names, { op: req.mute ? 'muteAllMembers' : 'unmuteAllMembers', id: req.groupId });
      return { mute: req.mute };
    });
  }

  /** Members read it; anyone may for a public group. */
  async announcement(caller: Caller, req: OpRequest<'group.announcement'>): Promise<OpReply<'group.announcement'>> {
    const s = await this.#c.state(caller, req.groupId);
    if (!s.group.public) requireRank(rankIn(s, caller), 'member', 'read the announcement');
    return { announcement: s.group.announcement };
  }

  async setAnnouncement(
    caller: Caller,
    req: OpRequest<'group.setAnnouncement'>,
  ): Promise<OpReply<'group.setAnnouncement'>> {
    const c = this.#c;
    if (typeof req.announcement !== 'string' || req.announcement.length > MAX_ANNOUNCEMENT)
      throw new PigeonError('BAD_REQUEST', `The announcement is a string of at most ${MAX_ANNOUNCEMENT} characters.`, {
        details: { path: '/announcement' },
      });
    return c.mutate(caller, req.groupId, async (s) => {
      requireRank(rankIn(s, caller), 'admin', 'change the announcement');
      await c.repos.groups.update(caller.app.id, req.groupId, {
        announcement: req.announcement,
        modifiedAt: c.clock.now(),
      });
      c.changed(caller, req.groupId);
      const op = req.announcement ? 'updateAnnouncement' : 'deleteAnnouncement';
      c.notify(caller, s.names, { op, id: req.groupId, announcement: req.announcement });
      return {};
    });
  }

  async #role(caller: Caller, groupId: string, name: string, role: 'admin' | 'member') {
    const c = this.#c;
    const user = normalizeUsername(name, '/user');
    return c.mutate(caller, groupId, async (s) => {
      requireRank(rankIn(s, caller), 'owner', role === 'admin' ? 'appoint admins' : 'remove admins');
      const m = s.members.get(user);
      if (!m) throw new PigeonError('NOT_A_MEMBER', `${user} is not a member of the group.`, { details: { user } });
      if (m.role === 'owner')
        throw new PigeonError('BAD_REQUEST', 'The owner keeps the owner role.', { details: { user } });
      if (m.role === role) return {};
      await c.repos.groupMembers.update(caller.app.id, groupId, user, { role });
      c.changed(caller, groupId);
      c.notify(caller, [user, s.group.owner], {
        op: role === 'admin' ? 'setAdmin' : 'removeAdmin',
        id: groupId,
        userId: user,
      });
      return {};
    });
  }

  /** Owner or admin, acting on members it outranks (an admin cannot mute another admin). */
  #targets(caller: Caller, s: GroupState, users: string[], what: string): void {
    const rank = rankIn(s, caller);
    requireRank(rank, 'admin', `${what} members`);
    for (const u of users) {
      const m = s.members.get(u);
      if (!m) throw new PigeonError('NOT_A_MEMBER', `${u} is not a member of the group.`, { details: { user: u } });
      requireOutranks(rank!, m.role, u, what);
    }
  }
}
