/**
 * Chatroom membership across reconnects: the rooms this connection joined are joined again after a
 * reconnect (the server keeps a disconnected user in them for a grace period, so this usually just
 * catches up on the recent history), and left on close().
 */
import type { ChatroomJoinReply, Events, Message } from '@pigeon/protocol';
import type { Request } from '../conversations.js';
import type { Ordering } from '../ordering.js';
import type { Positions } from '../positions.js';
import { settleWithin } from '../timers.js';

export class JoinedRooms {
  readonly ids: Set<string>;
  readonly #request: Request;

  /** `ids`: the connection's set of joined rooms (joinChatRoom / leaveChatRoom keep it). */
  constructor(request: Request, ids: Set<string>) {
    this.#request = request;
    this.ids = ids;
  }

  /** Joins every room again; one that refuses (destroyed, blocked) is forgotten. */
  async rejoin(deliver: (roomId: string, reply: ChatroomJoinReply) => void): Promise<void> {
    for (const roomId of [...this.ids]) {
      try {
        deliver(roomId, await this.#request('room.join', { roomId }));
      } catch {
        this.ids.delete(roomId);
      }
    }
  }

  /** Best effort, bounded: close() must not hang on a dead socket. */
  async leaveAll(waitMs: number): Promise<void> {
    const leaving = [...this.ids].map((roomId) => this.#request('room.leave', { roomId }).catch(() => undefined));
    this.ids.clear();
    if (leaving.length)
      await settleWithin(
        Promise.all(leaving).then(() => undefined),
        waitMs,
      );
  }

  /** Kicked out or the room is gone: do not rejoin it. */
  onEvent(d: Events['room']): void {
    if (d.op === 'removeMember' || d.op === 'destroy') this.ids.delete(d.id);
  }
}

/**
 * A joined room's history goes through the ordering layer, which drops what this device has seen.
 * A room whose newest seq is below our position restarted its count (the server restarted): start over.
 */
export function deliverHistory(
  positions: Positions,
  ordering: Ordering,
  roomId: string,
  reply: ChatroomJoinReply,
): void {
  const conv = `r:${roomId}`;
  if ((positions.get(conv) ?? 0) > reply.lastSeq) positions.set(conv, 0);
  for (const m of reply.history as Message[]) ordering.push(m);
}
