import type { ChatType } from '@pigeon/protocol';

export interface ConversationRow {
  conv: string;
  chat: ChatType;
  lastSeq: number;
  lastTs: number;
  lastMsgId: string | null;
}

/** One user's view of a conversation: its shared state plus the user's positions. */
export interface UserConversationRow extends ConversationRow {
  readSeq: number;
  clearedSeq: number;
  /** The conversation is hidden from the list while lastSeq <= hiddenSeq (deleted until a new message). */
  hiddenSeq: number;
}

/** Keyset cursor over a user's conversations, most recent first. */
export interface ConversationCursor {
  ts: number;
  conv: string;
}

export interface ConversationRepository {
  get(appId: string, conv: string): Promise<ConversationRow | undefined>;
  forUser(appId: string, user: string, conv: string): Promise<UserConversationRow | undefined>;
  /** Visible conversations (not hidden), most recent first. */
  listVisible(
    appId: string,
    user: string,
    after: ConversationCursor | undefined,
    limit: number,
  ): Promise<UserConversationRow[]>;
  /** Every conversation of the user, hidden or not, ordered by key. */
  listAll(appId: string, user: string, afterConv: string | undefined, limit: number): Promise<UserConversationRow[]>;
  /** Moves read_seq forward to `seq` (never back); creates the row when missing. Returns the new read_seq. */
  markRead(appId: string, user: string, conv: string, seq: number): Promise<number>;
  /** Hides the conversation up to `seq`, marks it read, and with `clear` forgets history up to `seq`. */
  hide(appId: string, user: string, conv: string, seq: number, clear: boolean): Promise<void>;
}
