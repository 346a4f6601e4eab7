/**
 * Book-keeping for messages that fan out to many members (groups, chatrooms): for each message, which
 * members got it (a bit per member, so duplicates are exact), and when the first and the last did.
 */
import { Samples } from './samples.js';

export class FanLedger {
  readonly #members: number;
  readonly #sentAt: Float64Array;
  readonly #lastAt: Float64Array;
  readonly #count: Uint32Array;
  readonly #acked: Uint8Array;
  readonly #seen: Uint8Array;
  #next = 0;
  duplicates = 0;
  unknown = 0;
  delivered = 0;

  constructor(members: number, maxMessages: number) {
    this.#members = members;
    this.#sentAt = new Float64Array(maxMessages);
    this.#lastAt = new Float64Array(maxMessages);
    this.#count = new Uint32Array(maxMessages);
    this.#acked = new Uint8Array(maxMessages);
    this.#seen = new Uint8Array(Math.ceil((maxMessages * members) / 8));
  }

  get issued(): number {
    return this.#next;
  }

  get full(): boolean {
    return this.#next >= this.#sentAt.length;
  }

  issue(atMs: number): string {
    this.#sentAt[this.#next] = atMs;
    return `f${this.#next++}`;
  }

  ack(cid: string): void {
    const n = this.#index(cid);
    if (n >= 0) this.#acked[n] = 1;
  }

  /** Member `member` (0-based) received `cid` at `atMs`. */
  deliver(cid: string, member: number, atMs: number): void {
    const n = this.#index(cid);
    if (n < 0) return void this.unknown++;
    const bit = n * this.#members + member;
    if (this.#seen[bit >> 3] & (1 << (bit & 7))) return void this.duplicates++;
    this.#seen[bit >> 3] |= 1 << (bit & 7);
    this.#count[n]++;
    this.delivered++;
    this.#lastAt[n] = Math.max(this.#lastAt[n], atMs);
  }

  /** Deliveries still missing, given how many members each message should reach. */
  missing(expectedPerMessage: number): number {
    let m = 0;
    for (let n = 0; n < this.#next; n++) if (this.#acked[n]) m += Math.max(0, expectedPerMessage - this.#count[n]);
    return m;
  }

  acked(): number {
    let a = 0;
    for (let n = 0; n < this.#next; n++) a += this.#acked[n];
    return a;
  }

  /** Time from send to the last member, for messages that reached every member. */
  toLast(expectedPerMessage: number): Samples {
    const s = new Samples();
    for (let n = 0; n < this.#next; n++)
      if (this.#count[n] >= expectedPerMessage) s.push(this.#lastAt[n] - this.#sentAt[n]);
    return s;
  }

  #index(cid: string): number {
    if (cid.charCodeAt(0) !== 102 /* f */) return -1;
    const n = Number(cid.slice(1));
    return Number.isInteger(n) && n >= 0 && n < this.#next ? n : -1;
  }
}
