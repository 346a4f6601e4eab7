/** Chatrooms themselves: create (super admins, or anyone when the app allows), read, modify, destroy. */
import { PigeonError, type ChatroomPatch, type OpReply, type OpRequest } from '@pigeon/protocol';
import { page } from '../groups/group-service.js';
import { diff } from '../groups/group-validate.js';
import { requireRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import { existingUsers } from '../social/users.js';
import type { RoomContext } from './room-context.js';
import type { RoomMembership } from './room-membership.js';
import { roomInfo, roomRank } from './room-state.js';

const bad = (path: string, message: string) => new PigeonError('BAD_REQUEST', message, { details: { path } });

export class RoomService {
  readonly #c: RoomContext;
  readonly #members: RoomMembership;

  constructor(c: RoomContext, members: RoomMembership) {
    this.#c = c;
    this.#members = members;
  }

  async create(caller: Caller, req: OpRequest<'room.create'>, owner = caller.user): Promise<OpReply<'room.create'>> {
    const c = this.#c;
    await this.#mayCreate(caller);
    this.#check(req);
    const members = req.members?.length ? await existingUsers(c.repos.users, caller, req.members, '/members') : [];
    const id = c.ids();
    const maxUsers = req.maxUsers ?? Math.min(c.limits.defaultMaxUsers, c.limits.maxUsersCap);
    const room = {
      appId: caller.app.id,
      id,
      name: req.name,
      description: req.description ?? '',
      owner,
      maxUsers,
      ext: req.ext ?? '',
      announcement: '',
      muteAll: false,
      createdAt: c.clock.now(),
    };
    await c.repos.chatrooms.create(room);
    if (members.length) await this.#members.add(caller, id, members);
    return { roomId: id };
  }

  async list(caller: Caller, req: OpRequest<'room.list'>): Promise<OpReply<'room.list'>> {
    const { offset, limit } = page(req.pageNum, req.pageSize, 1000);
    const rows = await this.#c.repos.chatrooms.list(caller.app.id, offset, limit);
    const rooms = rows.map((r) => ({
      roomId: r.id,
      name: r.name,
      owner: r.owner,
      memberCount: this.#c.live.get(caller.app.id, r.id)?.members.size ?? 0,
    }));
    return { rooms };
  }

  async info(caller: Caller, req: OpRequest<'room.info'>): Promise<OpReply<'room.info'>> {
    const s = await this.#c.state(caller, req.roomId);
    return { room: roomInfo(s, this.#c.live.get(caller.app.id, req.roomId)) };
  }

  async modify(caller: Caller, req: OpRequest<'room.modify'>): Promise<OpReply<'room.modify'>> {
    const c = this.#c;
    this.#check(req);
    return c.mutate(caller, req.roomId, async (s, live) => {
      requireRank(roomRank(s, live, caller), 'admin', 'modify the chatroom');
      const patch: ChatroomPatch = {
        name: req.name,
        description: req.description,
        maxUsers: req.maxUsers,
        ext: req.ext,
      };
      const changed = diff(roomInfo(s, live), patch);
      if (!Object.keys(changed).length) return { changed };
      await c.repos.chatrooms.update(caller.app.id, req.roomId, changed);
      c.changed(caller, req.roomId);
      c.tell(caller, req.roomId, { op: 'updateInfo', detail: changed, name: changed.name ?? s.room.name });
      return { changed };
    });
  }

  /** The owner, a super admin or the app's backend. */
  async destroy(caller: Caller, req: OpRequest<'room.destroy'>): Promise<OpReply<'room.destroy'>> {
    const c = this.#c;
    return c.mutate(caller, req.roomId, async (s, live) => {
      if (roomRank(s, live, caller) !== 'owner' && !caller.admin && !(await this.#isSuper(caller)))
        throw new PigeonError('ROLE_REQUIRED', 'Only the owner or a super admin may destroy the chatroom.', {
          details: { required: 'owner' },
        });
      await c.repos.chatrooms.delete(caller.app.id, req.roomId);
      c.changed(caller, req.roomId);
      const users = c.live.drop(caller.app.id, req.roomId);
      c.tell(caller, req.roomId, { op: 'destroy', name: s.room.name }, users);
      return {};
    });
  }

  async #mayCreate(caller: Caller): Promise<void> {
    if (caller.admin || caller.app.settings.usersMayCreateChatrooms || (await this.#isSuper(caller))) return;
    throw new PigeonError('ROLE_REQUIRED', 'Only chatroom super admins may create chatrooms in this app.', {
      details: { required: 'superAdmin' },
    });
  }

  #isSuper(caller: Caller): Promise<boolean> {
    return this.#c.repos.chatrooms.isSuperAdmin(caller.app.id, caller.user);
  }

  #check(p: { name?: unknown; description?: unknown; maxUsers?: unknown; ext?: unknown }): void {
    const cap = this.#c.limits.maxUsersCap;
    if (p.name !== undefined && (typeof p.name !== 'string' || !p.name.trim() || p.name.length > 128))
      throw bad('/name', 'name must be 1 to 128 characters.');
    if (p.description !== undefined && (typeof p.description !== 'string' || p.description.length > 512))
      throw bad('/description', 'description must be at most 512 characters.');
    if (p.ext !== undefined && (typeof p.ext !== 'string' || p.ext.length > 8192))
      throw bad('/ext', 'ext must be a string of at most 8192 characters.');
    if (
      p.maxUsers !== undefined &&
      (!Number.isInteger(p.maxUsers) || (p.maxUsers as number) < 1 || (p.maxUsers as number) > cap)
    )
      throw bad('/maxUsers', `maxUsers must be an integer from 1 to ${cap}.`);
  }
}
