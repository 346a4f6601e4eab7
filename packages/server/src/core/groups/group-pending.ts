/**
 * What waits for a user: invitations to groups, and join requests to the groups it owns or
 * administers. They are stored until answered; the SDK asks for them after every (re)connect, so a
 * user who was offline when invited (or asked) gets `inviteToJoin` / `requestToJoin` when it logs in.
 */
import type { OpReply } from '@pigeon/protocol';
import type { Caller } from '../types.js';
import type { GroupContext } from './group-context.js';

const MAX_PENDING = 200;

export class GroupPending {
  readonly #c: GroupContext;

  constructor(c: GroupContext) {
    this.#c = c;
  }

  async pending(caller: Caller): Promise<OpReply<'group.pending'>> {
    const lists = this.#c.repos.groupLists;
    const { id } = caller.app;
    const [invites, asks] = await Promise.all([
      lists.pendingFor(id, caller.user, 'invite', MAX_PENDING),
      lists.pendingFor(id, caller.user, 'join', MAX_PENDING),
    ]);
    return {
      invitations: invites.map((r) => ({
        groupId: r.groupId,
        name: r.name,
        from: r.actor,
        reason: r.message,
        ts: r.createdAt,
      })),
      requests: asks.map((r) => ({
        groupId: r.groupId,
        name: r.name,
        applicant: r.user,
        reason: r.message,
        ts: r.createdAt,
      })),
    };
  }
}
