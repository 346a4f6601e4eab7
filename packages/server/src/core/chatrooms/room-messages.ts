/**
 * Chatroom messages: never stored (DESIGN.md rule 6). A send gets the room's next seq (a counter
 * shared by every node, on the bus), goes into the recent-history buffer (on every node) and is
 * broadcast, serialized once, to the members present on any node; the ack follows at once. A retried
 * send (same cid) gets its first ack back and is not broadcast again. Sends to one room are taken
 * in turn on a node, and each waits (briefly) for the previous seq to be out from whichever node
 * had it, so every member gets a room's messages in seq order.
 */
import { PigeonError, roomKey, type Message, type OutgoingMessage, type SendAck } from '@pigeon/protocol';
import { KeyedLock } from '../social/keyed-lock.js';
import { isMuted } from '../social/roles.js';
import type { Caller } from '../types.js';
import type { RoomContext } from './room-context.js';
import type { LiveRoom } from './room-live.js';
import { roomRank, type RoomState } from './room-state.js';

export class RoomMessages {
  readonly #c: RoomContext;
  readonly #turns = new KeyedLock();

  constructor(c: RoomContext) {
    this.#c = c;
  }

  /** `trusted`: the app's backend, which may send to any room as anyone. */
  async send(caller: Caller, out: OutgoingMessage, id: string, trusted: boolean): Promise<SendAck> {
    const c = this.#c;
    const s = await c.state(caller, out.to);
    return this.#turns.run(`${caller.app.id}\u0000${out.to}`, async () => {
      const live = c.live.room(caller.app.id, out.to);
      const prior = live.acks.get(`${caller.user}\u0000${out.cid}`);
      if (prior) return prior;
      if (!trusted) this.#maySpeak(caller, s, live);
      const ts = c.clock.now();
      const seq = out.type === 'cmd' || out.onlineOnly ? 0 : await this.#nextSeq(caller, out.to, live);
      // The SDK takes room messages in seq order without gap filling: wait (bounded) until the
      // previous seq, perhaps given out on another node, has been broadcast from there.
      if (seq > 1) await c.live.reached(caller.app.id, out.to, seq - 1);
      const msg = { ...out, id, conv: roomKey(out.to), from: caller.user, seq, ts } as Message;
      const ack = { id, cid: out.cid, conv: msg.conv, seq, ts };
      // Broadcast before recording: another node hears of seq N (and may then broadcast N+1) only
      // after N's pushes to its members went out ahead on the same Redis connection.
      c.hub.emitMany(caller.app.id, live.members.keys(), 'msg', msg, caller.sessionId);
      if (seq > 0) c.live.record(caller.app.id, out.to, msg, ack);
      return ack;
    });
  }

  async #nextSeq(caller: Caller, roomId: string, live: LiveRoom): Promise<number> {
    try {
      return await this.#c.bus.next(`room:${caller.app.id}:${roomId}`, live.seq);
    } catch (e) {
      throw new PigeonError('UNAVAILABLE', 'The chatroom counter cannot be reached; try again.', { cause: e });
    }
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
    this.#c.live.recall(caller.app.id, m.to, m.id);
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
