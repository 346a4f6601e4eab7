/** Removing members and the block list: remove, block (removed and kept out), unblock. */
import { PigeonError, type OpReply, type OpRequest } from '@pigeon/protocol';
import { requireOutranks, requireRank, type ActorRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import type { GroupContext } from './group-context.js';
import { announceAbsence } from './group-roster.js';
import { rankIn, type GroupState } from './group-state.js';

export class GroupRemoval {
  readonly #c: GroupContext;

  constructor(c: GroupContext) {
    this.#c = c;
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
      announceAbsence(c, caller, s, gone);
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
}
