/**
 * The chatroom allowlist (Easemob's whitelist): users on it may speak while everyone is muted. Owner
 * and admins manage it; users on it need not be present (it outlives a disconnect, like mutes).
 */
import type { OpReply, OpRequest, UserResult } from '@pigeon/protocol';
import { requireRank } from '../social/roles.js';
import { existingUsers } from '../social/users.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import type { RoomContext } from './room-context.js';
import { roomRank } from './room-state.js';

export class RoomAllowlist {
  readonly #c: RoomContext;

  constructor(c: RoomContext) {
    this.#c = c;
  }

  allow(caller: Caller, req: OpRequest<'room.allow'>): Promise<OpReply<'room.allow'>> {
    return this.#set(caller, req.roomId, req.users, true);
  }

  disallow(caller: Caller, req: OpRequest<'room.disallow'>): Promise<OpReply<'room.disallow'>> {
    return this.#set(caller, req.roomId, req.users, false);
  }

  async list(caller: Caller, req: OpRequest<'room.allowlist'>): Promise<OpReply<'room.allowlist'>> {
    const s = await this.#c.state(caller, req.roomId);
    requireRank(roomRank(s, this.#c.live.get(caller.app.id, req.roomId), caller), 'admin', 'see the allowlist');
    return { users: [...s.allowed].sort() };
  }

  /** Admins may ask about anyone, members about themselves. */
  async isAllowed(caller: Caller, req: OpRequest<'room.isAllowed'>): Promise<OpReply<'room.isAllowed'>> {
    const user = normalizeUsername(req.user, '/user');
    const s = await this.#c.state(caller, req.roomId);
    const rank = roomRank(s, this.#c.live.get(caller.app.id, req.roomId), caller);
    requireRank(rank, user === caller.user ? 'member' : 'admin', "check another member's allowlist entry");
    return { allowed: s.allowed.has(user) };
  }

  async #set(caller: Caller, roomId: string, list: string[], allow: boolean): Promise<OpReply<'room.allow'>> {
    const c = this.#c;
    const users = await existingUsers(c.repos.users, caller, list);
    return c.mutate(caller, roomId, async (s, live) => {
      requireRank(roomRank(s, live, caller), 'admin', 'change the allowlist');
      const hit = users.filter((u) => s.allowed.has(u) !== allow);
      if (allow) await c.repos.chatrooms.putList(caller.app.id, roomId, 'allow', hit, 0);
      else await c.repos.chatrooms.removeList(caller.app.id, roomId, 'allow', hit);
      c.changed(caller, roomId);
      const op = allow ? 'addUserToAllowlist' : 'removeAllowlistMember';
      for (const user of hit) c.tell(caller, roomId, { op, name: s.room.name, userId: user }, [user]);
      const results: UserResult[] = users.map((user) =>
        allow || hit.includes(user) ? { user, result: true } : { user, result: false, reason: 'not on the allowlist' },
      );
      return { results };
    });
  }
}
