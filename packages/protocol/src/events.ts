/** Events the server pushes without a request. */
import type { SocialEvents } from './events-social.js';
import type { Message } from './message.js';

export interface Events extends SocialEvents {
  /** A new message in one of the user's conversations (also the user's own, sent from another device). */
  msg: Message;
  /** A message was recalled. */
  recall: { conv: string; id: string; by: string };
  /** A recipient's device received a message. */
  delivered: { conv: string; id: string; by: string };
  /**
   * A user moved their read position; `id` when it was a per-message receipt. In groups only the
   * reader's other devices hear of it, and the sender of a groupAck message (with `count` readers).
   */
  read: { conv: string; by: string; readSeq: number; id?: string; count?: number };
  /** The user deleted a conversation on another device. */
  'conv.deleted': { conv: string; deleteRoam: boolean };
  /** Sent just before the server closes this connection because another login replaced it. */
  kicked: { reason: 'kicked' | 'deactivated' | 'admin' | 'password_changed'; by?: string };
  /** Sent before a graceful shutdown: reconnect (to another node) after retryAfterMs. */
  goaway: { reason: string; retryAfterMs: number };
}

export type EventName = keyof Events;
