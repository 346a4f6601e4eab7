/**
 * `connection.localCache`: Easemob's LocalCache calls (getLocalConversations, ...) over the
 * conversation cache, and the event handlers that keep the cache current from what is received.
 */
import { invalid } from './errors.js';
import type { ConversationCache, LocalConversationItem } from './local-cache.js';
import type { AsyncResult, ChatType, EventHandlers } from './types.js';

export type { LocalConversationItem, LocalMessage } from './local-cache.js';

export interface LocalConversationParams {
  conversationId: string;
  conversationType: 'singleChat' | 'groupChat';
}

export interface LocalCache {
  /** Most recently active first. */
  getLocalConversations(): Promise<AsyncResult<LocalConversationItem[]>>;
  getLocalConversation(p: LocalConversationParams): Promise<AsyncResult<LocalConversationItem | undefined>>;
  setLocalConversationCustomField(p: LocalConversationParams & { customField: Record<string, unknown> }): Promise<void>;
  /** Local only: the server's conversation is untouched (deleteConversation removes both). */
  removeLocalConversation(p: LocalConversationParams & { isRemoveLocalMessage?: boolean }): Promise<void>;
  /** Local only, as in Easemob: send a channel ack to mark the conversation read on the server too. */
  clearConversationUnreadCount(p: LocalConversationParams): Promise<void>;
}

function where(p: LocalConversationParams): LocalConversationParams {
  if (!p || typeof p.conversationId !== 'string' || !p.conversationId) {
    throw invalid('conversationId must be a non-empty string', { field: 'conversationId' });
  }
  if (p.conversationType !== 'singleChat' && p.conversationType !== 'groupChat') {
    throw invalid('conversationType must be singleChat or groupChat', { field: 'conversationType' });
  }
  return { conversationId: p.conversationId, conversationType: p.conversationType };
}

export function localCacheApi(cache: ConversationCache): LocalCache {
  return Object.freeze({
    getLocalConversations: async () => ({ type: 0 as const, data: cache.list() }),
    getLocalConversation: async (p: LocalConversationParams) => ({ type: 0 as const, data: cache.get(where(p)) }),
    async setLocalConversationCustomField(p: LocalConversationParams & { customField: Record<string, unknown> }) {
      if (!p?.customField || typeof p.customField !== 'object') throw invalid('customField must be an object');
      cache.set(where(p), p.customField);
    },
    removeLocalConversation: async (p: LocalConversationParams) => cache.remove(where(p)),
    clearConversationUnreadCount: async (p: LocalConversationParams) => cache.read(where(p)),
  });
}

/** Keeps the cache current from received messages and events (registered before the app's handlers). */
export function cacheHandlers(cache: ConversationCache, me: () => string): EventHandlers {
  const at = (conversationId: string, conversationType: ChatType) => ({ conversationId, conversationType });
  return {
    onMessage: (msgs) => msgs.forEach((m) => cache.message(m, me())),
    onReadMessage: (r) => void (r.from === me() && cache.read(at(r.conversationId ?? '', r.chatType), r.readSeq)),
    onChannelMessage: (r) => void (r.from === me() && cache.read(at(r.conversationId ?? '', r.chatType), r.readSeq)),
    onRecallMessage: (r) => cache.recalled(at(r.conversationId, r.chatType), r.mid),
    onMultiDeviceEvent: (e) => cache.remove(at(e.conversationId, e.conversationType)),
  };
}
