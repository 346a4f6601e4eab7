/**
 * Delivery between nodes, socket.io-adapter style: publish to a topic (one per app user), and every
 * node holding a session of that user gets it. In-process (bus/memory.ts) or Redis pub/sub
 * (bus/redis.ts). Messages are plain JSON so any transport can carry them. The bus also keeps
 * presence: which sessions of a topic are live on any node (a crashed node's expire).
 */
import type { EventName, Platform } from '@pigeon/protocol';
import type { MultiDevicePolicy } from '../types.js';

export type KickReason = 'kicked' | 'deactivated' | 'admin' | 'password_changed';

export type BusMessage =
  /** Push an event to every session of the user, except one (the sending connection). */
  | { t: 'event'; ev: EventName; d: unknown; except?: string }
  /** The same, already serialized: one JSON string shared by every recipient of a broadcast. */
  | { t: 'frame'; text: string; except?: string }
  /** A cached record changed (topic `cache`): every node drops its copy of `key`. */
  | { t: 'invalidate'; key: string }
  /** A new session logged in: other nodes apply the multi-device policy to their sessions. */
  | { t: 'login'; session: string; deviceId: string; platform: Platform; policy: MultiDevicePolicy }
  /** Close every session of the user (deactivated, deleted, password changed, forced disconnect). */
  | { t: 'close'; reason: KickReason; code: number }
  /** A change of shared live state (topic `rooms`: chatroom presence and recent history), from node `n`. */
  | { t: 'state'; n: string; d: unknown };

export type BusHandler = (message: BusMessage) => void;

export interface Bus {
  /** Delivers to this node's handlers at once, and to other nodes' through the transport. */
  publish(topic: string, message: BusMessage): void;
  subscribe(topic: string, handler: BusHandler): void;
  unsubscribe(topic: string, handler: BusHandler): void;
  /** Whether other nodes can be reached now; sends are refused (UNAVAILABLE) while they cannot. */
  readonly available: boolean;
  /** A session of the topic's user is live here (until untracked, or this node stops heartbeating). */
  track(topic: string, session: string): void;
  untrack(topic: string, session: string): void;
  /**
   * Tracks `session` only when the topic's live sessions on every node (reservations included)
   * name fewer than `max` distinct devices other than `device`: the check and the track are one
   * atomic step across nodes (refuse-new device limit). Session keys are JSON arrays whose third
   * item is the device id. Returns whether it was tracked.
   */
  trackIfRoom(topic: string, session: string, device: string, max: number): Promise<boolean>;
  /** Whether any node holds a live session of the topic. */
  isOnline(topic: string): Promise<boolean>;
  /** The live sessions of the topic tracked by other nodes (their own are known locally). */
  remoteSessions(topic: string): Promise<string[]>;
  /**
   * The next number of a counter shared by every node (a chatroom's seq), above `floor` (the
   * highest this node has seen: a counter lost with a Redis restart never goes backwards).
   */
  next(key: string, floor: number): Promise<number>;
  /**
   * How many nodes listen on the topic, this one included once its own subscriptions are in
   * place (a node starting up asks whether there is anyone to learn the live state from).
   */
  listeners(topic: string): Promise<number>;
  close(): Promise<void>;
}
