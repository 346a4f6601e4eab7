/**
 * Conversation keys. A 1:1 conversation is keyed by the sorted pair so both sides share one key
 * (messages are stored once per conversation: read diffusion).
 */
import type { ChatType, Message } from './message.js';

/** User names: Easemob's rule (letters, digits, `_ - .`), lower-cased by the server, 1-64 chars. */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{1,64}$/;

export const singleKey = (a: string, b: string): string => (a < b ? `s:${a}:${b}` : `s:${b}:${a}`);
export const groupKey = (groupId: string): string => `g:${groupId}`;
export const roomKey = (roomId: string): string => `r:${roomId}`;

export const conversationKey = (chat: ChatType, from: string, to: string): string =>
  chat === 'single' ? singleKey(from, to) : chat === 'group' ? groupKey(to) : roomKey(to);

export interface ParsedKey {
  chat: ChatType;
  /** For single: both users, sorted. For group/room: the id. */
  ids: string[];
}

export function parseConversationKey(key: string): ParsedKey | undefined {
  const [kind, ...rest] = key.split(':');
  if (kind === 's' && rest.length === 2 && rest[0] && rest[1]) return { chat: 'single', ids: rest };
  if (kind === 'g' && rest.length === 1 && rest[0]) return { chat: 'group', ids: rest };
  if (kind === 'r' && rest.length === 1 && rest[0]) return { chat: 'room', ids: rest };
  return undefined;
}

/** The id a user sees for a conversation: the peer's name for 1:1, the group or room id otherwise. */
export function conversationPeer(key: string, me: string): string | undefined {
  const p = parseConversationKey(key);
  if (!p) return undefined;
  if (p.chat !== 'single') return p.ids[0];
  return p.ids[0] === me ? p.ids[1] : p.ids[0];
}

/** What `conv.list` returns for each of a user's conversations. */
export interface ConversationInfo {
  conv: string;
  chat: ChatType;
  /** Peer user name, or group/room id. */
  peer: string;
  /** Highest committed seq. */
  lastSeq: number;
  /** The user's read position: messages with seq <= readSeq are read. */
  readSeq: number;
  /** Server-authoritative: messages after readSeq not sent by the user, not recalled. */
  unread: number;
  /** Messages with seq <= clearedSeq were deleted for this user (deleteConversation with roam). */
  clearedSeq: number;
  lastMessage?: Message;
  /** Groups: an unread message mentions the user (by name or 'ALL'). */
  mentioned?: boolean;
  /** Last activity time, ms since epoch. */
  ts: number;
}

/** Cheap per-conversation positions used for offline sync. */
export interface SyncPosition {
  conv: string;
  lastSeq: number;
  readSeq: number;
  clearedSeq: number;
}
