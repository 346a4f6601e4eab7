/**
 * Book-keeping for every message the generator sends: when it left, whether it was acked, how many
 * times it was delivered. Client ids are `b<n>` with n a dense counter, so the ledger is a few typed
 * arrays rather than maps of strings, and checking "zero lost, zero duplicated" is a linear scan.
 */

export interface LedgerTotals {
  sent: number;
  acked: number;
  failed: number;
  delivered: number;
  /** Acked but never delivered. */
  lost: number;
  /** Deliveries beyond the first of the same message. */
  duplicates: number;
  /** Delivered but never acked (a send that timed out or failed after the server committed it). */
  unackedDelivered: number;
  /** Pushes whose cid the ledger never issued. */
  unknown: number;
}

export class Ledger {
  #sentAt = new Float64Array(1 << 16);
  #acked = new Uint8Array(1 << 16);
  #failed = new Uint8Array(1 << 16);
  #deliveries = new Uint8Array(1 << 16);
  #next = 0;
  #unknown = 0;

  get issued(): number {
    return this.#next;
  }

  /** Registers a new message sent at `atMs`; returns its cid. */
  issue(atMs: number): string {
    const n = this.#next++;
    if (n >= this.#sentAt.length) this.#grow();
    this.#sentAt[n] = atMs;
    return `b${n}`;
  }

  /** Marks an ack; returns ms since the message was first sent, or -1 for a stray ack. */
  ack(cid: string, atMs: number): number {
    const n = this.#index(cid);
    if (n < 0) return -1;
    this.#acked[n] = 1;
    return atMs - this.#sentAt[n];
  }

  fail(cid: string): void {
    const n = this.#index(cid);
    if (n >= 0) this.#failed[n] = 1;
  }

  /** Marks a delivery; returns end-to-end ms, or -1 for an unknown or duplicate delivery. */
  deliver(cid: string, atMs: number): number {
    const n = this.#index(cid);
    if (n < 0) {
      this.#unknown++;
      return -1;
    }
    const first = this.#deliveries[n] === 0;
    if (this.#deliveries[n] < 255) this.#deliveries[n]++;
    return first ? atMs - this.#sentAt[n] : -1;
  }

  /** Whether every acked message was delivered at least once (for draining). */
  settled(): boolean {
    for (let n = 0; n < this.#next; n++) if (this.#acked[n] && !this.#deliveries[n]) return false;
    return true;
  }

  totals(): LedgerTotals {
    const t: LedgerTotals = {
      sent: this.#next,
      acked: 0,
      failed: 0,
      delivered: 0,
      lost: 0,
      duplicates: 0,
      unackedDelivered: 0,
      unknown: this.#unknown,
    };
    for (let n = 0; n < this.#next; n++) {
      const d = this.#deliveries[n];
      t.acked += this.#acked[n];
      t.failed += this.#failed[n] && !this.#acked[n] ? 1 : 0;
      t.delivered += d ? 1 : 0;
      t.duplicates += d > 1 ? d - 1 : 0;
      if (this.#acked[n] && !d) t.lost++;
      if (!this.#acked[n] && d) t.unackedDelivered++;
    }
    return t;
  }

  #index(cid: string): number {
    if (cid.charCodeAt(0) !== 98 /* b */) return -1;
    const n = Number(cid.slice(1));
    return Number.isInteger(n) && n >= 0 && n < this.#next ? n : -1;
  }

  #grow(): void {
    const size = this.#sentAt.length * 2;
    const grow = <A extends Float64Array | Uint8Array>(a: A, b: A): A => (b.set(a), b);
    this.#sentAt = grow(this.#sentAt, new Float64Array(size));
    this.#acked = grow(this.#acked, new Uint8Array(size));
    this.#failed = grow(this.#failed, new Uint8Array(size));
    this.#deliveries = grow(this.#deliveries, new Uint8Array(size));
  }
}
