/** Request/reply correlation: every request frame gets exactly one reply, or a typed error. */
import { PigeonError, isReplyError, type OpName, type OpReply, type ReplyFrame } from '@pigeon/protocol';
import { after } from './timers.js';

interface Pending {
  resolve(data: unknown): void;
  reject(error: PigeonError): void;
  cancel(): void;
}

const MAX_ID = 2_147_483_647;

export class Requests {
  #last = 0;
  readonly #pending = new Map<number, Pending>();

  get size(): number {
    return this.#pending.size;
  }

  /** Registers a request; the caller sends the frame with the returned id. */
  start<O extends OpName>(op: O, timeoutMs: number): { id: number; done: Promise<OpReply<O>> } {
    const id = this.#nextId();
    const done = new Promise<OpReply<O>>((resolve, reject) => {
      const cancel = after(timeoutMs, () => {
        this.#pending.delete(id);
        reject(new PigeonError('TIMEOUT', `No reply to ${op} within ${timeoutMs} ms`, { details: { op } }));
      });
      this.#pending.set(id, { resolve: resolve as (data: unknown) => void, reject, cancel });
    });
    return { id, done };
  }

  /** Settles the request a reply answers; false when nothing waits for it (late or unknown). */
  settle(frame: ReplyFrame): boolean {
    const p = this.#take(frame.re);
    if (!p) return false;
    if (isReplyError(frame)) p.reject(PigeonError.fromWire(frame.err));
    else p.resolve(frame.d);
    return true;
  }

  fail(id: number, error: PigeonError): void {
    this.#take(id)?.reject(error);
  }

  failAll(error: PigeonError): void {
    for (const id of [...this.#pending.keys()]) this.fail(id, error);
  }

  #take(id: number): Pending | undefined {
    const p = this.#pending.get(id);
    if (!p) return undefined;
    this.#pending.delete(id);
    p.cancel();
    return p;
  }

  #nextId(): number {
    do this.#last = this.#last >= MAX_ID ? 1 : this.#last + 1;
    while (this.#pending.has(this.#last));
    return this.#last;
  }
}
