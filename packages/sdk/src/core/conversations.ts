/** Conversation list, history, deletion and recall: Easemob's calls on top of Pigeon's ops. */
import type { ConversationInfo, OpName, OpReply, OpRequest } from '@pigeon/protocol';
import { invalid } from './errors.js';
import { EASEMOB_CHAT, convKey, fromWire } from './mapping.js';
import type {
  AsyncResult,
  ChatMessage,
  ChatType,
  ConversationItem,
  HistoryMessages,
  ServerConversations,
} from './types.js';

export type Request = <O extends OpName>(op: O, d: OpRequest<O>) => Promise<OpReply<O>>;

export interface GetServerConversationsParams {
  /** 1-50, default 20. */
  pageSize?: number;
  /** '' or omitted for the first page. */
  cursor?: string;
}

export async function getServerConversations(
  request: Request,
  me: string,
  p: GetServerConversationsParams = {},
): Promise<AsyncResult<ServerConversations>> {
  const limit = pageSize(p.pageSize, 20, 50);
  const res = await request('conv.list', p.cursor ? { cursor: p.cursor, limit } : { limit });
  return { type: 0, data: { conversations: res.convs.map((c) => conversationItem(c, me)), cursor: res.cursor ?? '' } };
}

export function conversationItem(c: ConversationInfo, me: string): ConversationItem {
  return {
    conversationId: c.peer,
    conversationType: EASEMOB_CHAT[c.chat],
    isPinned: false,
    pinnedTime: 0,
    lastMessage: c.lastMessage ? fromWire(c.lastMessage, me) : null,
    unReadCount: c.unread,
    ...(c.mentioned ? { mentioned: true } : {}),
    conv: c.conv,
    lastSeq: c.lastSeq,
    readSeq: c.readSeq,
    time: c.ts,
  };
}

export interface DeleteConversationParams {
  /** Peer user name or group id. */
  channel: string;
  chatType: ChatType;
  /** Also delete the history for this user (it is then gone from getHistoryMessages). */
  deleteRoam?: boolean;
}

export async function deleteConversation(
  request: Request,
  me: string,
  p: DeleteConversationParams,
): Promise<AsyncResult<{ result: 'ok' }>> {
  await request('conv.delete', { conv: convKey(p?.chatType, me, p?.channel), deleteRoam: p.deleteRoam === true });
  return { type: 0, data: { result: 'ok' } };
}

export interface GetHistoryMessagesParams {
  /** Peer user name, group id or chatroom id. */
  targetId: string;
  chatType: ChatType;
  /** From a previous page; omit (or -1, '', null) to start at the newest ('up') or oldest ('down'). */
  cursor?: number | string | null;
  /** 1-100, default 20. */
  pageSize?: number;
  /** 'up' (default): newest to oldest. 'down': oldest to newest. */
  searchDirection?: 'up' | 'down';
}

export async function getHistoryMessages(
  request: Request,
  me: string,
  p: GetHistoryMessagesParams,
): Promise<HistoryMessages> {
  const conv = convKey(p?.chatType, me, p?.targetId);
  const limit = pageSize(p.pageSize, 20, 100);
  const at = cursorSeq(p.cursor);
  const map = (list: Parameters<typeof fromWire>[0][]): ChatMessage[] => list.map((m) => fromWire(m, me));
  if (p.searchDirection === 'down') {
    const res = await request('msg.pull', { conv, afterSeq: at ?? 0, limit });
    const last = res.msgs[res.msgs.length - 1];
    return {
      cursor: res.hasMore && last ? String(last.seq) : undefined,
      isLast: !res.hasMore,
      messages: map(res.msgs),
    };
  }
  const res = await request('msg.history', at === undefined ? { conv, limit } : { conv, beforeSeq: at, limit });
  return {
    cursor: res.cursor === null ? undefined : String(res.cursor),
    isLast: res.cursor === null,
    messages: map(res.msgs),
  };
}

export interface RecallMessageParams {
  /** Server id of the message (a local id of a message this connection sent also works). */
  mid: string;
  /** Peer user name, group id or chatroom id. */
  to: string;
  chatType?: ChatType;
  /** Easemob's older name for chatType. */
  type?: 'chat' | 'groupchat' | 'chatroom';
}

const OLD_CHAT_TYPES: Record<string, ChatType> = { chat: 'singleChat', groupchat: 'groupChat', chatroom: 'chatRoom' };

export async function recallMessage(
  request: Request,
  me: string,
  p: RecallMessageParams,
  serverId: (id: string) => string,
): Promise<{ localMsgId: string; serverMsgId: string }> {
  if (typeof p?.mid !== 'string' || !p.mid) throw invalid('`mid` must be the message id', { field: 'mid' });
  const conv = convKey(p.chatType ?? OLD_CHAT_TYPES[p.type ?? 'chat'], me, p.to);
  const res = await request('msg.recall', { conv, id: serverId(p.mid) });
  return { localMsgId: p.mid, serverMsgId: res.id };
}

function pageSize(v: number | undefined, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1)
    throw invalid(`pageSize must be an integer from 1 to ${max}`, { field: 'pageSize' });
  return Math.min(v, max);
}

function cursorSeq(c: number | string | null | undefined): number | undefined {
  if (c === undefined || c === null || c === '' || c === -1 || c === '-1') return undefined;
  const n = Number(c);
  if (!Number.isInteger(n) || n < 0) throw invalid('cursor must come from a previous page', { field: 'cursor' });
  return n;
}
