/**
 * The user's contact log, surfaced once and in order: live `contact` events and, after every
 * (re)connect, `contact.sync` from the last seq this device saw (kept in the platform's storage
 * when it has one). Each sync also acknowledges that seq, so a device with no local state starts
 * after what the user's devices already saw.
 */
import type { ContactEvent } from '@pigeon/protocol';
import type { Request } from './conversations.js';
import type { KeyValueStorage } from './platform.js';

export interface ContactFeedDeps {
  request: Request;
  surface(e: ContactEvent): void;
  /** A sync or an acknowledgement failed (the owner reports it unless the socket is gone). */
  failed(e: unknown): void;
  storage?: KeyValueStorage;
  key: string;
}

export class ContactFeed {
  readonly #d: ContactFeedDeps;
  #cursor: number | undefined;
  #chain: Promise<void> = Promise.resolve();

  constructor(deps: ContactFeedDeps) {
    this.#d = deps;
    this.#cursor = this.#load();
  }

  /** After each (re)connect: replay what this device missed. */
  sync(): Promise<void> {
    return this.#enqueue(() => this.#pull());
  }

  /** A live event: surfaced if it is the next one, else (a gap) fetched with what is missing. */
  receive(e: ContactEvent): void {
    void this.#enqueue(async () => {
      if (this.#cursor !== undefined && e.seq <= this.#cursor) return;
      if (this.#cursor !== undefined && e.seq === this.#cursor + 1) this.#take(e);
      await this.#pull(); // acknowledges, and fills any gap
    });
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    // A lost socket fails the task; the next connect syncs again from the same seq.
    this.#chain = this.#chain.then(task).catch((e: unknown) => this.#d.failed(e));
    return this.#chain;
  }

  /** Pages until a reply brings nothing new; that last request acknowledged everything surfaced. */
  async #pull(): Promise<void> {
    for (;;) {
      const at = this.#cursor;
      const r = await this.#d.request('contact.sync', at === undefined ? {} : { afterSeq: at });
      for (const e of r.events) if (this.#cursor === undefined || e.seq > this.#cursor) this.#take(e);
      if (r.events.length === 0) {
        // Nothing after our seq: the log ends at lastSeq (also after a server reset below our seq).
        if (this.#cursor !== r.lastSeq) this.#save(r.lastSeq);
        return;
      }
    }
  }

  #take(e: ContactEvent): void {
    this.#save(e.seq);
    this.#d.surface(e);
  }

  #save(seq: number): void {
    this.#cursor = seq;
    try {
      this.#d.storage?.set(this.#d.key, String(seq));
    } catch {
      // storage full: the cursor stays in memory; the server's acknowledged seq covers a restart
    }
  }

  #load(): number | undefined {
    try {
      const n = Number(this.#d.storage?.get(this.#d.key) ?? NaN);
      return Number.isInteger(n) && n >= 0 ? n : undefined;
    } catch {
      return undefined;
    }
  }
}
