/**
 * Being in a chatroom: join (with the recent history), leave, kick, block, lists of members and
 * rooms, and leaving a grace period after the user's last connection dropped.
 */
import { PigeonError, type OpReply, type OpRequest, type UserResult } from '@pigeon/protocol';
import type { PresenceListener } from '../sessions/hub.js';
import { isMuted, requireOutranks, requireRank } from '../social/roles.js';
import type { App, Caller } from '../types.js';
import { page } from '../groups/group-service.js';
import { userList } from '../social/users.js';
import type { RoomContext } from './room-context.js';
import { roomInfo, roomRank, targetRole, type RoomState } from './room-state.js';

export class RoomMembership implements PresenceListener {
  readonly #c: RoomContext;

  constructor(c: RoomContext) {
    this.#c = c;
  }

  async join(caller: Caller, req: OpRequest<'room.join'>): Promise<OpReply<'room.join'>> {
    const c = this.#c;
    return c.mutate(caller, req.roomId, async (s, live) => {
      if (s.blocks.has(caller.user))
        throw new PigeonError('MEMBER_BLOCKED', "You are on the chatroom's block list.", {
          details: { user: caller.user },
        });
      if (!live?.members.has(caller.user)) this.#room(s, live?.members.size ?? 0);
      this.#enter(caller, s, [caller.user]);
      const room = c.live.room(caller.app.id, req.roomId);
      const mute = s.mutes.get(caller.user) ?? 0;
      return {
        info: roomInfo(s, room),
        muteExpire: isMuted(mute, c.clock.now()) ? mute : 0,
        history: [...room.history],
        lastSeq: room.seq,
      };
    });
  }

  /** The app's backend puts users in (REST): offline ones leave after the grace period. */
  async add(caller: Caller, roomId: string, users: string[]): Promise<string[]> {
    const c = this.#c;
    return c.mutate(caller, roomId, async (s, live) => {
      const fresh = users.filter((u) => !live?.members.has(u) && !s.blocks.has(u));
      this.#room(s, (live?.members.size ?? 0) + fresh.length - 1);
      this.#enter(caller, s, fresh);
      for (const u of fresh) if (!c.hub.isOnline(caller.app.id, u)) this.offline(caller.app.id, u);
      return fresh;
    });
  }

  async leave(caller: Caller, req: OpRequest<'room.leave'>): Promise<OpReply<'room.leave'>> {
    const c = this.#c;
    return c.mutate(caller, req.roomId, async (s, live) => {
      if (!live?.members.has(caller.user)) throw new PigeonError('NOT_A_MEMBER', 'You are not in this chatroom.');
      this.#exit(caller, s, [caller.user]);
      return {};
    });
  }

  async remove(caller: Caller, req: OpRequest<'room.remove'>): Promise<OpReply<'room.remove'>> {
    return this.#evict(caller, req.roomId, userList(req.users), false);
  }

  async block(caller: Caller, req: OpRequest<'room.block'>): Promise<OpReply<'room.block'>> {
    return this.#evict(caller, req.roomId, userList(req.users), true);
  }

  async unblock(caller: Caller, req: OpRequest<'room.unblock'>): Promise<OpReply<'room.unblock'>> {
    const c = this.#c;
    const users = userList(req.users);
    return c.mutate(caller, req.roomId, async (s, live) => {
      requireRank(roomRank(s, live, caller), 'admin', 'unblock users');
      const hit = users.filter((u) => s.blocks.has(u));
      await c.repos.chatrooms.removeList(caller.app.id, req.roomId, 'block', hit);
      c.changed(caller, req.roomId);
      c.tell(caller, req.roomId, { op: 'unblockMember', name: s.room.name }, hit);
      return {
        results: users.map((user) =>
          s.blocks.has(user) ? { user, result: true } : { user, result: false, reason: 'not blocked' },
        ),
      };
    });
  }

