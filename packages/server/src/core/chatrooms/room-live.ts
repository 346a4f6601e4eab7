/**
 * Who is in each chatroom right now, its message counter and its recent-history buffer: memory
 * only (DESIGN.md rule 6), the same on every node: each change is applied here and sent to the
 * other nodes on the bus topic `rooms` (room-replica.ts), so a member on any node gets a room's
 * broadcasts and a joiner on any node gets its recent history. A user stays a member while
 * connected; when the user's last connection drops, a grace timer starts, and the user leaves
 * every room when it fires (a reconnect cancels it). A node that starts while others run learns
 * their rooms first (`synced`).
 */
import type { Message, SendAck } from '@pigeon/protocol';
import type { Bus } from '../ports/bus.js';
import { RoomReplica, type RoomChange, type RoomSnapshot } from './room-replica.js';

export interface LiveRoom {
  readonly members: Map<string, number>;
  seq: number;
  /** Oldest first, at most historySize. */
  readonly history: Message[];
  /** Recent acks by sender and cid: a retried send gets the same ack and is not broadcast twice. */
  readonly acks: Map<string, SendAck>;
}

const ACKS_KEPT = 1000;
const WAIT_MS = 500;
const STEP_MS = 2;
const k = (appId: string, id: string) => `${appId}\u0000${id}`;

export class LiveRooms {
  readonly #rooms = new Map<string, LiveRoom>();
  readonly #byUser = new Map<string, Set<string>>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #historySize: number;
  readonly #replica: RoomReplica | undefined;
  /** Until synced: what changes touched (room, room+user, room+message), which a snapshot must not undo. */
  #touched: Set<string> | undefined;
  /** Settles once this node learnt the rooms of a running node (true) or there was none (false). */
  readonly synced: Promise<boolean>;

  constructor(historySize: number, bus?: Bus, syncTimeoutMs = 5_000) {
    this.#historySize = historySize;
    this.#replica =
      bus &&
      new RoomReplica(bus, {
        apply: (c) => this.#apply(c),
        snapshot: () => this.#snapshot(),
        merge: (s) => this.#merge(s),
      });
    this.#touched = this.#replica && new Set();
    this.synced = this.#sync(syncTimeoutMs);
  }

  async #sync(timeoutMs: number): Promise<boolean> {
    try {
      return (await this.#replica?.sync(timeoutMs)) ?? false;
    } finally {
      this.#touched = undefined;
    }
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
    return this.#change({ k: 'add', a: appId, r: roomId, u: user, at });
  }

  /** True when the user was in the room. */
  remove(appId: string, roomId: string, user: string): boolean {
    return this.#change({ k: 'remove', a: appId, r: roomId, u: user });
  }

  /** Forgets a destroyed room; returns who was in it. */
  drop(appId: string, roomId: string): string[] {
    const users = [...(this.get(appId, roomId)?.members.keys() ?? [])];
    this.#change({ k: 'drop', a: appId, r: roomId });
    return users;
  }

  /** A message broadcast to the room: into the recent history (and its ack, for retries). */
  record(appId: string, roomId: string, m: Message, ack: SendAck): void {
    this.#change({ k: 'msg', a: appId, r: roomId, m, ack });
  }

  /** Empties the buffered copy of a recalled message. */
  recall(appId: string, roomId: string, id: string): void {
    this.#change({ k: 'recall', a: appId, r: roomId, id });
  }

