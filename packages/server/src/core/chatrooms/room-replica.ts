/**
 * Chatroom live state shared by every node: each change a node makes to its LiveRooms goes to the
 * others on the bus topic `rooms` and they apply it too. Changes from one node arrive in the order
 * it made them (one Redis connection publishes them). A node that starts while others run learns
 * what they know (`sync`): it says hello on `rooms`, and the first node to answer sends it every
 * room (members, seq, recent history) on the node's own topic `rooms:<node>`, then `end`. Redis
 * delivers the answer after every change the answering node had applied, so the starting node
 * takes a room's snapshot only for what no change has touched since it subscribed (room-live.ts).
 * What is not shared: grace timers (the node that held the user's last connection runs them) and
 * state a node missed while it was cut from Redis (it learns rooms again from the changes that follow).
 */
import type { Message, SendAck } from '@pigeon/protocol';
import { uuid } from '../ids.js';
import type { Bus, BusMessage } from '../ports/bus.js';

/** `a`: app id, `r`: room id, `u`: user (short keys: one of these crosses Redis per change). */
export type RoomChange =
  | { k: 'add'; a: string; r: string; u: string; at: number }
  | { k: 'remove'; a: string; r: string; u: string }
  | { k: 'drop'; a: string; r: string }
  | { k: 'msg'; a: string; r: string; m: Message; ack: SendAck }
  | { k: 'recall'; a: string; r: string; id: string };

/** One room as a node knows it: members (user, joined at), the last seq, the recent history. */
export interface RoomSnapshot {
  a: string;
  r: string;
  members: [string, number][];
  seq: number;
  history: Message[];
}

type SyncMessage = { k: 'hello' } | { k: 'snap'; s: RoomSnapshot } | { k: 'end' };

export interface ReplicaTarget {
  apply(c: RoomChange): void;
  snapshot(): RoomSnapshot[];
  merge(s: RoomSnapshot): void;
}

const TOPIC = 'rooms';

export class RoomReplica {
  readonly #bus: Bus;
  readonly #node = uuid();
  readonly #target: ReplicaTarget;
  #from: string | undefined;
  #synced: () => void = () => undefined;

  constructor(bus: Bus, target: ReplicaTarget) {
    this.#bus = bus;
    this.#target = target;
    bus.subscribe(TOPIC, (m: BusMessage) => {
      if (m.t !== 'state' || m.n === this.#node) return;
      const d = m.d as RoomChange | SyncMessage;
      if (d.k === 'hello') this.#answer(m.n);
      else if (d.k !== 'snap' && d.k !== 'end') target.apply(d);
    });
    bus.subscribe(`${TOPIC}:${this.#node}`, (m: BusMessage) => this.#onSnapshot(m));
  }

  share(c: RoomChange): void {
    this.#bus.publish(TOPIC, { t: 'state', n: this.#node, d: c });
  }

  /**
   * Learns the rooms from a running node, if there is one; false when none answered within
   * `timeoutMs` (or there was nobody to ask).
   */
  async sync(timeoutMs: number): Promise<boolean> {
    const listeners = await this.#bus.listeners(TOPIC).catch(() => 0);
    if (listeners <= 1) return false;
    const done = new Promise<boolean>((resolve) => {
      this.#synced = () => resolve(true);
      setTimeout(() => resolve(false), timeoutMs).unref?.();
    });
    this.#bus.publish(TOPIC, { t: 'state', n: this.#node, d: { k: 'hello' } satisfies SyncMessage });
    return done;
  }

  #answer(node: string): void {
    const topic = `${TOPIC}:${node}`;
    for (const s of this.#target.snapshot())
      this.#bus.publish(topic, { t: 'state', n: this.#node, d: { k: 'snap', s } satisfies SyncMessage });
    this.#bus.publish(topic, { t: 'state', n: this.#node, d: { k: 'end' } satisfies SyncMessage });
  }

  #onSnapshot(m: BusMessage): void {
    if (m.t !== 'state' || m.n === this.#node) return;
    this.#from ??= m.n; // several nodes answer: one is enough
    if (m.n !== this.#from) return;
    const d = m.d as SyncMessage;
    if (d.k === 'snap') this.#target.merge(d.s);
    else if (d.k === 'end') this.#synced();
  }
}
