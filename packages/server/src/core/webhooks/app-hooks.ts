/**
 * What the rest of the core calls: screening a user's message before it commits (sensitive words,
 * then the pre-send callback), and telling webhooks and push providers what happened afterwards.
 */
import {
  isPassthrough,
  type ContactEvent,
  type GroupEventData,
  type Message,
  type OutgoingMessage,
  type SendAck,
} from '@pigeon/protocol';
import type { Logger } from '../ports/logger.js';
import type { WebhookOutboxRepository } from '../ports/webhooks.js';
import type { Hub } from '../sessions/hub.js';
import type { App, Caller } from '../types.js';
import { moderate, moderationOn } from '../moderation/word-filter.js';
import type { OfflinePush } from '../push/offline-push.js';
import type { PreSend } from './pre-send.js';
import type { WebhookEvents } from './webhook-events.js';

export interface CommittedMessage {
  app: App;
  message: Message;
  recipients: readonly string[];
}

export interface AppHooksDeps {
  events: WebhookEvents;
  preSend: PreSend;
  push: OfflinePush;
  repo: WebhookOutboxRepository;
  appById(id: string): Promise<App | undefined>;
  hub: Hub;
  logger: Logger;
}

export class AppHooks {
  readonly #d: AppHooksDeps;
  /** Offline pushes still being handed over (awaited by `settled`, for shutdown and tests). */
  readonly #pending = new Set<Promise<void>>();

  constructor(deps: AppHooksDeps) {
    this.#d = deps;
    deps.hub.addPresenceListener({
      online: (appId, user) => this.#track(this.#presence(appId, user, 'user.online')),
      offline: (appId, user) => this.#track(this.#presence(appId, user, 'user.offline')),
    });
  }

  /**
   * A user's message before commit: the message to store, or (pre-send on) the original ack when this
   * is a retry of one already committed, so the callback is not asked twice. Throws when refused.
   */
  async screen(caller: Caller, out: OutgoingMessage, pathPrefix: string): Promise<OutgoingMessage | SendAck> {
    const { app } = caller;
    let m = moderationOn(app) ? moderate(app.settings.moderation, out) : out;
    if (!this.#d.preSend.enabled(app)) return m;
    if (out.chat !== 'room' && !out.onlineOnly && !isPassthrough(out.type)) {
      const ack = await this.#d.repo.committedAck(app.id, caller.user, out.cid);
      if (ack) return ack;
    }
    m = await this.#d.preSend.screen(app, caller.user, m, pathPrefix);
    return m;
  }

  /** Whether `screen` would do anything for this app: the send path skips it otherwise. */
  screens(app: App): boolean {
    return moderationOn(app) || this.#d.preSend.enabled(app);
  }

  /** After commit, before the acks: message.sent rows are durable when the sender hears "sent". */
  async committed(list: readonly CommittedMessage[]): Promise<void> {
    const events = this.#d.events;
    const wanted = list.filter((c) => events.wants(c.app, 'message.sent'));
    if (wanted.length)
      await events.publishMany(wanted.map((c) => ({ app: c.app, type: 'message.sent', data: c.message })));
    for (const c of list)
      if (this.#d.push.enabled(c.app)) this.#track(this.#d.push.notify(c.app, c.message, c.recipients));
  }

  group(app: App, d: GroupEventData): void {
    if (this.#d.events.wants(app, 'group.changed')) this.#track(this.#d.events.publish(app, 'group.changed', d));
  }

  contact(appId: string, e: ContactEvent): void {
    this.#track(
      (async () => {
        const app = await this.#d.appById(appId);
        if (app && this.#d.events.wants(app, 'contact.changed'))
          await this.#d.events.publish(app, 'contact.changed', { user: e.to, ...e });
      })(),
    );
  }

  /** Resolves when the background work started so far has finished. */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.all([...this.#pending]);
  }

  async #presence(appId: string, user: string, type: 'user.online' | 'user.offline'): Promise<void> {
    const app = await this.#d.appById(appId);
    if (!app || !this.#d.events.wants(app, type)) return;
    // Another node may still hold a session: then the user is not offline.
    if (type === 'user.offline' && (await this.#d.hub.isOnlineAnywhere(appId, user))) return;
    await this.#d.events.publish(app, type, { user });
  }

  #track(p: Promise<void>): void {
    const tracked = p
      .catch((err: unknown) => this.#d.logger.warn({ err }, 'webhook hook failed'))
      .finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }
}
