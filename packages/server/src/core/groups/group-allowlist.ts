/**
 * The group allowlist (Easemob's whitelist): members on it may speak while everyone is muted. Only
 * members can be on it, and leaving the group takes them off. Owner and admins manage it.
 */
import { type OpReply, type OpRequest, type UserResult } from '@pigeon/protocol';
import { requireRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import type { GroupContext } from './group-context.js';
import { rankIn } from './group-state.js';

export class GroupAllowlist {
  readonly #c: GroupContext;

  constructor(c: GroupContext) {
    this.#c = c;
  }

  allow(caller: Caller, req: OpRequest<'group.allow'>): Promise<OpReply<'group.allow'>> {
    return this.#set(caller, req.groupId, req.users, true);
  }

  disallow(caller: Caller, req: OpRequest<'group.disallow'>): Promise<OpReply<'group.disallow'>> {
    return this.#set(caller, req.groupId, req.users, false);
  }

  async list(caller: Caller, req: OpRequest<'group.allowlist'>): Promise<OpReply<'group.allowlist'>> {
    const s = await this.#c.state(caller, req.groupId);
    requireRank(rankIn(s, caller), 'admin', 'see the allowlist');
    return { users: s.names.filter((u) => s.members.get(u)!.allowed).sort() };
  }

  /** Admins may ask about anyone, members about themselves. */
  async isAllowed(caller: Caller, req: OpRequest<'group.isAllowed'>): Promise<OpReply<'group.isAllowed'>> {
    const user = normalizeUsername(req.user, '/user');
    const s = await this.#c.state(caller, req.groupId);
    requireRank(rankIn(s, caller), user === caller.user ? 'member' : 'admin', "check another member's allowlist entry");
    return { allowed: s.members.get(user)?.allowed === true };
  }

  async #set(caller: Caller, groupId: string, list: string[], allowed: boolean): Promise<OpReply<'group.allow'>> {
    const c = this.#c;
    const users = await c.existingUsers(caller, list);
    return c.mutate(caller, groupId, async (s) => {
      requireRank(rankIn(s, caller), 'admin', 'change the allowlist');
      const results: UserResult[] = [];
      const hit: string[] = [];
      for (const user of users) {
        if (!s.members.has(user)) results.push({ user, result: false, reason: 'not a member' });
        else {
          await c.repos.groupMembers.update(caller.app.id, groupId, user, { allowed });
          hit.push(user);
          results.push({ user, result: true });
        }
      }
      if (hit.length) c.changed(caller, groupId);
      const op = allowed ? 'addUserToAllowlist' : 'removeAllowlistMember';
      for (const user of hit) c.notify(caller, [user], { op, id: groupId, name: s.group.name, userId: user });
      return { results };
    });
  }
}
