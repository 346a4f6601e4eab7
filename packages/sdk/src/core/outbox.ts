/**
 * Messages on their way to the server. A send made while reconnecting waits here and goes out once
 * the session is open again; a send whose socket dropped before the ack goes out again with the SAME
 * cid, so the server stores it once and answers with the same ack. Each entry fails with
 * OUTBOX_TIMEOUT if it is not acked within `timeoutMs`. RATE_LIMITED, UNAVAILABLE (a backing
 * service of the server is down; nothing was stored) and STORAGE_FULL / STORAGE_READ_ONLY are tried
 * again after `retryAfterMs` (1 s).
 */
import { PigeonError, type ErrorName, type OutgoingMessage, type SendAck } from '@pigeon/protocol';
import { asPigeon } from './errors.js';
import { after } from './timers.js';

export interface OutboxDeps {
  transmit(msg: OutgoingMessage): Promise<SendAck>;
  canSend(): boolean;
  /** A send timed out on a socket that looks open: check it. */
  suspect(): void;
  timeoutMs: number;
}

interface Entry {
  msg: OutgoingMessage;
  done: Promise<SendAck>;
  resolve(ack: SendAck): void;
  reject(e: PigeonError): void;
  cancelTimer(): void;
  inFlight: boolean;
  expired: boolean;
  /** The last refusal, the cause of OUTBOX_TIMEOUT if the entry expires while waiting to retry. */
  last?: PigeonError;
}

/** Failures after which the entry waits for the next flush instead of failing the send. */
const WAIT_AND_RESEND = new Set<ErrorName>([
  'NETWORK',
  'NOT_CONNECTED',
  'TIMEOUT',
  'SERVER_GOING_AWAY',
  'SLOW_CONSUMER',
]);

/**
 * Refusals that say "not now": the entry is sent again after `retryAfterMs`. STORAGE_FULL and
 * STORAGE_READ_ONLY: the server's disk is full or read-only for now; sends go through by themselves
 * once it takes writes again.
 */
const RETRY_LATER = new Set<ErrorName>(['RATE_LIMITED', 'UNAVAILABLE', 'STORAGE_FULL', 'STORAGE_READ_ONLY']);

export class Outbox {
  readonly #deps: OutboxDeps;
  /** Insertion order is send order. */
  readonly #entries = new Map<string, Entry>();

  constructor(deps: OutboxDeps) {
    this.#deps = deps;
  }

  get size(): number {
    return this.#entries.size;
  }

  add(msg: OutgoingMessage): Promise<SendAck> {
    const queued = this.#entries.get(msg.cid);
    if (queued) return queued.done; // the same message sent twice while pending: one send
    const e = this.#entry(msg);
    this.#entries.set(msg.cid, e);
    if (this.#deps.canSend()) this.#transmit(e);
    return e.done;
  }

  /** Session (re)opened: send everything not already on the wire, in order. */
  flush(): void {
    if (!this.#deps.canSend()) return;
    for (const e of this.#entries.values()) if (!e.inFlight) this.#transmit(e);
  }

  failAll(error: PigeonError): void {
    for (const e of [...this.#entries.values()]) this.#finish(e, error);
  }

  #entry(msg: OutgoingMessage): Entry {
    let settle!: Pick<Entry, 'resolve' | 'reject'>;
    const done = new Promise<SendAck>((resolve, reject) => (settle = { resolve, reject }));
    const e: Entry = { msg, done, ...settle, cancelTimer: () => undefined, inFlight: false, expired: false };
    e.cancelTimer = after(this.#deps.timeoutMs, () => {
      e.expired = true;
      if (!e.inFlight) this.#finish(e, this.#timeoutError(e.last));
    });
    return e;
  }

  #transmit(e: Entry): void {
    e.inFlight = true;
    this.#deps.transmit(e.msg).then(
      (ack) => this.#finish(e, ack),
      (err: unknown) => this.#failed(e, asPigeon(err)),
    );
  }

  #failed(e: Entry, err: PigeonError): void {
    e.inFlight = false;
    if (this.#entries.get(e.msg.cid) !== e) return;
    e.last = err;
    if (RETRY_LATER.has(err.type) && !e.expired) {
      after(err.retryAfterMs ?? 1000, () => {
        if (this.#entries.get(e.msg.cid) === e && !e.inFlight && this.#deps.canSend()) this.#transmit(e);
      });
      return;
    }
    if (!WAIT_AND_RESEND.has(err.type)) return this.#finish(e, err);
    if (e.expired) return this.#finish(e, this.#timeoutError(err));
    if (err.type === 'TIMEOUT') this.#deps.suspect();
  }

  #finish(e: Entry, result: SendAck | PigeonError): void {
    if (this.#entries.get(e.msg.cid) !== e) return;
    this.#entries.delete(e.msg.cid);
    e.cancelTimer();
    if (result instanceof PigeonError) e.reject(result);
    else e.resolve(result);
  }

  #timeoutError(cause?: PigeonError): PigeonError {
    const ms = this.#deps.timeoutMs;
    return new PigeonError('OUTBOX_TIMEOUT', `Not sent within ${ms} ms`, { cause, details: { outboxTimeout: ms } });
  }
}
