/** The demo's view of messages and conversations, made from the SDK's Easemob-shaped objects. */
import type { ChatMessage, ChatType, ConversationItem } from '@pigeon/sdk/web';

/**
 * 1:1, group and chatroom chats share one list: a user name, `g:<groupId>` or `r:<roomId>` (':' never
 * appears in a user name).
 */
export type ConvKey = string;

const PREFIX: Partial<Record<ChatType, string>> = { groupChat: 'g:', chatRoom: 'r:' };

export const keyOf = (chatType: ChatType | undefined, id: string): ConvKey =>
  `${(chatType && PREFIX[chatType]) ?? ''}${id}`;

export const isGroup = (key: ConvKey): boolean => key.startsWith('g:');
export const isRoom = (key: ConvKey): boolean => key.startsWith('r:');

/** The SDK's target (`to`, `chatType`) of a conversation key. */
export function targetOf(key: ConvKey): { to: string; chatType: ChatType } {
  if (isGroup(key)) return { to: key.slice(2), chatType: 'groupChat' };
  if (isRoom(key)) return { to: key.slice(2), chatType: 'chatRoom' };
  return { to: key, chatType: 'singleChat' };
}

export interface Msg {
  /** Server id once acked; the local id while sending. */
  id: string;
  from: string;
  key: ConvKey;
  type: ChatMessage['type'];
  text: string;
  url: string;
  /** The file's share-secret (uploads to Pigeon): images need it in the URL, as <img> sends no header. */
  secret: string;
  /** Files: the name shown and the size in bytes (0 when unknown). */
  filename: string;
  size: number;
  /** Voice and video: seconds (0 when unknown). */
  length: number;
  time: number;
  seq: number;
  mine: boolean;
  recalled: boolean;
  status: 'sending' | 'sent' | 'failed';
  /** A device of the peer got it (delivery receipt, 1:1). */
  delivered: boolean;
}

export interface Conv {
  key: ConvKey;
  last: Msg | null;
  unread: number;
  time: number;
}

export function toMsg(m: ChatMessage, me: string): Msg {
  const r = m as unknown as Record<string, unknown>;
  const from = m.from ?? me;
  const id = m.conversationId ?? (m.chatType !== 'singleChat' || from === me ? m.to : from);
  return {
    id: m.id,
    from,
    key: keyOf(m.chatType, id),
    type: m.type,
    text: m.type === 'txt' ? m.msg : '',
    url: typeof r.url === 'string' ? r.url : '',
    secret: typeof r.secret === 'string' ? r.secret : '',
    filename: typeof r.filename === 'string' ? r.filename : '',
    size: typeof r.file_length === 'number' ? r.file_length : 0,
    length: typeof r.length === 'number' ? r.length : 0,
    time: m.time,
    seq: m.seq ?? 0,
    mine: from === me,
    recalled: m.recalled === true,
    status: 'sent',
    delivered: false,
  };
}

export function toConv(c: ConversationItem, me: string): Conv {
  return {
    key: keyOf(c.conversationType, c.conversationId),
    last: c.lastMessage ? toMsg(c.lastMessage, me) : null,
    unread: c.unReadCount,
    time: c.time,
  };
}

/** Inserts or replaces by id, keeping seq order (messages being sent, seq 0, stay last). */
export function upsert(list: Msg[], m: Msg): Msg[] {
  const rest = list.filter((x) => x.id !== m.id);
  rest.push(m);
  const key = (x: Msg) => (x.seq > 0 ? x.seq : Number.MAX_SAFE_INTEGER);
  return rest.sort((a, b) => key(a) - key(b) || a.time - b.time);
}

/** Only http(s) URLs become images: no javascript: or other schemes from a peer. */
export const safeUrl = (u: string): string => (/^https?:\/\//i.test(u) ? u : '');
