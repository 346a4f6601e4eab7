/**
 * Who is in each chatroom right now, its message counter and its recent-history buffer: memory
 * only (DESIGN.md rule 6). A user stays a member while connected; when the user's last connection
 * drops, a grace timer starts, and the user leaves every room when it fires (a reconnect cancels it).
 */
import type { Message, SendAck } from '@pigeon/protocol';

export interface LiveRoom {
  readonly members: Map<string, number>;
  seq: number;
  /** Oldest first, at most historySize. */
  readonly history: Message[];
  /** Recent acks by sender and cid: a retried send gets the same ack and is not broadcast twice. */
  readonly acks: Map<string, SendAck>;
}

const ACKS_KEPT = 1000;
const k = (appId: string, id: string) => `${appId}\u0000${id}`;

export class LiveRooms {
  readonly #rooms = new Map<string, LiveRoom>();
  readonly #byUser = new Map<string, Set<string>>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #historySize: number;

  constructor(historySize: number) {
    this.#historySize = historySize;
  }

  get(appId: string, roomId: string): LiveRoom | undefined {
    return this.#rooms.get(k(appId, roomId));
  }

  room(appId: string, roomId: string): LiveRoom {
    let r = this.#rooms.get(k(appId, roomId));
    if (!r) this.#rooms.set(k(appId, roomId), (r = { members: new Map(), seq: 0, history: [], acks: new Map() }));
    return r;
  }

  /** True when the user was not in the room before. */
  add(appId: string, roomId: string, user: string, at: number): boolean {
    const r = this.room(appId, roomId);
    if (r.members.has(user)) return false;
    r.members.set(user, at);
    let rooms = this.#byUser.get(k(appId, user));
    if (!rooms) this.#byUser.set(k(appId, user), (rooms = new Set()));
    rooms.add(roomId);
    return true;
  }

  /** True when the user was in the room. */
  remove(appId: string, roomId: string, user: string): boolean {
    const r = this.#rooms.get(k(appId, roomId));
    if (!r?.members.delete(user)) return false;
    const rooms = this.#byUser.get(k(appId, user));
    rooms?.delete(roomId);
    if (rooms && !rooms.size) this.#byUser.delete(k(appId, user));
    return true;
  }

  roomsOf(appId: string, user: string): string[] {
    return [...(this.#byUser.get(k(appId, user)) ?? [])];
  }

  /** Forgets a destroyed room; returns who was in it. */
  drop(appId: string, roomId: string): string[] {
    const r = this.#rooms.get(k(appId, roomId));
    if (!r) return [];
    const users = [...r.members.keys()];
    for (const u of users) this.remove(appId, roomId, u);
    this.#rooms.delete(k(appId, roomId));
    return users;
  }

  record(r: LiveRoom, m: Message, ack: SendAck): void {
    r.history.push(m);
    if (r.history.length > this.#historySize) r.history.splice(0, r.history.length - this.#historySize);
    r.acks.set(`${m.from}\u0000${m.cid}`, ack);
    if (r.acks.size > ACKS_KEPT) r.acks.delete(r.acks.keys().next().value as string);
  }

  schedule(appId: string, user: string, ms: number, fire: () => void): void {
    this.cancel(appId, user);
    const t = setTimeout(() => {
      this.#timers.delete(k(appId, user));
      fire();
    }, ms);
    (t as { unref?: () => void }).unref?.();
    this.#timers.set(k(appId, user), t);
  }

  cancel(appId: string, user: string): void {
    clearTimeout(this.#timers.get(k(appId, user)));
    this.#timers.delete(k(appId, user));
  }

  stop(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }
}
