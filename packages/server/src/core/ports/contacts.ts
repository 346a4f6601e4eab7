/** Friend requests and the per-user contact log, changed together in one transaction. */
import type { ContactEvent, ContactOp } from '@pigeon/protocol';

export interface ContactRequest {
  from: string;
  to: string;
  message: string;
  createdAt: number;
}

/** One change applied atomically with the log entries it causes. */
export type ContactMutation =
  | { t: 'befriend'; a: string; b: string }
  | { t: 'unfriend'; a: string; b: string }
  | { t: 'request'; from: string; to: string; message: string }
  | { t: 'dropRequest'; from: string; to: string };

/** A log entry for `user` (who is the event's `to`; `peer` is its `from`). */
export interface NewContactEvent {
  user: string;
  op: ContactOp;
  peer: string;
  message?: string;
}

export interface ContactRepository {
  request(appId: string, from: string, to: string): Promise<ContactRequest | undefined>;
  /** Applies the mutations and appends the events (each user's next seq) in one transaction. */
  apply(appId: string, mutations: ContactMutation[], events: NewContactEvent[], at: number): Promise<ContactEvent[]>;
  /** Log entries of the user after `afterSeq`, oldest first. */
  events(appId: string, user: string, afterSeq: number, limit: number): Promise<ContactEvent[]>;
  /** The user's last log seq and the seq their devices acknowledged. */
  cursor(appId: string, user: string): Promise<{ lastSeq: number; seenSeq: number }>;
  /** Moves the acknowledged seq forward (never back). */
  acknowledge(appId: string, user: string, seq: number): Promise<void>;
  /** Forgets the user's log and cursor (user deleted). */
  removeUser(appId: string, user: string): Promise<void>;
}
