import type { ChatType, Ext, Message, MessageType } from '@pigeon/protocol';

/** A message ready to commit: everything but its seq. */
export interface NewMessage {
  appId: string;
  id: string;
  cid: string;
  conv: string;
  chat: ChatType;
  from: string;
  to: string;
  type: MessageType;
  body: object;
  ext?: Ext;
  /** Users who get a conversation row (both sides of a 1:1; none for groups, whose rows exist from joining). */
  members: string[];
  /** Mentioned users ('*' for everyone), recorded once each: groups only. */
  mentions?: string[];
  /** Members may send read receipts (groups). */
  groupAck?: boolean;
  /** Uuids of the app's uploaded files the message points at: committed as references with it. */
  files?: string[];
}

export interface CommitOutcome {
  id: string;
  cid: string;
  conv: string;
  seq: number;
  ts: number;
  /** True when (app, sender, cid) was already stored: this is the original's ack, nothing new was stored. */
  duplicate: boolean;
}

export interface MessageRange {
  /** Exclusive lower bound. */
  afterSeq: number;
  /** Exclusive upper bound; none means up to the newest. */
  beforeSeq?: number;
  limit: number;
  order: 'asc' | 'desc';
}

export interface MessageRepository {
  /**
   * Commits every message in ONE transaction (group commit): deduplicates on (app, sender, cid),
   * assigns per-conversation seqs, creates conversation rows. Outcomes are in input order.
   */
  commit(batch: NewMessage[], ts: number): Promise<CommitOutcome[]>;
  range(appId: string, conv: string, range: MessageRange): Promise<Message[]>;
  byId(appId: string, conv: string, id: string): Promise<Message | undefined>;
  byIds(appId: string, ids: string[]): Promise<Message[]>;
  /** Marks recalled and empties the body; false when no such message. */
  recall(appId: string, conv: string, id: string): Promise<boolean>;
  /** Messages with seq > afterSeq, not sent by `user`, not recalled. */
  countUnread(appId: string, conv: string, afterSeq: number, user: string): Promise<number>;
  /** Whether a message after `afterSeq`, not sent by `user`, mentions the user or everyone. */
  mentioned(appId: string, conv: string, afterSeq: number, user: string): Promise<boolean>;
}
