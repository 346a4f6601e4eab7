/**
 * Chatroom live state shared by every node: each change a node makes to its LiveRooms goes to the
 * others on the bus topic `rooms` and they apply it too. Changes from one node arrive in the order
 * it made them (one Redis connection publishes them). What is not shared: grace timers (the node
 * that held the user's last connection runs them) and state a node missed while it was down or cut
 * from Redis (it learns rooms again from the changes that follow).
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

const TOPIC = 'rooms';

export class RoomReplica {
  readonly #bus: Bus;
  readonly #node = uuid();

  constructor(bus: Bus, apply: (c: RoomChange) => void) {
    this.#bus = bus;
    bus.subscribe(TOPIC, (m: BusMessage) => {
      if (m.t === 'state' && m.n !== this.#node) apply(m.d as RoomChange);
    });
  }

  share(c: RoomChange): void {
    this.#bus.publish(TOPIC, { t: 'state', n: this.#node, d: c });
  }
}
