/**
 * Delivery between nodes, socket.io-adapter style: publish to a topic (one per app user), and every
 * node holding a session of that user gets it. In-process now (bus/memory.ts); Redis later.
 * Messages are plain JSON so any transport can carry them.
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
  | { t: 'close'; reason: KickReason; code: number };

export type BusHandler = (message: BusMessage) => void;

export interface Bus {
  publish(topic: string, message: BusMessage): void;
  subscribe(topic: string, handler: BusHandler): void;
  unsubscribe(topic: string, handler: BusHandler): void;
  close(): Promise<void>;
}
