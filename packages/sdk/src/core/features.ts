/**
 * Feature families (groups, chatrooms, contacts, files) plug into the chat core through this
 * interface, so a core-chat build (`@pigeon/sdk/<platform>/core`, `pigeon-<platform>-core.js`)
 * carries none of their code. A feature is a factory called once per connection; the part it
 * returns hears the connection's lifecycle. Their `connection` methods are installed separately
 * (core/api/install.ts), onto the entry's class.
 */
import type { EventFrame } from '@pigeon/protocol';
import type { Request } from './conversations.js';
import type { Events } from './events.js';
import type { ResolvedOptions } from './options.js';
import type { KeyValueStorage, PlatformAdapter } from './platform.js';
import type { ChatMessage, ChatType, ConversationItem } from './types.js';
import type { UploadTarget, UploadTask } from './api/files.js';

/** What a connection lends its features. */
export interface FeatureHost {
  request: Request;
  events: Events;
  adapter: PlatformAdapter;
  opts: ResolvedOptions;
  /** The logged-in user. */
  me(): string;
  isOpen(): boolean;
  /** The platform's storage for a logged-in user, none before login. */
  storage(user: string): KeyValueStorage | undefined;
  /** `pigeon:<appKey>:<user>:<name>`: a per-user storage key. */
  key(user: string, name: string): string;
  /** Where this connection uploads files, with its current token. */
  fileTarget(): UploadTarget;
  /** Reports a background failure as onError, unless the socket is gone (the next connect retries). */
  failed(e: unknown): void;
}

type Where = { conversationId: string; conversationType: ChatType };

/** What the core tells a local conversation list (the localCache feature's ConversationCache). */
export interface ConversationSink {
  /** A message this connection sent (received ones come through the event handlers). */
  message(m: ChatMessage, me: string): void;
  read(w: Where, readSeq?: number): void;
  remove(w: Where): void;
  /** The server's list (getServerConversations). */
  seed(items: readonly ConversationItem[]): void;
  /** Persist now (close, disconnect). */
  flush(): unknown;
}

/** A feature's per-connection part: every hook is optional. */
export interface FeaturePart {
  /** A server event: true when this part surfaced or dropped it (the core then leaves it alone). */
  event?(f: EventFrame): boolean;
  /** open() for this user (called with '' at construction). */
  user?(user: string): void;
  /** Started after every authentication; awaited before onOfflineMessageSyncFinish. Never rejects. */
  sync?(): Promise<void>;
  /** After every authentication; `again` on a reconnect. */
  authed?(again: boolean): void;
  /** close(): `open` when the socket is still open (best-effort goodbyes, bounded by waitMs). */
  closing?(open: boolean, waitMs: number): Promise<void>;
  /** Uploads a media message's `file` before it is sent (the files feature). */
  upload?(msg: ChatMessage): UploadTask;
  /** The local conversation list (the localCache feature). */
  cache?: ConversationSink;
}

/** `conn` is the connection itself, for features that keep per-connection state for their methods. */
export type Feature = (host: FeatureHost, conn: object) => FeaturePart;
