/**
 * Per-conversation order, gaps and duplicates. Messages reach the app strictly in seq order: a pushed
 * message more than one above the last seen reveals a gap; it waits while the gap is pulled, and is
 * surfaced after the messages before it. Anything at or below the last seen seq is a duplicate.
 * While offline positions are being fetched (hold), pushes wait, so a push cannot hide the messages
 * that arrived while the device was away.
 */
import type { Message } from '@pigeon/protocol';
import type { Positions } from './positions.js';
import { RecentSet } from './recent.js';

export type Pull = (conv: string, afterSeq: number) => Promise<{ msgs: Message[]; hasMore: boolean }>;

interface Lane {
  buffer: Map<number, Message>;
  filling?: Promise<void>;
}

const isRoom = (conv: string): boolean => conv.startsWith('r:');

export class Ordering {
  readonly #lanes = new Map<string, Lane>();
  readonly #seenPassthrough = new RecentSet<string>(1000);
  readonly #positions: Positions;
  readonly #pull: Pull;
  readonly #deliver: (msgs: Message[]) => void;
  #held = false;

  constructor(positions: Positions, pull: Pull, deliver: (msgs: Message[]) => void) {
    this.#positions = positions;
    this.#pull = pull;
    this.#deliver = deliver;
  }

  /** Park pushes until release(): offline positions are not known yet. */
  hold(): void {
    this.#held = true;
  }

  /** Positions are known: surface what waited, filling gaps where needed. */
  release(): void {
    this.#held = false;
    for (const [conv, lane] of this.#lanes) if (lane.buffer.size) this.#advance(conv, lane);
  }

  /** A message pushed by the server, or our own send once acked. */
  push(m: Message): void {
    if (m.seq <= 0) {
      if (this.#seenPassthrough.add(`${m.conv}/${m.id}`)) this.#deliver([m]);
      return;
    }
    const pos = this.#positions.get(m.conv);
    if (pos !== undefined && m.seq <= pos) return;
    if (isRoom(m.conv)) {
      // Chatrooms keep only a recent buffer and are not synced: dedup, no gap fill.
      this.#positions.set(m.conv, m.seq);
      return this.#deliver([m]);
    }
    const lane = this.#lane(m.conv);
    lane.buffer.set(m.seq, m);
    if (!this.#held) this.#advance(m.conv, lane);
  }

  /** Pulls a conversation from its position until the server has nothing more. Shared per lane. */
  fill(conv: string): Promise<void> {
    const lane = this.#lane(conv);
    if (!lane.filling) {
      // then(f, g), not finally (ES2018): older mini-program engines lack it.
      const clear = (): void => void (lane.filling = undefined);
      lane.filling = this.#fillLoop(conv, lane).then(clear, (e: unknown) => {
        clear();
        throw e;
      });
    }
    return lane.filling;
  }

  #lane(conv: string): Lane {
    let lane = this.#lanes.get(conv);
    if (!lane) this.#lanes.set(conv, (lane = { buffer: new Map() }));
    return lane;
  }

  #advance(conv: string, lane: Lane): void {
    // A conversation this device knows nothing about began after the offline sync: it starts where the
    // server's history for this user starts. A first push of seq 1 needs no pull; a later one is filled
    // from 0, and the server returns only what the user may see (a group from the user's joining). Taking
    // the first push as the start lost the messages before it whose pushes it overtook (two nodes push
    // one group's messages independently).
    if (this.#positions.get(conv) === undefined) this.#positions.set(conv, 0);
    this.#emit(this.#drain(conv, lane));
    if (lane.buffer.size && !lane.filling) this.fill(conv).catch(() => undefined);
  }

  /** Takes the buffered run that continues the position. */
  #drain(conv: string, lane: Lane): Message[] {
    let pos = this.#positions.get(conv) ?? 0;
    for (const seq of lane.buffer.keys()) if (seq <= pos) lane.buffer.delete(seq);
    const out: Message[] = [];
    for (let m = lane.buffer.get(pos + 1); m; m = lane.buffer.get(pos + 1)) {
      lane.buffer.delete(++pos);
      out.push(m);
    }
    if (out.length) this.#positions.set(conv, pos);
    return out;
  }

  async #fillLoop(conv: string, lane: Lane): Promise<void> {
    for (;;) {
      const page = await this.#pull(conv, this.#positions.get(conv) ?? 0);
      const out: Message[] = [];
      for (const m of page.msgs) this.#acceptPulled(conv, lane, m, out);
      out.push(...this.#drain(conv, lane));
      this.#emit(out);
      if (page.hasMore && page.msgs.length) continue;
      if (!lane.buffer.size) return;
      if (page.msgs.length) continue; // pushes raced the last page: pull again from the new position
      // The server has nothing after our position, yet pushes are buffered above it: the seqs in
      // between are ones this user cannot see (cleared history), so the rest goes out in order.
      return this.#emit(this.#takeAll(conv, lane));
    }
  }

  /** A pulled page covers every visible seq after the requested one: holes in it do not exist for us. */
  #acceptPulled(conv: string, lane: Lane, m: Message, out: Message[]): void {
    const pos = this.#positions.get(conv) ?? 0;
    if (m.seq <= pos) return;
    lane.buffer.delete(m.seq);
    out.push(...this.#takeAll(conv, lane, m.seq));
    out.push(m);
    this.#positions.set(conv, m.seq);
  }

  /** Buffered messages below `limit` (all when omitted), in seq order. */
  #takeAll(conv: string, lane: Lane, limit = Infinity): Message[] {
    const seqs = [...lane.buffer.keys()].filter((s) => s < limit).sort((a, b) => a - b);
    const out = seqs.map((s) => lane.buffer.get(s) as Message);
    for (const s of seqs) lane.buffer.delete(s);
    if (seqs.length) this.#positions.set(conv, Math.max(this.#positions.get(conv) ?? 0, seqs[seqs.length - 1]));
    return out;
  }

  #emit(msgs: Message[]): void {
    if (msgs.length) this.#deliver(msgs);
  }
}
