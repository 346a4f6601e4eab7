/**
 * The local conversation cache behind `connection.localCache`: last message and unread count per
 * conversation, in memory, optionally persisted with a byte cap, and indifferent to storage errors.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationCache } from '../src/core/local-cache.js';
import { localCacheApi } from '../src/core/local-cache-api.js';
import type { KeyValueStorage } from '../src/core/platform.js';
import type { ChatMessage, ConversationItem } from '../src/core/types.js';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v), remove: (k) => void data.delete(k) };
}

let seq = 0;
const txt = (from: string, to: string, msg: string, o: Partial<ChatMessage> = {}): ChatMessage =>
  ({
    id: `m${++seq}`,
    type: 'txt',
    chatType: 'singleChat',
    from,
    to,
    msg,
    time: 1000 + seq,
    seq,
    conversationId: from === 'me' ? to : from,
    ...o,
  }) as ChatMessage;

const single = (id: string) => ({ conversationId: id, conversationType: 'singleChat' as const });

describe('conversation cache (memory)', () => {
  it('counts unread for messages from others, keeps the last message, lists the most recent first', async () => {
    const cache = new ConversationCache(100, 10_000);
    cache.message(txt('bob', 'me', 'hi'), 'me');
    cache.message(txt('bob', 'me', 'there'), 'me');
    cache.message(txt('carol', 'me', 'yo'), 'me');
    cache.message(txt('me', 'bob', 'hello bob'), 'me');
    const { type, data } = await localCacheApi(cache).getLocalConversations();
    expect(type).toBe(0);
    expect(data.map((c) => [c.conversationId, c.unReadCount, (c.lastMessage as { msg: string }).msg])).toEqual([
      ['bob', 2, 'hello bob'],
      ['carol', 1, 'yo'],
    ]);
  });

  it('counts a message once even when seen twice, and ignores chatrooms and cmd', () => {
    const cache = new ConversationCache(100, 10_000);
    const m = txt('bob', 'me', 'once');
    cache.message(m, 'me');
    cache.message(m, 'me');
    cache.message(txt('bob', 'room1', 'x', { chatType: 'chatRoom', conversationId: 'room1' }), 'me');
    cache.message({ ...txt('bob', 'me', ''), type: 'cmd', action: 'typing' } as ChatMessage, 'me');
    expect(cache.list()).toHaveLength(1);
    expect(cache.get(single('bob'))?.unReadCount).toBe(1);
  });

  it('a read up to a seq leaves what came after it unread; a whole-conversation read clears it', () => {
    const cache = new ConversationCache(100, 10_000);
    const first = txt('bob', 'me', '1');
    cache.message(first, 'me');
    cache.message(txt('bob', 'me', '2'), 'me');
    cache.message(txt('bob', 'me', '3'), 'me');
    cache.read(single('bob'), first.seq);
    expect(cache.get(single('bob'))?.unReadCount).toBe(2);
    cache.read(single('bob'));
    expect(cache.get(single('bob'))?.unReadCount).toBe(0);
  });

  it("takes the server's list as the truth: unread, last message, and no double count of what it covered", () => {
    const cache = new ConversationCache(100, 10_000);
    const last = txt('bob', 'me', 'on the server');
    const item: ConversationItem = {
      ...single('bob'),
      isPinned: false,
      pinnedTime: 0,
      lastMessage: last,
      unReadCount: 7,
      conv: 's:bob:me',
      lastSeq: last.seq ?? 0,
      readSeq: 0,
      time: last.time,
    };
    cache.seed([item]);
    cache.message(last, 'me'); // synced again afterwards: already counted
    expect(cache.get(single('bob'))).toMatchObject({ unReadCount: 7, lastMessage: { msg: 'on the server' } });
  });

  it('recall marks the last message; remove and the API forget a conversation; bad params get INVALID_ARGUMENT', async () => {
    const cache = new ConversationCache(100, 10_000);
    const api = localCacheApi(cache);
    const m = txt('bob', 'me', 'oops');
    cache.message(m, 'me');
    cache.recalled(single('bob'), m.id);
    expect(cache.get(single('bob'))?.lastMessage?.recalled).toBe(true);
    await api.setLocalConversationCustomField({ ...single('bob'), customField: { pinned: true } });
    expect((await api.getLocalConversation(single('bob'))).data?.customField).toEqual({ pinned: true });
    await api.clearConversationUnreadCount(single('bob'));
    expect(cache.get(single('bob'))?.unReadCount).toBe(0);
    await api.removeLocalConversation(single('bob'));
    expect((await api.getLocalConversations()).data).toEqual([]);
    const bad = { conversationId: '', conversationType: 'singleChat' as const };
    await expect(api.getLocalConversation(bad)).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    const room = { conversationId: 'r', conversationType: 'chatRoom' as 'groupChat' };
    await expect(api.clearConversationUnreadCount(room)).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
  });

  it('keeps at most maxConversations, forgetting the least recently active', () => {
    const cache = new ConversationCache(2, 10_000);
    for (const peer of ['a', 'b', 'c']) cache.message(txt(peer, 'me', peer), 'me');
    expect(cache.list().map((c) => c.conversationId)).toEqual(['c', 'b']);
  });
});

describe('conversation cache (persisted)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes shortly after a change and loads back for the same user', async () => {
    const storage = memoryStorage();
    const cache = new ConversationCache(100, 10_000);
    cache.use(storage, 'k');
    cache.message(txt('bob', 'me', 'kept'), 'me');
    expect(storage.data.has('k')).toBe(false); // batched
    await vi.advanceTimersByTimeAsync(400);
    const again = new ConversationCache(100, 10_000);
    again.use(storage, 'k');
    expect(again.get(single('bob'))).toMatchObject({ unReadCount: 1, lastMessage: { msg: 'kept' } });
  });

  it('stays under maxBytes by leaving out the least recently active conversations', () => {
    const storage = memoryStorage();
    const cache = new ConversationCache(100, 1200);
    cache.use(storage, 'k');
    for (let i = 0; i < 20; i++) cache.message(txt(`peer${i}`, 'me', 'x'.repeat(40)), 'me');
    expect(cache.flush()).toBe(true);
    const stored = storage.data.get('k') as string;
    expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(1200);
    const ids = (JSON.parse(stored) as { conversationId: string }[]).map((c) => c.conversationId);
    expect(ids[0]).toBe('peer19');
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).not.toContain('peer0');
    expect(cache.list()).toHaveLength(20); // memory keeps them all
  });

  it('a storage that throws (quota) or holds garbage costs persistence only', () => {
    const broken: KeyValueStorage = {
      get: () => '{not json',
      set: () => {
        throw new Error('setStorageSync:fail exceed storage max size 10MB');
      },
      remove: () => undefined,
    };
    const cache = new ConversationCache(100, 10_000);
    cache.use(broken, 'k');
    cache.message(txt('bob', 'me', 'still here'), 'me');
    expect(cache.flush()).toBe(false);
    expect(cache.get(single('bob'))?.unReadCount).toBe(1);
  });
});
