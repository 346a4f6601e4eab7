/** Joining and leaving: join (direct or by request), invitations, approvals, leave. */
import { PigeonError, type OpReply, type OpRequest, type UserResult } from '@pigeon/protocol';
import { requireRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import type { GroupContext } from './group-context.js';
import { addMembers, announceAbsence, requireNotBlocked, requireRoom } from './group-roster.js';
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
      await requireNotBlocked(c, caller, s, [caller.user]);
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
          ts: request.createdAt,
        });
        return { status: 'requested' };
      }
      await addMembers(c, caller, s, [caller.user]);
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
      announceAbsence(c, caller, s, [caller.user]);
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
      else await addMembers(c, caller, s, fresh, 'directJoined');
      return { results: [...fresh.map((user) => ({ user, result: true })), ...results] };
    });
  }

  async acceptInvite(caller: Caller, req: OpRequest<'group.acceptInvite'>): Promise<OpReply<'group.acceptInvite'>> {
    const c = this.#c;
    return c.mutate(caller, req.groupId, async (s) => {
      if (s.members.has(caller.user)) throw new PigeonError('ALREADY_MEMBER', 'You are already a member.');
      await requireNotBlocked(c, caller, s, [caller.user]);
      requireRoom(s, 1);
      const inv = await this.#take(caller, req.groupId, caller.user, 'invite');
      await addMembers(c, caller, s, [caller.user]);
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
      requireRoom(s, 1);
      await this.#take(caller, req.groupId, applicant, 'join');
      await addMembers(c, caller, s, [applicant], 'acceptRequest');
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

  async #invite(caller: Caller, s: GroupState, users: string[], reason?: string): Promise<void> {
    const c = this.#c;
    const message = String(reason ?? '').slice(0, 512);
    const ts = c.clock.now();
    for (const user of users)
      await c.repos.groupLists.putRequest(caller.app.id, s.group.id, {
        user,
        kind: 'invite',
        actor: caller.user,
        message,
        createdAt: ts,
      });
    c.notify(caller, users, { op: 'inviteToJoin', id: s.group.id, name: s.group.name, reason: message, ts });
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
