/**
 * A user's contact log: every change is committed with its log entries, then pushed as event
 * `contact` to each device of the users concerned. A device that was away replays the log with
 * `contact.sync`; one with no local state starts after what the user's devices acknowledged.
 */
import type { ContactEvent, OpReply, OpRequest } from '@pigeon/protocol';
import type { Clock } from '../ports/clock.js';
import type { ContactMutation, ContactRepository, NewContactEvent } from '../ports/contacts.js';
import type { Hub } from '../sessions/hub.js';
import type { Caller } from '../types.js';

const SYNC_PAGE = 100;

/** Told of every committed log entry (webhooks). */
export interface ContactObserver {
  contact(appId: string, e: ContactEvent): void;
}

export class ContactLog {
  readonly #repo: ContactRepository;
  readonly #hub: Hub;
  readonly #clock: Clock;

  readonly #observer: ContactObserver | undefined;

  constructor(repo: ContactRepository, hub: Hub, clock: Clock, observer?: ContactObserver) {
    this.#repo = repo;
    this.#hub = hub;
    this.#clock = clock;
    this.#observer = observer;
  }

  async commit(appId: string, mutations: ContactMutation[], events: NewContactEvent[]): Promise<ContactEvent[]> {
    const committed = await this.#repo.apply(appId, mutations, events, this.#clock.now());
    // Every device, the acting one too: its own log has the entry, so its cursor stays gap-free.
    for (const e of committed) {
      this.#hub.emit(appId, e.to, 'contact', e);
      this.#observer?.contact(appId, e);
    }
    return committed;
  }

  async sync(caller: Caller, req: OpRequest<'contact.sync'>): Promise<OpReply<'contact.sync'>> {
    const { app, user } = caller;
    const limit = Math.max(1, Math.min(req.limit ?? SYNC_PAGE, SYNC_PAGE));
    const { lastSeq, seenSeq } = await this.#repo.cursor(app.id, user);
    if (req.afterSeq !== undefined && req.afterSeq > seenSeq) await this.#repo.acknowledge(app.id, user, req.afterSeq);
    const from = Math.min(req.afterSeq ?? seenSeq, lastSeq);
    const rows = await this.#repo.events(app.id, user, from, limit + 1);
    return { events: rows.slice(0, limit), lastSeq, hasMore: rows.length > limit };
  }
}
