/**
 * Offline push: after a stored message commits, each recipient with no online device anywhere gets a
 * notice rendered from the app's templates, handed to every push provider. Runs after the ack, off
 * the send path; a failure is logged and loses only that notice.
 */
import type { Message } from '@pigeon/protocol';
import type { ConversationRepository } from '../ports/conversations.js';
import type { Logger } from '../ports/logger.js';
import type { PushNotice, PushProvider } from '../ports/webhooks.js';
import type { Hub } from '../sessions/hub.js';
import type { App } from '../types.js';
import { renderTemplate, templateValues } from './templates.js';

export interface OfflinePushDeps {
  hub: Hub;
  conversations: ConversationRepository;
  providers: readonly PushProvider[];
  logger: Logger;
}

export class OfflinePush {
  readonly #d: OfflinePushDeps;

  constructor(deps: OfflinePushDeps) {
    this.#d = deps;
  }

  enabled(app: App): boolean {
    return app.settings.push.enabled && this.#d.providers.length > 0;
  }

  /** Fire and forget: resolves when every notice was handed over (tests and shutdown may wait on it). */
  async notify(app: App, message: Message, recipients: readonly string[]): Promise<void> {
    if (!this.enabled(app)) return;
    for (const user of recipients) {
      if (user === message.from) continue;
      try {
        if (await this.#d.hub.isOnlineAnywhere(app.id, user)) continue;
        await this.#send(await this.#notice(app, message, user));
      } catch (err) {
        this.#d.logger.warn({ err, appKey: app.appKey, user }, 'offline push failed');
      }
    }
  }

  async #notice(app: App, m: Message, user: string): Promise<PushNotice> {
    const row = await this.#d.conversations.forUser(app.id, user, m.conv);
    const values = templateValues(m, user);
    return {
      appId: app.id,
      appKey: app.appKey,
      user,
      title: renderTemplate(app.settings.push.title, values),
      body: renderTemplate(app.settings.push.body, values),
      badge: Math.max(1, m.seq - (row?.readSeq ?? 0)),
      conv: m.conv,
      msgId: m.id,
      from: m.from,
    };
  }

  async #send(notice: PushNotice): Promise<void> {
    await Promise.all(
      this.#d.providers.map((p) =>
        p.push(notice).catch((err: unknown) => this.#d.logger.warn({ err, provider: p.name }, 'push provider failed')),
      ),
    );
  }
}
