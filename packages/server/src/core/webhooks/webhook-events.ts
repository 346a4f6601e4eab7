/**
 * Post events: each event the app subscribed to becomes one outbox row per URL, written before the
 * call that caused it returns, then delivered at least once by the dispatcher.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { NewOutboxRow, WebhookOutboxRepository } from '../ports/webhooks.js';
import type { App } from '../types.js';
import { subscribed, type WebhookEventType } from './hook-settings.js';

export interface WebhookEvent {
  app: App;
  type: WebhookEventType;
  data: unknown;
}

/** What a receiver gets: the same envelope for every event type. */
export interface WebhookEnvelope {
  id: string;
  type: string;
  appKey: string;
  ts: number;
  data: unknown;
}

export interface WebhookEventsDeps {
  repo: WebhookOutboxRepository;
  clock: Clock;
  logger: Logger;
  /** Told when rows were written, so delivery starts without waiting for the next poll. */
  written(): void;
}

/** Sortable ids: creation time first, then randomness. */
export const newEventId = (now: number): string =>
  `evt_${now.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;

export class WebhookEvents {
  readonly #d: WebhookEventsDeps;

  constructor(deps: WebhookEventsDeps) {
    this.#d = deps;
  }

  /** Whether anything would be written for this app and type: callers skip building data otherwise. */
  wants(app: App, type: WebhookEventType): boolean {
    return subscribed(app.settings.webhooks, type);
  }

  publish(app: App, type: WebhookEventType, data: unknown): Promise<void> {
    return this.publishMany([{ app, type, data }]);
  }

  /** One INSERT for many events. Failures are logged, never thrown: what caused them has happened. */
  async publishMany(events: WebhookEvent[]): Promise<void> {
    const now = this.#d.clock.now();
    const rows: NewOutboxRow[] = [];
    for (const e of events) {
      if (!this.wants(e.app, e.type)) continue;
      const env: WebhookEnvelope = { id: newEventId(now), type: e.type, appKey: e.app.appKey, ts: now, data: e.data };
      const payload = JSON.stringify(env);
      e.app.settings.webhooks.urls.forEach((url, i) =>
        rows.push({
          id: `${env.id}.${i}`,
          appId: e.app.id,
          eventId: env.id,
          type: e.type,
          url,
          payload,
          nextAttemptAt: now,
          createdAt: now,
        }),
      );
    }
    if (!rows.length) return;
    try {
      await this.#d.repo.enqueue(rows);
      this.#d.written();
    } catch (err) {
      this.#d.logger.error({ err, rows: rows.length }, 'webhook events could not be stored; they are lost');
    }
  }
}
