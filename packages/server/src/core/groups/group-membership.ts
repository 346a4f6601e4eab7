/** Joining and leaving: join (direct or by request), invitations, approvals, leave, remove, block. */
import { PigeonError, type OpReply, type OpRequest, type UserResult } from '@pigeon/protocol';
import type { MemberRecord } from '../ports/groups.js';
import { requireOutranks, requireRank, type ActorRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import type { GroupContext } from './group-context.js';
import { rankIn, type GroupState } from './group-state.js';

export class GroupMembership {
  readonly #c: GroupContext;

  constructor(c: GroupContext) {
    this.#c = c;
  }

  async join(caller: Caller, req: OpRequest<'group.join'>): Promise<OpReply<'group.join'>> {
    const c = this.#c;
    return c.mutate(caller, req.groupId, async (s) => {
      if (s.members.has(caller.user)) throw new PigeonError('ALREADY_MEMBER', 'You are already a member.');
      await this.#notBlocked(caller, s, [caller.user]);
      if (!s.group.public) throw new PigeonError('JOIN_NOT_ALLOWED', 'This group is private: ask for an invitation.');
      if (s.group.approval) {
        const message = String(req.message ?? '').slice(0, 512);
        const request = {
          user: caller.user,
          kind: 'join' as const,
          actor: caller.user,
          message,
          createdAt: c.clock.now(),
        };
        await c.repos.groupLists.putRequest(caller.app.id, req.groupId, request);
        c.notify(caller, c.managers(s), {
          op: 'requestToJoin',
          id: req.groupId,
          name: s.group.name,
          reason: message,
          userId: caller.user,
        });
        return { status: 'requested' };
      }
      await this.#add(caller, s, [caller.user]);
      return { status: 'joined' };
    });
  }

  async leave(caller: Caller, req: OpRequest<'group.leave'>): Promise<OpReply<'group.leave'>> {
    const c = this.#c;
    return c.mutate(caller, req.groupId, async (s) => {
      const me = s.members.get(caller.user);
      if (!me) throw new PigeonError('NOT_A_MEMBER', 'You are not a member of this group.');
      if (me.role === 'owner') throw new PigeonError('OWNER_CANNOT_LEAVE');
      await c.repos.groupMembers.remove(caller.app.id, req.groupId, [caller.user]);
      c.changed(caller, req.groupId);
      this.#absent(caller, s, [caller.user]);
      return {};
    });
  }

  /** Members invite when the group allows it, else the owner and admins do. */
  async invite(caller: Caller, req: OpRequest<'group.invite'>): Promise<OpReply<'group.invite'>> {
    const c = this.#c;
    const users = await c.existingUsers(caller, req.users);
    return c.mutate(caller, req.groupId, async (s) => {
      const rank = rankIn(s, caller);
      requireRank(rank, s.group.allowInvites ? 'member' : 'admin', 'invite users');
      const blocked = new Set(await c.repos.groupLists.blocked(caller.app.id, req.groupId));
      const results: UserResult[] = [];
      const fresh = users.filter((u) => {
        const reason = s.members.has(u) ? 'already a member' : blocked.has(u) ? 'blocked' : undefined;
        if (reason) results.push({ user: u, result: false, reason });
        return !reason;
      });
      if (s.group.inviteNeedConfirm && rank !== 'app') await this.#invite(caller, s, fresh, req.reason);
      else await this.#add(caller, s, fresh, 'directJoined');
      return { results: [...fresh.map((user) => ({ user, result: true })), ...results] };
    });
  }

  async acceptInvite(caller: Caller, req: OpRequest<'group.acceptInvite'>): Promise<OpReply<'group.acceptInvite'>> {
    const c = this.#c;
    return c.mutate(caller, req.groupId, async (s) => {
      if (s.members.has(caller.user)) throw new PigeonError('ALREADY_MEMBER', 'You are already a member.');
      await this.#notBlocked(caller, s, [caller.user]);
      this.#room(s, 1);
      const inv = await this.#take(caller, req.groupId, caller.user, 'invite');
      await this.#add(caller, s, [caller.user]);
      c.notify(caller, [inv.actor], { op: 'acceptInvite', id: req.groupId, name: s.group.name, userId: caller.user });
      return {};
    });
  }

  async rejectInvite(caller: Caller, req: OpRequest<'group.rejectInvite'>): Promise<OpReply<'group.rejectInvite'>> {
    const c = this.#c;
    return c.mutate(caller, req.groupId, async (s) => {
      const inv = await this.#take(caller, req.groupId, caller.user, 'invite');
      const reason = String(req.reason ?? '').slice(0, 512);
      c.notify(caller, [inv.actor], {
        op: 'rejectInvite',
        id: req.groupId,
        name: s.group.name,
        userId: caller.user,
        reason,
      });
      return {};
    });
  }

  async acceptRequest(caller: Caller, req: OpRequest<'group.acceptRequest'>): Promise<OpReply<'group.acceptRequest'>> {
    const c = this.#c;
    const applicant = normalizeUsername(req.applicant, '/applicant');
    return c.mutate(caller, req.groupId, async (s) => {
      requireRank(rankIn(s, caller), 'admin', 'accept join requests');
      this.#room(s, 1);
      await this.#take(caller, req.groupId, applicant, 'join');
      await this.#add(caller, s, [applicant], 'acceptRequest');
      return {};
    });
  }

  async rejectRequest(caller: Caller, req: OpRequest<'group.rejectRequest'>): Promise<OpReply<'group.rejectRequest'>> {
    const c = this.#c;
    const applicant = normalizeUsername(req.applicant, '/applicant');
    return c.mutate(caller, req.groupId, async (s) => {
      requireRank(rankIn(s, caller), 'admin', 'decline join requests');
      await this.#take(caller, req.groupId, applicant, 'join');
      const reason = String(req.reason ?? '').slice(0, 512);
      c.notify(caller, [applicant], { op: 'joinPublicGroupDeclined', id: req.groupId, name: s.group.name, reason });
      return {};
    });
  }

  async remove(caller: Caller, req: OpRequest<'group.remove'>): Promise<OpReply<'group.remove'>> {
    return this.#evict(caller, req.groupId, req.users, false);
  }

  /** Block: removed from the group if in it, and kept out (no join, invitation or request). */
  async block(caller: Caller, req: OpRequest<'group.block'>): Promise<OpReply<'group.block'>> {
    return this.#evict(caller, req.groupId, req.users, true);
  }

  async unblock(caller: Caller, req: OpRequest<'group.unblock'>): Promise<OpReply<'group.unblock'>> {
    const c = this.#c;
    const users = await c.existingUsers(caller, req.users);
    return c.mutate(caller, req.groupId, async (s) => {
      requireRank(rankIn(s, caller), 'admin', 'unblock users');
      const blocked = new Set(await c.repos.groupLists.blocked(caller.app.id, req.groupId));
      const hit = users.filter((u) => blocked.has(u));
      await c.repos.groupLists.unblock(caller.app.id, req.groupId, hit);
      c.notify(caller, hit, { op: 'unblockMember', id: req.groupId, name: s.group.name });
      return {
        results: users.map((user) =>
          blocked.has(user) ? { user, result: true } : { user, result: false, reason: 'not blocked' },
        ),
      };
    });
  }

  async blocklist(caller: Caller, req: OpRequest<'group.blocklist'>): Promise<OpReply<'group.blocklist'>> {
    const s = await this.#c.state(caller, req.groupId);
    requireRank(rankIn(s, caller), 'admin', 'see the block list');
    return { users: await this.#c.repos.groupLists.blocked(caller.app.id, req.groupId) };
  }

  async #evict(caller: Caller, groupId: string, list: string[], block: boolean): Promise<OpReply<'group.remove'>> {
    const c = this.#c;
    const users = await c.existingUsers(caller, list);
    return c.mutate(caller, groupId, async (s) => {
      const rank = rankIn(s, caller);
      requireRank(rank, 'admin', block ? 'block users' : 'remove members');
      for (const u of users) this.#mayEvict(rank!, s, u, caller.user, block ? 'block' : 'remove');
      const gone = users.filter((u) => s.members.has(u));
      if (block) await c.repos.groupLists.block(caller.app.id, groupId, users, c.clock.now());
      if (gone.length) await c.repos.groupMembers.remove(caller.app.id, groupId, gone);
      c.changed(caller, groupId);
      c.notify(caller, gone, { op: 'removeMember', id: groupId, name: s.group.name });
      this.#absent(caller, s, gone);
      const results = users.map((user) =>
        block || gone.includes(user) ? { user, result: true } : { user, result: false, reason: 'not a member' },
      );
      return { results };
    });
  }

  #mayEvict(rank: ActorRank, s: GroupState, user: string, me: string, what: string): void {
    if (user === me) throw new PigeonError('BAD_REQUEST', `You cannot ${what} yourself.`, { details: { user } });
    const target = s.members.get(user);
    if (target) requireOutranks(rank, target.role, user, what);
    else if (user === s.group.owner) requireOutranks(rank, 'owner', user, what);
  }

  async #invite(caller: Caller, s: GroupState, users: string[], reason?: string): Promise<void> {
    const c = this.#c;
    const message = String(reason ?? '').slice(0, 512);
    for (const user of users)
      await c.repos.groupLists.putRequest(caller.app.id, s.group.id, {
        user,
        kind: 'invite',
        actor: caller.user,
        message,
        createdAt: c.clock.now(),
      });
    c.notify(caller, users, { op: 'inviteToJoin', id: s.group.id, name: s.group.name, reason: message });
  }

  /** Adds members (their conversation rows start at the group's newest seq) and tells everyone. */
  async #add(caller: Caller, s: GroupState, users: string[], op?: 'directJoined' | 'acceptRequest'): Promise<void> {
    if (!users.length) return;
    const c = this.#c;
    this.#room(s, users.length);
    const now = c.clock.now();
    const members: MemberRecord[] = users.map((user) => ({
      user,
      role: 'member',
      joinedAt: now,
      muteUntil: 0,
      attrs: {},
    }));
    await c.repos.groupMembers.add(caller.app.id, s.group.id, members);
    c.changed(caller, s.group.id);
    if (op) c.notify(caller, users, { op, id: s.group.id, name: s.group.name });
    let count = s.names.length;
    for (const user of users)
      c.notify(caller, s.names, {
        op: 'memberPresence',
        id: s.group.id,
        from: user,
        userId: user,
        memberCount: ++count,
      });
  }

  #absent(caller: Caller, s: GroupState, users: string[]): void {
    const rest = this.#c.others(s, ...users);
    let count = s.names.length;
    for (const user of users)
      this.#c.notify(caller, rest, {
        op: 'memberAbsence',
        id: s.group.id,
        from: user,
        userId: user,
        memberCount: --count,
      });
  }

  #room(s: GroupState, adding: number): void {
    if (s.names.length + adding > s.group.maxUsers)
      throw new PigeonError('MEMBERS_LIMIT', `The group is full (${s.group.maxUsers} members).`, {
        details: { maxUsers: s.group.maxUsers, members: s.names.length },
      });
  }

  async #notBlocked(caller: Caller, s: GroupState, users: string[]): Promise<void> {
    const blocked = new Set(await this.#c.repos.groupLists.blocked(caller.app.id, s.group.id));
    const hit = users.find((u) => blocked.has(u));
    if (hit)
      throw new PigeonError('MEMBER_BLOCKED', `${hit} is on the group's block list.`, { details: { user: hit } });
  }

  async #take(caller: Caller, groupId: string, user: string, kind: 'join' | 'invite') {
    const r = await this.#c.repos.groupLists.takeRequest(caller.app.id, groupId, user, kind);
    if (!r)
      throw new PigeonError(
        'REQUEST_NOT_FOUND',
        `No pending ${kind === 'join' ? 'join request' : 'invitation'} for ${user}.`,
      );
    return r;
  }
}
