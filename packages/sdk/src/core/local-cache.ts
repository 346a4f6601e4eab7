/**
 * The local conversation list (Easemob's `connection.localCache`): per 1:1 or group conversation,
 * the last message and the unread count, kept up to date from what this connection sends and
 * receives. In memory by default (mini-programs have no database); with `persistLocalCache` it is
 * also written through the platform's key-value storage, capped at `localCacheMaxBytes`, dropping
 * the least recently active conversations first. Chatrooms and cmd messages are not kept (as in
 * Easemob). Unread counts are this device's view; getServerConversations() resets them from the
 * server's.
 */
import { Persisted } from './persisted.js';
import type { KeyValueStorage } from './platform.js';
import { now } from './timers.js';
import type { ChatMessage, ChatType, CmdMessage, ConversationItem } from './types.js';
import { utf8Length } from './utf8.js';

export type LocalMessage = Exclude<ChatMessage, CmdMessage>;

export interface LocalConversationItem {
  conversationId: string;
  conversationType: 'singleChat' | 'groupChat';
  unReadCount: number;
  lastMessage?: LocalMessage;
  customField?: Record<string, unknown>;
}

interface Entry extends LocalConversationItem {
  /** Last activity, ms since epoch. */
  time: number;
  /** Seq of the newest message counted, so a message seen twice (server list, then sync) counts once. */
  lastSeq: number;
}

/** Which conversation; chatrooms are never kept, so looking one up finds nothing. */
interface Where {
  conversationId: string;
  conversationType: ChatType;
}

type LocalWhere = Pick<LocalConversationItem, 'conversationId' | 'conversationType'>;

const keyOf = (w: Where): string => `${w.conversationType}/${w.conversationId}`;
const isKept = (t: unknown): t is Entry['conversationType'] => t === 'singleChat' || t === 'groupChat';

export class ConversationCache {
  readonly #map = new Map<string, Entry>();
  readonly #maxConversations: number;
  readonly #maxBytes: number;
  #store = new Persisted(undefined, '', () => '');

  constructor(maxConversations: number, maxBytes: number) {
    this.#maxConversations = maxConversations;
    this.#maxBytes = maxBytes;
  }

  /** Switches to a user's cache: emptied, then loaded from `storage` when persisting. */
  use(storage: KeyValueStorage | undefined, key: string): void {
    this.#store.flush();
    this.#map.clear();
    this.#store = new Persisted(storage, key, () => this.#serialize());
    const saved = this.#store.load();
    if (!Array.isArray(saved)) return;
    // Stored most recent first; the map keeps the most recent last.
    for (const e of (saved as Entry[]).slice(0, this.#maxConversations).reverse()) {
      if (e && typeof e.conversationId === 'string' && isKept(e.conversationType)) this.#map.set(keyOf(e), e);
    }
  }

  list(): LocalConversationItem[] {
    return [...this.#map.values()].sort((a, b) => b.time - a.time).map(publicItem);
  }

  get(w: Where): LocalConversationItem | undefined {
    const e = this.#map.get(keyOf(w));
    return e && publicItem(e);
  }

  /** A message sent by `me` (here or on another device) or received. */
  message(m: ChatMessage, me: string): void {
    if (m.type === 'cmd' || !isKept(m.chatType) || !m.conversationId) return;
    const e = this.#entry({ conversationId: m.conversationId, conversationType: m.chatType });
    const seq = m.seq ?? 0;
    if (seq > 0 && seq <= e.lastSeq) return;
    e.lastSeq = Math.max(e.lastSeq, seq);
    e.lastMessage = m;
    e.time = m.time || now();
    if (m.from !== me) e.unReadCount++;
    this.#changed(e);
  }

  /** `me` read the conversation (here or elsewhere), up to `readSeq` when known. */
  read(w: Where, readSeq?: number): void {
    const e = this.#map.get(keyOf(w));
    if (!e) return;
    const left = readSeq === undefined || readSeq >= e.lastSeq ? 0 : Math.min(e.unReadCount, e.lastSeq - readSeq);
    if (left === e.unReadCount) return;
    e.unReadCount = left;
    this.#changed();
  }

  recalled(w: Where, mid: string): void {
    const e = this.#map.get(keyOf(w));
    if (!e?.lastMessage || e.lastMessage.id !== mid) return;
    e.lastMessage = { ...e.lastMessage, recalled: true };
    this.#changed();
  }

  set(w: Where, customField: Record<string, unknown>): void {
    if (!isKept(w.conversationType)) return;
    this.#entry({ ...w, conversationType: w.conversationType }).customField = customField;
    this.#changed();
  }

  remove(w: Where): void {
    if (this.#map.delete(keyOf(w))) this.#changed();
  }

  /** The server's conversation list is the truth for the conversations it names. */
  seed(items: readonly ConversationItem[]): void {
    for (const c of items) {
      if (!isKept(c.conversationType)) continue;
      const e = this.#entry({ conversationId: c.conversationId, conversationType: c.conversationType });
      e.unReadCount = c.unReadCount;
      e.lastSeq = Math.max(e.lastSeq, c.lastSeq);
      if (c.lastMessage && c.lastMessage.type !== 'cmd') e.lastMessage = c.lastMessage;
      e.time = Math.max(e.time, c.time);
    }
    this.#changed();
  }

  /** Writes now; false when storage refused (full): the cache carries on in memory. */
  flush(): boolean {
    return this.#store.flush();
  }

  #entry(w: LocalWhere): Entry {
    const key = keyOf(w);
    let e = this.#map.get(key);
    if (!e) {
      e = {
        conversationId: w.conversationId,
        conversationType: w.conversationType,
        unReadCount: 0,
        time: 0,
        lastSeq: 0,
      };
      this.#map.set(key, e);
    }
    return e;
  }

  #changed(touched?: Entry): void {
    if (touched) {
      // Most recently active last: the oldest go first when over the cap.
      this.#map.delete(keyOf(touched));
      this.#map.set(keyOf(touched), touched);
    }
    while (this.#map.size > this.#maxConversations) this.#map.delete(this.#map.keys().next().value as string);
    this.#store.changed();
  }

  /** The most recently active conversations that fit in maxBytes (UTF-8). */
  #serialize(): string {
    const parts: string[] = [];
    let bytes = 2;
    for (const e of [...this.#map.values()].sort((a, b) => b.time - a.time)) {
      const json = JSON.stringify(e);
      const size = utf8Length(json) + 1;
      if (bytes + size > this.#maxBytes) break;
      parts.push(json);
      bytes += size;
    }
    return `[${parts.join(',')}]`;
  }
}

function publicItem(e: Entry): LocalConversationItem {
  const out: LocalConversationItem = {
    conversationId: e.conversationId,
    conversationType: e.conversationType,
    unReadCount: e.unReadCount,
  };
  if (e.lastMessage) out.lastMessage = e.lastMessage;
  if (e.customField) out.customField = e.customField;
  return out;
}
