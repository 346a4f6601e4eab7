/** Wires the core's services onto the ports an edge provides (store repositories, bus, clock, logger). */
import { AppService } from './apps/app-service.js';
import { AuthService } from './auth/auth-service.js';
import { BlockService } from './contacts/block-service.js';
import { ContactLog } from './contacts/contact-log.js';
import { ContactService } from './contacts/contact-service.js';
import { createChatrooms, type Chatrooms } from './chatrooms/index.js';
import { ConversationAccess } from './conversations/access.js';
import { ConsoleService } from './console/console-service.js';
import { ConversationService } from './conversations/conversation-service.js';
import { FileService } from './files/file-service.js';
import { fileUuidsIn } from './files/file-keys.js';
import { createGroups, type Groups } from './groups/index.js';
import { createIdGenerator, type IdGenerator } from './ids.js';
import { MessageService } from './messages/message-service.js';
import { RecipientCache } from './messages/recipient-cache.js';
import { SendService } from './messages/send-service.js';
import { AbuseLimits } from './abuse/abuse-limits.js';
import type { RateCounter } from './ports/rate-counter.js';
import { DEFAULT_CHATROOM_LIMITS, DEFAULT_GROUP_LIMITS, type CoreOptions } from './options.js';
import type { BlobStore, Bus, ImageProcessor, PushProvider, Repositories, WebhookTransport } from './ports/index.js';
import { systemClock, type Clock } from './ports/clock.js';
import { silentLogger, type Logger } from './ports/logger.js';
import { PresenceService } from './presence/presence-service.js';
import { ProfileService } from './profiles/profile-service.js';
import { Hub } from './sessions/hub.js';
import type { App } from './types.js';
import { UserDeparture } from './social/user-departure.js';
import { UserService } from './users/user-service.js';
import { createWebhooks, type Webhooks } from './webhooks/index.js';
import { WordList } from './moderation/word-list.js';

export interface CoreDeps {
  repos: Repositories;
  bus: Bus;
  options: CoreOptions;
  /** Abuse-limit counters: memory on one node, Redis in a cluster. */
  rateCounter: RateCounter;
  /** File bytes (src/blob/) and image decoding (src/media/). */
  blobs: BlobStore;
  images: ImageProcessor;
  clock?: Clock;
  logger?: Logger;
  /** The HTTP client webhooks and pre-send callbacks use (src/webhooks/); none: every call fails. */
  webhookTransport?: WebhookTransport;
  /** Push adapters next to the built-in ones (core/push/push-providers.ts). */
  pushProviders?: PushProvider[];
}

export interface Core {
  readonly options: CoreOptions;
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly apps: AppService;
  readonly auth: AuthService;
  readonly users: UserService;
  readonly hub: Hub;
  /** Server ids (64-bit snowflakes as decimal strings), unique with the message ids. */
  readonly ids: IdGenerator;
  readonly sender: SendService;
  readonly messages: MessageService;
  readonly conversations: ConversationService;
  readonly contacts: ContactService;
  readonly contactLog: ContactLog;
  readonly blocks: BlockService;
  readonly profiles: ProfileService;
  readonly presence: PresenceService;
  readonly groups: Groups;
  readonly chatrooms: Chatrooms;
  readonly console: ConsoleService;
  readonly files: FileService;
  /** Webhooks, pre-send, moderation and offline push (docs/webhooks.md). */
  readonly webhooks: Webhooks;
  /** The app's sensitive words (settings.moderation.words). */
  readonly words: WordList;
  readonly abuse: AbuseLimits;
  /** Commits everything queued and runs pending pushes: call before closing sockets. */
  flush(): Promise<void>;
}

export function createCore(deps: CoreDeps): Core {
  const { options } = deps;
  const clock = deps.clock ?? systemClock;
  const recipients = new RecipientCache(clock);
  const repos = recipients.watch(deps.repos);
  const logger = deps.logger ?? silentLogger;
  const hub = new Hub(deps.bus);
  const apps = new AppService(repos.apps, clock, deps.bus);
  const ids = createIdGenerator(options.nodeId, clock);
  const webhooks = createWebhooks({
    repo: repos.webhooks,
    conversations: repos.conversations,
    transport: deps.webhookTransport ?? noTransport,
    hub,
    clock,
    logger,
    appById: (id) => apps.byId(id),
    nodeId: options.nodeId,
    options: options.webhooks,
    pushProviders: deps.pushProviders,
  });
  const observer = webhooks.hooks;
  const social = { repos, hub, clock, ids, bus: deps.bus, observer };
  const groups = createGroups({ ...social, limits: { ...DEFAULT_GROUP_LIMITS, ...options.groups } });
  const chatrooms = createChatrooms({ ...social, limits: { ...DEFAULT_CHATROOM_LIMITS, ...options.chatrooms } });
  const access = new ConversationAccess(groups.messages);
  const files = new FileService({
    files: repos.files,
    apps: repos.apps,
    blobs: deps.blobs,
    images: deps.images,
    clock,
    logger,
  });
  const attachments = async (app: App, body: unknown) => {
    const uuids = fileUuidsIn(body, app.org, app.name);
    await files.claim(app, uuids);
    return uuids;
  };
  const sender = new SendService({
    ...repos,
    ...recipients.views(repos),
    hub,
    ids,
    clock,
    logger,
    options,
    groups,
    rooms: chatrooms,
    attachments,
    hooks: observer,
  });
  const contactLog = new ContactLog(repos.contacts, hub, clock, observer);
  const abuse = new AbuseLimits(deps.rateCounter, options.abuse);
  const departure = new UserDeparture({ repo: repos.socialUsers, groups, chatrooms });
  return Object.freeze({
    options,
    ids,
    repos,
    clock,
    apps,
    hub,
    sender,
    auth: new AuthService(apps, repos.users, abuse),
    abuse,
    users: new UserService({
      users: repos.users,
      relations: repos.relations,
      hub,
      clock,
      passwordCost: options.passwordCost,
      cleanups: [
        repos.contacts.removeUser,
        repos.presence.removeUser,
        (appId, u) => repos.profiles.remove(appId, u),
        repos.msyncCursors.removeUser,
      ],
      departures: [(app, u) => departure.run(app, u)],
    }),
    messages: new MessageService({
      ...repos,
      hub,
      clock,
      limits: options.limits,
      access,
      rooms: chatrooms.messages,
      released: (appId, ids) => files.release(appId, ids),
    }),
    files,
    webhooks,
    words: new WordList(apps),
    conversations: new ConversationService({ ...repos, hub, access, groups: groups.messages }),
    groups,
    chatrooms,
    contactLog,
    contacts: new ContactService({ ...repos, log: contactLog }),
    blocks: new BlockService({ ...repos, clock }),
    profiles: new ProfileService({ ...repos, hub, clock }),
    presence: new PresenceService({ ...repos, hub, clock, logger }),
    console: new ConsoleService({ repo: repos.console, clock, passwordCost: options.passwordCost }),
    async flush() {
      await sender.batcher.flush();
      sender.fanOut.drain();
      chatrooms.live.stop();
      await webhooks.hooks.settled();
      await webhooks.dispatcher.stop();
    },
  });
}

const noTransport: WebhookTransport = {
  post: () => Promise.reject(new Error('no webhook transport configured')),
};
