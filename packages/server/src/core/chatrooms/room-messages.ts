/**
 * Chatroom messages: never stored (DESIGN.md rule 6). A send gets the room's next seq, goes into the
 * recent-history buffer and is broadcast, serialized once, to the members present; the ack follows
 * at once. A retried send (same cid) gets its first ack back and is not broadcast again.
 */
import { PigeonError, roomKey, type Message, type OutgoingMessage, type SendAck } from '@pigeon/protocol';
import { isMuted } from '../social/roles.js';
import type { Caller } from '../types.js';
import type { RoomContext } from './room-context.js';
import type { LiveRoom } from './room-live.js';
import { roomRank, type RoomState } from './room-state.js';

export class RoomMessages {
  readonly #c: RoomContext;

  constructor(c: RoomContext) {
    this.#c = c;
  }

  /** `trusted`: the app's backend, which may send to any room as anyone. */
  async send(caller: Caller, out: OutgoingMessage, id: string, trusted: boolean): Promise<SendAck> {
    const c = this.#c;
    const s = await c.state(caller, out.to);
    const live = c.live.room(caller.app.id, out.to);
    const prior = live.acks.get(`${caller.user}\u0000${out.cid}`);
    if (prior) return prior;
    if (!trusted) this.#maySpeak(caller, s, live);
    const ts = c.clock.now();
    const seq = out.type === 'cmd' || out.onlineOnly ? 0 : ++live.seq;
    const msg = { ...out, id, conv: roomKey(out.to), from: caller.user, seq, ts } as Message;
    const ack = { id, cid: out.cid, conv: msg.conv, seq, ts };
    if (seq > 0) c.live.record(live, msg, ack);
    c.hub.emitMany(caller.app.id, live.members.keys(), 'msg', msg, caller.sessionId);
    return ack;
  }

  /** The buffer, for msg.pull (oldest first) and msg.history (newest first), to members present. */
  range(
    caller: Caller,
    roomId: string,
    afterSeq: number,
    beforeSeq: number,
    limit: number,
    order: 'asc' | 'desc',
  ): Message[] {
    const live = this.#present(caller, roomId);
    const hits = live.history.filter((m) => m.seq > afterSeq && m.seq < beforeSeq);
    return (order === 'asc' ? hits : hits.reverse()).slice(0, limit);
  }

  /** A message still in the buffer, for recall (the caller must be present). */
  find(caller: Caller, roomId: string, id: string): Message | undefined {
    return this.#present(caller, roomId).history.find((m) => m.id === id);
  }

  /** Empties the buffered copy and tells the members present. */
  recall(caller: Caller, m: Message): void {
    const live = this.#present(caller, m.to);
    const i = live.history.indexOf(m);
    if (i >= 0) live.history[i] = { ...m, body: {}, recalled: true } as Message;
    this.#c.hub.emitMany(
      caller.app.id,
      live.members.keys(),
      'recall',
      { conv: m.conv, id: m.id, by: caller.user },
      caller.sessionId,
    );
  }

  #present(caller: Caller, roomId: string): LiveRoom {
    const live = this.#c.live.get(caller.app.id, roomId);
    if (!live?.members.has(caller.user)) throw new PigeonError('NOT_A_MEMBER', 'You are not in this chatroom.');
    return live;
  }

  #maySpeak(caller: Caller, s: RoomState, live: LiveRoom): void {
    if (!live.members.has(caller.user)) throw new PigeonError('NOT_A_MEMBER', `You are not in chatroom ${s.room.id}.`);
    const until = s.mutes.get(caller.user) ?? 0;
    if (isMuted(until, this.#c.clock.now()))
      throw new PigeonError('MUTED', 'You are muted in this chatroom.', { details: { expire: until } });
    if (s.room.muteAll && roomRank(s, live, caller) === 'member' && !s.allowed.has(caller.user))
      throw new PigeonError('MUTED', 'Everyone is muted in this chatroom.', { details: { all: true } });
  }
}