  async blocklist(caller: Caller, req: OpRequest<'room.blocklist'>): Promise<OpReply<'room.blocklist'>> {
    const s = await this.#c.state(caller, req.roomId);
    requireRank(roomRank(s, this.#c.live.get(caller.app.id, req.roomId), caller), 'admin', 'see the block list');
    return { users: [...s.blocks].sort() };
  }

  async members(caller: Caller, req: OpRequest<'room.members'>): Promise<OpReply<'room.members'>> {
    const s = await this.#c.state(caller, req.roomId);
    const all = this.#c.present(caller, req.roomId);
    const { offset, limit } = page(req.pageNum, req.pageSize, 1000);
    return { members: all.slice(offset, offset + limit), owner: s.room.owner, total: all.length };
  }

  async joined(caller: Caller, req: OpRequest<'room.joined'>): Promise<OpReply<'room.joined'>> {
    const c = this.#c;
    const { offset, limit } = page(req.pageNum, req.pageSize, 500);
    const ids = c.live
      .roomsOf(caller.app.id, caller.user)
      .sort()
      .slice(offset, offset + limit);
    const rooms = [];
    for (const id of ids) rooms.push(roomInfo(await c.state(caller, id), c.live.get(caller.app.id, id)));
    return { rooms };
  }

  online(appId: string, user: string): void {
    this.#c.live.cancel(appId, user);
  }

  offline(appId: string, user: string): void {
    const c = this.#c;
    if (!c.live.roomsOf(appId, user).length) return;
    c.live.schedule(appId, user, c.limits.graceMs, () => void this.#leaveAll(appId, user));
  }

  async #leaveAll(appId: string, user: string): Promise<void> {
    // Back on another node (failover, a second device): still present, nothing to leave.
    if (await this.#c.hub.isOnlineAnywhere(appId, user).catch(() => false)) return;
    // The user left on their own (by disconnecting): only the app id is needed to act for them.
    const app = { id: appId } as App;
    for (const roomId of this.#c.live.roomsOf(appId, user)) {
      const caller: Caller = { app, user };
      await this.#c
        .mutate(caller, roomId, async (s) => this.#exit(caller, s, [user]))
        .catch(() => this.#c.live.remove(appId, roomId, user));
    }
  }

  async #evict(caller: Caller, roomId: string, users: string[], block: boolean): Promise<OpReply<'room.remove'>> {
    const c = this.#c;
    return c.mutate(caller, roomId, async (s, live) => {
      const rank = roomRank(s, live, caller);
      requireRank(rank, 'admin', block ? 'block users' : 'remove members');
      for (const u of users) {
        if (u === caller.user) throw new PigeonError('BAD_REQUEST', 'You cannot remove yourself; leave instead.');
        requireOutranks(rank!, targetRole(s, u), u, block ? 'block' : 'remove');
      }
      if (block) {
        await c.repos.chatrooms.putList(caller.app.id, roomId, 'block', users, 0);
        c.changed(caller, roomId);
      }
      const gone = users.filter((u) => live?.members.has(u));
      c.tell(caller, roomId, { op: 'removeMember', name: s.room.name }, gone);
      this.#exit(caller, s, gone);
      const results: UserResult[] = users.map((user) =>
        block || gone.includes(user) ? { user, result: true } : { user, result: false, reason: 'not in the room' },
      );
      return { results };
    });
  }

  #enter(caller: Caller, s: RoomState, users: string[]): void {
    const c = this.#c;
    const now = c.clock.now();
    for (const user of users) {
      if (!c.live.add(caller.app.id, s.room.id, user, now)) continue;
      const present = c.present(caller, s.room.id);
      if (present.length > c.limits.presenceEventsMax) continue;
      const others = present.filter((u) => u !== user);
      c.tell(
        caller,
        s.room.id,
        { op: 'memberPresence', from: user, userId: user, memberCount: present.length },
        others,
      );
    }
  }

  #exit(caller: Caller, s: RoomState, users: string[]): void {
    const c = this.#c;
    for (const user of users) {
      if (!c.live.remove(caller.app.id, s.room.id, user)) continue;
      const present = c.present(caller, s.room.id);
      if (present.length >= c.limits.presenceEventsMax) continue;
      c.tell(
        caller,
        s.room.id,
        { op: 'memberAbsence', from: user, userId: user, memberCount: present.length },
        present,
      );
    }
  }

  #room(s: RoomState, present: number): void {
    if (present + 1 > s.room.maxUsers)
      throw new PigeonError('MEMBERS_LIMIT', `The chatroom is full (${s.room.maxUsers} members).`, {
        details: { maxUsers: s.room.maxUsers },
      });
  }
}
