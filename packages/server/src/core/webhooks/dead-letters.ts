/** Dead letters: post events that failed every attempt, for the app's admin to list, retry or drop. */
import { PigeonError } from '@pigeon/protocol';
import type { Clock } from '../ports/clock.js';
import type { OutboxRow, WebhookOutboxRepository } from '../ports/webhooks.js';
import type { App } from '../types.js';

export interface DeadLetterView {
  id: string;
  eventId: string;
  type: string;
  url: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  /** The event as it was sent. */
  payload: unknown;
}

const view = (r: OutboxRow): DeadLetterView => ({
  id: r.id,
  eventId: r.eventId,
  type: r.type,
  url: r.url,
  attempts: r.attempts,
  lastError: r.lastError,
  createdAt: r.createdAt,
  payload: JSON.parse(r.payload) as unknown,
});

export class DeadLetters {
  readonly #repo: WebhookOutboxRepository;
  readonly #clock: Clock;
  readonly #kick: () => void;

  constructor(repo: WebhookOutboxRepository, clock: Clock, kick: () => void) {
    this.#repo = repo;
    this.#clock = clock;
    this.#kick = kick;
  }

  /** Newest first; `cursor` is the last id of the previous page. */
  async list(app: App, limit: number, cursor?: string): Promise<{ entries: DeadLetterView[]; cursor?: string }> {
    const rows = await this.#repo.listDead(app.id, limit + 1, cursor);
    const entries = rows.slice(0, limit).map(view);
    return rows.length > limit ? { entries, cursor: entries[entries.length - 1]!.id } : { entries };
  }

  /** Delivers it again, with a fresh set of attempts. */
  async retry(app: App, id: string): Promise<void> {
    if (!(await this.#repo.revive(app.id, id, this.#clock.now()))) throw notFound(id);
    this.#kick();
  }

  /** Events waiting for delivery (retries included) and dead letters. */
  counts(app: App): Promise<{ pending: number; dead: number }> {
    return this.#repo.counts(app.id);
  }

  async drop(app: App, id: string): Promise<void> {
    if (!(await this.#repo.drop(app.id, id))) throw notFound(id);
  }
}

const notFound = (id: string) =>
  new PigeonError('NOT_FOUND', `No dead letter "${id}" in this app.`, { details: { id } });
