/** A chatroom's durable side (record, admins, mutes, blocks), cached and dropped on change. */
import { PigeonError, type ChatroomInfo } from '@pigeon/protocol';
import type { Bus } from '../ports/bus.js';
import type { ChatroomRecord, ChatroomRepository } from '../ports/chatrooms.js';
import { RecordCache } from '../social/record-cache.js';
import type { ActorRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import type { LiveRoom } from './room-live.js';

export interface RoomState {
  readonly room: ChatroomRecord;
  readonly admins: ReadonlySet<string>;
  /** user -> mute end (-1 permanent). */
  readonly mutes: ReadonlyMap<string, number>;
  readonly blocks: ReadonlySet<string>;
  /** May speak while everyone is muted (the allowlist). */
  readonly allowed: ReadonlySet<string>;
}

export class RoomDirectory {
  readonly #cache: RecordCache<RoomState>;

  constructor(repo: ChatroomRepository, bus: Bus, max: number) {
    this.#cache = new RecordCache(bus, 'chatrooms', max, async (appId, id) => {
      const room = await repo.get(appId, id);
      if (!room) return undefined;
      const lists = await repo.lists(appId, id);
      const of = (kind: string) => lists.filter((l) => l.kind === kind);
      return {
        room,
        admins: new Set(of('admin').map((l) => l.user)),
        mutes: new Map(of('mute').map((l) => [l.user, l.until])),
        blocks: new Set(of('block').map((l) => l.user)),
        allowed: new Set(of('allow').map((l) => l.user)),
      };
    });
  }

  async get(appId: string, id: string): Promise<RoomState> {
    const s = await this.#cache.get(appId, id);
    if (!s) throw new PigeonError('CHATROOM_NOT_FOUND', `No chatroom ${id}.`, { details: { roomId: id } });
    return s;
  }

  invalidate(appId: string, id: string): void {
    this.#cache.invalidate(appId, id);
  }
}

/** Owner and admins hold their role whether present or not; plain members only while present. */
export function roomRank(s: RoomState, live: LiveRoom | undefined, caller: Caller): ActorRank | undefined {
  if (caller.admin) return 'app';
  if (s.room.owner === caller.user) return 'owner';
  if (s.admins.has(caller.user)) return 'admin';
  return live?.members.has(caller.user) ? 'member' : undefined;
}

export const targetRole = (s: RoomState, user: string) =>
  s.room.owner === user ? 'owner' : s.admins.has(user) ? 'admin' : 'member';

export function roomInfo(s: RoomState, live: LiveRoom | undefined): ChatroomInfo {
  const r = s.room;
  return {
    roomId: r.id,
    name: r.name,
    description: r.description,
    owner: r.owner,
    maxUsers: r.maxUsers,
    ext: r.ext,
    muteAll: r.muteAll,
    memberCount: live?.members.size ?? 0,
    created: r.createdAt,
  };
}
