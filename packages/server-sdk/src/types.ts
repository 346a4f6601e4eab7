/** Shapes the admin client takes and returns (Easemob's REST names where the server uses them). */
import type { BodyByType, Ext, Message, MessageType } from '@pigeon/protocol';

export interface UserEntity {
  uuid: string;
  type: 'user';
  created: number;
  modified: number;
  username: string;
  activated: boolean;
  nickname?: string;
}

export interface NewUser {
  username: string;
  password?: string;
  nickname?: string;
}

/** The Easemob success envelope, with the parts the client reads. */
export interface Envelope<D = unknown> {
  action: string;
  entities?: UserEntity[];
  data?: D;
  count?: number;
  cursor?: string;
  [extra: string]: unknown;
}

export type OnlineStatus = 'online' | 'offline';

export interface Page<T> {
  items: T[];
  /** Pass back for the next page; absent on the last one. */
  cursor?: string;
}

/**
 * A message to send: Pigeon's body per type (txt `{ text }`, img `{ url, width, height }`, custom
 * `{ event, fields }`...). Easemob's body names (`{ msg }`, `filename`, `customEvent`) are accepted too.
 */
export type AdminMessage = {
  [T in MessageType]: { type: T; body: BodyByType[T] | Record<string, unknown>; ext?: Ext };
}[MessageType];

export interface SendOptions {
  /** The sender: any user of the app, or the system ("admin", the default). */
  from?: string;
}

/** Message ids by recipient (user name, group id or chatroom id). */
export type SentIds = Record<string, string>;

export interface RecallInput {
  msgId: string;
  /** The other user of the 1:1 conversation, or the group id. */
  to: string;
  /** The sender of a 1:1 message ["admin"]. */
  from?: string;
  chatType?: 'chat' | 'groupchat';
  /** Recall even after the app's recall window. */
  force?: boolean;
}

export interface HistoryPage {
  msgs: Message[];
  /** Pass as `before` for the next (older) page; null at the start of the conversation. */
  cursor: number | null;
}
