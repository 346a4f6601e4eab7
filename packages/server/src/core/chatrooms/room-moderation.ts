/** Chatroom roles and speech: admins, mutes (with duration, or everyone), announcement. */
import { PigeonError, type MuteEntry, type OpReply, type OpRequest } from '@pigeon/protocol';
import { userList } from '../social/users.js';
import { isMuted, muteUntil, requireOutranks, requireRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import type { RoomContext } from './room-context.js';
import { roomRank, targetRole } from './room-state.js';

export class RoomModeration {
  readonly #c: RoomContext;

  constructor(c: RoomContext) {
    this.#c = c;
  }

  async admins(caller: Caller, req: OpRequest<'room.admins'>): Promise<OpReply<'room.admins'>> {
    const s = await this.#c.state(caller, req.roomId);
    return { admins: [...s.admins].sort() };
  }

  setAdmin(caller: Caller, req: OpRequest<'room.setAdmin'>): Promise<OpReply<'room.setAdmin'>> {
    return this.#role(caller, req.roomId, req.user, true);
  }

  removeAdmin(caller: Caller, req: OpRequest<'room.removeAdmin'>): Promise<OpReply<'room.removeAdmin'>> {
    return this.#role(caller, req.roomId, req.user, false);
  }

  async mute(caller: Caller, req: OpRequest<'room.mute'>): Promise<OpReply<'room.mute'>> {
    const c = this.#c;
    const until = muteUntil(c.clock.now(), req.durationMs);
    const users = userList(req.users);
    return c.mutate(caller, req.roomId, async (s, live) => {
      const rank = roomRank(s, live, caller);
      requireRank(rank, 'admin', 'mute members');
      for (const u of users) requireOutranks(rank!, targetRole(s, u), u, 'mute');
      await c.repos.chatrooms.putList(caller.app.id, req.roomId, 'mute', users, until);
      c.changed(caller, req.roomId);
      for (const u of users)
        c.tell(caller, req.roomId, { op: 'muteMember', userId: u, expire: until }, [u, ...s.admins, s.room.owner]);
      return { muted: users.map((user) => ({ user, expire: until })) };
    });
  }

  async unmute(caller: Caller, req: OpRequest<'room.unmute'>): Promise<OpReply<'room.unmute'>> {
    const c = this.#c;
    const users = userList(req.users);
    return c.mutate(caller, req.roomId, async (s, live) => {
      const rank = roomRank(s, live, caller);
      requireRank(rank, 'admin', 'unmute members');
      for (const u of users) requireOutranks(rank!, targetRole(s, u), u, 'unmute');
      await c.repos.chatrooms.removeList(caller.app.id, req.roomId, 'mute', users);
      c.changed(caller, req.roomId);
      for (const u of users)
        c.tell(caller, req.roomId, { op: 'unmuteMember', userId: u }, [u, ...s.admins, s.room.owner]);
      return { results: users.map((user) => ({ user, result: s.mutes.has(user) })) };
    });
  }

  async muteList(caller: Caller, req: OpRequest<'room.muteList'>): Promise<OpReply<'room.muteList'>> {
    const s = await this.#c.state(caller, req.roomId);
    requireRank(roomRank(s, this.#c.live.get(caller.app.id, req.roomId), caller), 'admin', 'see the mute list');
    const now = this.#c.clock.now();
    const muted: MuteEntry[] = [];
    for (const [user, expire] of s.mutes) if (isMuted(expire, now)) muted.push({ user, expire });
    return { muted };
  }

  async muteAll(caller: Caller, req: OpRequest<'room.muteAll'>): Promise<OpReply<'room.muteAll'>> {
    const c = this.#c;
    return c.mutate(caller, req.roomId, async (s, live) => {
      requireRank(roomRank(s, live, caller), 'admin', req.mute ? 'mute everyone' : 'unmute everyone');
      await c.repos.chatrooms.update(caller.app.id, req.roomId, { muteAll: req.mute });
      c.changed(caller, req.roomId);
      c.tell(caller, req.roomId, { op: req.mute ? 'muteAllMembers' : 'unmuteAllMembers' });
      return { mute: req.mute };
    });
  }

  async announcement(caller: Caller, req: OpRequest<'room.announcement'>): Promise<OpReply<'room.announcement'>> {
    return { announcement: (await this.#c.state(caller, req.roomId)).room.announcement };
  }

  async setAnnouncement(
    caller: Caller,
    req: OpRequest<'room.setAnnouncement'>,
  ): Promise<OpReply<'room.setAnnouncement'>> {
    const c = this.#c;
    if (typeof req.announcement !== 'string' || req.announcement.length > 4096)
      throw new PigeonError('BAD_REQUEST', 'The announcement is a string of at most 4096 characters.', {
        details: { path: '/announcement' },
      });
    return c.mutate(caller, req.roomId, async (s, live) => {
      requireRank(roomRank(s, live, caller), 'admin', 'change the announcement');
      await c.repos.chatrooms.update(caller.app.id, req.roomId, { announcement: req.announcement });
      c.changed(caller, req.roomId);
      const op = req.announcement ? 'updateAnnouncement' : 'deleteAnnouncement';
      c.tell(caller, req.roomId, { op, announcement: req.announcement });
      return {};
    });
  }

  async #role(caller: Caller, roomId: string, name: string, admin: boolean): Promise<Record<string, never>> {
    const c = this.#c;
    const user = normalizeUsername(name, '/user');
    return c.mutate(caller, roomId, async (s, live) => {
      requireRank(roomRank(s, live, caller), 'owner', admin ? 'appoint admins' : 'remove admins');
      if (user === s.room.owner)
        throw new PigeonError('BAD_REQUEST', 'The owner keeps the owner role.', { details: { user } });
      if (admin && !live?.members.has(user) && !s.admins.has(user))
        throw new PigeonError('NOT_A_MEMBER', `${user} is not in the chatroom.`, { details: { user } });
      if (s.admins.has(user) === admin) return {};
      if (admin) await c.repos.chatrooms.putList(caller.app.id, roomId, 'admin', [user], 0);
      else await c.repos.chatrooms.removeList(caller.app.id, roomId, 'admin', [user]);
      c.changed(caller, roomId);
      c.tell(caller, roomId, { op: admin ? 'setAdmin' : 'removeAdmin', userId: user }, [user]);
      return {};
    });
  }
}