  #change(c: RoomChange): boolean {
    const changed = this.#apply(c);
    if (changed) this.#replica?.share(c);
    return changed;
  }

  #apply(c: RoomChange): boolean {
    this.#touch(c);
    if (c.k === 'add') return this.#add(c.a, c.r, c.u, c.at);
    if (c.k === 'remove') return this.#remove(c.a, c.r, c.u);
    if (c.k === 'drop') return this.#drop(c.a, c.r);
    if (c.k === 'msg') return this.#record(this.room(c.a, c.r), c.m, c.ack);
    const h = this.get(c.a, c.r)?.history;
    const i = h?.findIndex((m) => m.id === c.id) ?? -1;
    if (h && i >= 0) h[i] = { ...h[i], body: {}, recalled: true } as Message;
    return i >= 0;
  }

  #add(appId: string, roomId: string, user: string, at: number): boolean {
    const r = this.room(appId, roomId);
    if (r.members.has(user)) return false;
    r.members.set(user, at);
    let rooms = this.#byUser.get(k(appId, user));
    if (!rooms) this.#byUser.set(k(appId, user), (rooms = new Set()));
    rooms.add(roomId);
    return true;
  }

  #remove(appId: string, roomId: string, user: string): boolean {
    const r = this.#rooms.get(k(appId, roomId));
    if (!r?.members.delete(user)) return false;
    const rooms = this.#byUser.get(k(appId, user));
    rooms?.delete(roomId);
    if (rooms && !rooms.size) this.#byUser.delete(k(appId, user));
    return true;
  }

  #touch(c: RoomChange): void {
    if (!this.#touched) return;
    const room = k(c.a, c.r);
    if (c.k === 'add' || c.k === 'remove') this.#touched.add(`${room}\u0000${c.u}`);
    else if (c.k === 'drop') this.#touched.add(room);
    else if (c.k === 'recall') this.#touched.add(`${room}\u0000#${c.id}`);
  }

  #snapshot(): RoomSnapshot[] {
    return [...this.#rooms.entries()].map(([key, r]) => {
      const [a, id] = key.split('\u0000') as [string, string];
      return { a, r: id, members: [...r.members], seq: r.seq, history: r.history };
    });
  }

  /** A running node's room, under what changed here since this node subscribed. */
  #merge(s: RoomSnapshot): void {
    const room = k(s.a, s.r);
    if (!this.#touched || this.#touched.has(room)) return;
    for (const [u, at] of s.members) if (!this.#touched.has(`${room}\u0000${u}`)) this.#add(s.a, s.r, u, at);
    const r = this.room(s.a, s.r);
    // The running node's order (arrival order, the same on every node), then those heard of since.
    const order = new Set([...s.members.map(([u]) => u).filter((u) => r.members.has(u)), ...r.members.keys()]);
    const entries = [...order].map((u) => [u, r.members.get(u)!] as const);
    r.members.clear();
    for (const [u, at] of entries) r.members.set(u, at);
    const known = new Set(r.history.map((m) => m.id));
    for (const m of s.history) {
      if (known.has(m.id)) continue;
      const recalled = this.#touched.has(`${room}\u0000#${m.id}`);
      const kept = recalled ? ({ ...m, body: {}, recalled: true } as Message) : m;
      this.#record(r, kept, { id: m.id, cid: m.cid, conv: m.conv, seq: m.seq, ts: m.ts });
    }
    r.seq = Math.max(r.seq, s.seq);
  }

  roomsOf(appId: string, user: string): string[] {
    return [...(this.#byUser.get(k(appId, user)) ?? [])];
  }

  #drop(appId: string, roomId: string): boolean {
    const r = this.#rooms.get(k(appId, roomId));
    if (!r) return false;
    for (const u of [...r.members.keys()]) this.#remove(appId, roomId, u);
    this.#rooms.delete(k(appId, roomId));
    return true;
  }

  #record(r: LiveRoom, m: Message, ack: SendAck): boolean {
    r.seq = Math.max(r.seq, m.seq);
    // In seq order: another node's message may arrive after a later one of this node.
    let i = r.history.length;
    while (i > 0 && r.history[i - 1].seq > m.seq) i--;
    r.history.splice(i, 0, m);
    if (r.history.length > this.#historySize) r.history.splice(0, r.history.length - this.#historySize);
    r.acks.set(`${m.from}\u0000${m.cid}`, ack);
    if (r.acks.size > ACKS_KEPT) r.acks.delete(r.acks.keys().next().value as string);
    return true;
  }

  /**
   * Waits, briefly, until this node has recorded `seq` (or a later one) in the room: a seq given
   * out on another node is recorded here a moment after it was broadcast there. A seq that never
   * comes (its node died in between) is given up after WAIT_MS.
   */
  async reached(appId: string, roomId: string, seq: number): Promise<void> {
    for (let waited = 0; waited < WAIT_MS && this.room(appId, roomId).seq < seq; waited += STEP_MS) {
      await new Promise((resolve) => setTimeout(resolve, STEP_MS));
    }
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
