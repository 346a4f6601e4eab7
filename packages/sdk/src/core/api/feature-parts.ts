/**
 * The per-connection parts of the feature families (core/features.ts): what groups, chatrooms,
 * contacts, files and the local conversation list do beside their methods (events, syncs after a
 * connect, close, uploads).
 */
import type { ContactEvent, Events as WireEvents } from '@pigeon/protocol';
import { ContactFeed } from '../contact-feed.js';
import type { Feature, FeatureHost } from '../features.js';
import { GroupNotices } from '../group-notices.js';
import { ConversationCache } from '../local-cache.js';
import { cacheHandlers, localCacheApi, type LocalCache } from '../local-cache-api.js';
import { uploadForMessage } from '../media-upload.js';
import { withOperation } from '../receiver.js';
import { surfaceContact, surfaceContactsEvent } from './contact-events.js';
import { apiOf } from './context.js';
import { bindFiles } from './file-methods.js';
import type { UploadTask } from './files.js';
import { JoinedRooms } from './joined-rooms.js';

/** One `make(user)` per user: the same user opening again keeps what it has (its cursor, what it saw). */
function perUser<T>(make: (user: string) => T): { get(): T; user(u: string): void } {
  let current: { user: string; value: T } | undefined;
  return {
    get: () => current!.value,
    user(u) {
      if (u && current && u === current.user) return;
      current = { user: u, value: make(u) };
    },
  };
}

const noticesFor = (h: FeatureHost) => (user: string) =>
  new GroupNotices({
    request: h.request,
    surface: (d) => h.events.emit('onGroupEvent', withOperation(d)),
    failed: h.failed,
    storage: h.storage(user),
    key: h.key(user, 'groupNotices'),
  });

/** Invitations and join requests surfaced once per device, including those made while offline. */
export const groupsFeature: Feature = (h) => {
  const notices = perUser(noticesFor(h));
  return {
    user: notices.user,
    // an invitation or request this device surfaced already is dropped
    event: (f) => f.ev === 'group' && !notices.get().live(f.d as WireEvents['group']),
    sync: () => notices.get().sync(),
  };
};

/** Joined rooms: rejoined after a reconnect, forgotten when kicked or destroyed, left on close(). */
export const chatroomsFeature: Feature = (h, conn) => {
  const ctx = apiOf(conn);
  const rooms = new JoinedRooms(h.request, ctx.rooms);
  return {
    event(f) {
      if (f.ev === 'room') rooms.onEvent(f.d as WireEvents['room']);
      return false; // still surfaced as onChatroomEvent
    },
    authed: (again) => void (again && rooms.rejoin(ctx.roomHistory)),
    closing: async (open, waitMs) => (open ? rooms.leaveAll(waitMs) : undefined),
  };
};

const feedFor = (h: FeatureHost) => (user: string) =>
  new ContactFeed({
    request: h.request,
    surface: (e) => surfaceContact(h.events, e),
    failed: h.failed,
    storage: h.storage(user),
    key: h.key(user, 'contacts'),
  });

/** The contact log (requests and answers, live and missed), profile and presence events. */
export const contactsFeature: Feature = (h) => {
  const feed = perUser(feedFor(h));
  return {
    user: feed.user,
    event(f) {
      if (f.ev !== 'contact') return surfaceContactsEvent(h.events, f);
      feed.get().receive(f.d as ContactEvent);
      return true;
    },
    sync: () => feed.get().sync(),
  };
};

/** Uploads a media message's `file` before send(); cancelUpload() finds it by the message's id. */
export const filesFeature: Feature = (host, conn) => {
  const uploads = new Map<string, UploadTask>();
  bindFiles(conn, { host, uploads });
  return {
    upload(msg) {
      const task = uploadForMessage(host.fileTarget(), msg as Parameters<typeof uploadForMessage>[1]);
      uploads.set(msg.id, task);
      const done = () => void uploads.delete(msg.id);
      task.then(done, done);
      return task;
    },
  };
};

/** Easemob's local conversation list: `connection.localCache`, kept current from what is sent and received. */
export const localCacheFeature: Feature = (h, conn) => {
  const o = h.opts;
  const cache = new ConversationCache(o.maxStoredConversations, o.localCacheMaxBytes);
  (conn as { localCache: LocalCache }).localCache = localCacheApi(cache);
  h.events.add('__pigeon_local_cache__', cacheHandlers(cache, h.me));
  let last: string | undefined;
  return {
    cache,
    // per user: the same user opening again keeps the list
    user(u) {
      if (u && u === last) return;
      last = u;
      cache.use(o.persistLocalCache ? h.storage(u) : undefined, h.key(u, 'conversations'));
    },
  };
};
