/**
 * Chatroom custom attributes (Easemob setChatRoomAttributes ...): key/value strings every present
 * member may read and set. A key set by someone else is theirs: only the owner, admins and the app's
 * backend overwrite or remove it, and only when they say `force`. Everyone present is told
 * (`updateChatRoomAttributes` / `removeChatRoomAttributes`). Attributes last until removed or the
 * room is destroyed (Easemob's autoDelete-on-leave is not offered).
 */
import { PigeonError, type AttrResult, type OpReply, type OpRequest } from '@pigeon/protocol';
import type { RoomAttr } from '../ports/chatroom-attrs.js';
import { requireRank, type ActorRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import type { RoomContext } from './room-context.js';
import { roomRank } from './room-state.js';

const KEY = /^[A-Za-z0-9_.-]{1,128}$/;
const MAX_VALUE = 4096;
const MAX_KEYS = 100;
const PER_CALL = 20;

const bad = (path: string, m: string) => new PigeonError('BAD_REQUEST', m, { details: { path } });

function checkKeys(keys: unknown, path: string): string[] {
  if (!Array.isArray(keys) || !keys.length || keys.length > PER_CALL)
    throw bad(path, `Name 1 to ${PER_CALL} attribute keys.`);
  keys.forEach((k, i) => {
    if (typeof k !== 'string' || !KEY.test(k)) throw bad(`${path}/${i}`, 'A key is 1-128 of A-Z a-z 0-9 _ - .');
  });
  return [...new Set(keys as string[])];
}

function checkAttrs(attrs: unknown): Array<[string, string]> {
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs))
    throw bad('/attrs', 'attrs must be an object of strings.');
  const entries = Object.entries(attrs);
  checkKeys(
    entries.map(([k]) => k),
    '/attrs',
  );
  for (const [k, v] of entries)
    if (typeof v !== 'string' || !v || v.length > MAX_VALUE)
      throw bad(`/attrs/${k}`, `A value is a string of 1 to ${MAX_VALUE} characters.`);
  return entries as Array<[string, string]>;
}

export class RoomAttributes {
  readonly #c: RoomContext;

  constructor(c: RoomContext) {
    this.#c = c;
  }

  async get(caller: Caller, req: OpRequest<'room.attrs'>): Promise<OpReply<'room.attrs'>> {
    const keys = req.keys === undefined ? undefined : new Set(checkKeys(req.keys, '/keys'));
    const s = await this.#c.state(caller, req.roomId);
    requireRank(roomRank(s, this.#c.live.get(caller.app.id, req.roomId), caller), 'member', 'read its attributes');
    const attrs: Record<string, string> = {};
    for (const a of await this.#c.repos.chatroomAttrs.all(caller.app.id, req.roomId))
      if (!keys || keys.has(a.key)) attrs[a.key] = a.value;
    return { attrs };
  }

  async set(caller: Caller, req: OpRequest<'room.setAttrs'>): Promise<OpReply<'room.setAttrs'>> {
    const c = this.#c;
    return c.mutate(caller, req.roomId, async (s, live) => {
      const rank = this.#mayChange(roomRank(s, live, caller), req.force);
      const entries = checkAttrs(req.attrs);
      const existing = new Map((await c.repos.chatroomAttrs.all(caller.app.id, req.roomId)).map((a) => [a.key, a]));
      const out: AttrResult = { successKeys: [], errorKeys: {} };
      const done: RoomAttr[] = [];
      for (const [key, value] of entries) {
        const cur = existing.get(key);
        const refused = this.#refusal(cur, caller.user, rank, req.force);
        if (refused) out.errorKeys[key] = refused;
        else if (!cur && existing.size + done.length >= MAX_KEYS) out.errorKeys[key] = 'too many attributes';
        else done.push({ key, value, owner: cur && req.force ? cur.owner : caller.user });
      }
      await c.repos.chatroomAttrs.put(caller.app.id, req.roomId, done, c.clock.now());
      out.successKeys = done.map((a) => a.key);
      const attributes: Record<string, string> = {};
      for (const a of done) attributes[a.key] = a.value;
      if (done.length) c.tell(caller, req.roomId, { op: 'updateChatRoomAttributes', name: s.room.name, attributes });
      return out;
    });
  }

  async remove(caller: Caller, req: OpRequest<'room.removeAttrs'>): Promise<OpReply<'room.removeAttrs'>> {
    const c = this.#c;
    return c.mutate(caller, req.roomId, async (s, live) => {
      const rank = this.#mayChange(roomRank(s, live, caller), req.force);
      const keys = checkKeys(req.keys, '/keys');
      const existing = new Map((await c.repos.chatroomAttrs.all(caller.app.id, req.roomId)).map((a) => [a.key, a]));
      const out: AttrResult = { successKeys: [], errorKeys: {} };
      for (const key of keys) {
        const cur = existing.get(key);
        const refused = cur ? this.#refusal(cur, caller.user, rank, req.force) : 'no such attribute';
        if (refused) out.errorKeys[key] = refused;
        else out.successKeys.push(key);
      }
      await c.repos.chatroomAttrs.remove(caller.app.id, req.roomId, out.successKeys);
      if (out.successKeys.length)
        c.tell(caller, req.roomId, {
          op: 'removeChatRoomAttributes',
          name: s.room.name,
          attributes: out.successKeys,
        });
      return out;
    });
  }

  /** Present members change their own keys; `force` needs the owner, an admin or the backend. */
  #mayChange(rank: ActorRank | undefined, force: boolean | undefined): ActorRank {
    requireRank(rank, force ? 'admin' : 'member', force ? "change others' attributes" : 'change its attributes');
    return rank!;
  }

  #refusal(cur: RoomAttr | undefined, me: string, rank: ActorRank, force: boolean | undefined): string | undefined {
    if (!cur || cur.owner === me || (force && rank !== 'member')) return undefined;
    return 'set by another member';
  }
}
