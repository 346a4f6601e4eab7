/**
 * One-to-many traffic (groups, chatrooms): each message must reach every member but its sender,
 * exactly once. The ledger marks each delivery per member, so loss and duplicates are counted
 * exactly; latency is send → push read, in this one process, per delivery and to the last member.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchClient, SendAck } from './client.js';
import { errorName } from './client.js';
import { waitFor } from './concurrency.js';
import { Samples, round } from './samples.js';

interface Entry {
  t0: number;
  sender: number;
  marks: Uint8Array;
  count: number;
  last: number;
  recorded: boolean;
}

export interface FanOutTotals {
  sent: number;
  acked: number;
  failed: number;
  /** Deliveries expected: (members − 1) per acked message. */
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  unknown: number;
}

export interface SecondRow {
  phase: string;
  s: number;
  deliveredPerSec: number;
  p50: number;
  p99: number;
}

export class FanOutLedger {
  readonly #members: number;
  readonly #entries = new Map<string, Entry>();
  readonly delivery = new Samples();
  readonly lastMember = new Samples();
  readonly ack = new Samples();
  readonly errors = new Map<string, number>();
  readonly rows: SecondRow[] = [];
  #sent = 0;
  #acked = 0;
  #failed = 0;
  #delivered = 0;
  #duplicates = 0;
  #unknown = 0;
  #second = new Samples();
  #secondDelivered = 0;

  constructor(members: number) {
    this.#members = members;
  }

  /** Listens to every member's pushes (`index` is the member's place in `clients`). */
  watch(clients: BenchClient[]): void {
    clients.forEach((c, i) => {
      c.onEvent = (ev, d, at) => {
        if (ev === 'msg') this.#receive(i, (d as { cid: string }).cid, at);
      };
    });
  }

  /** Sends one message from member `sender`; `record` false keeps it out of the latency figures. */
  async send(clients: BenchClient[], sender: number, msg: Record<string, unknown> & { cid: string }, record = true) {
    const entry: Entry = {
      t0: performance.now(),
      sender,
      marks: new Uint8Array(this.#members),
      count: 0,
      last: 0,
      recorded: record,
    };
    this.#entries.set(msg.cid, entry);
    this.#sent++;
    try {
      await clients[sender]!.request<SendAck>('msg.send', { msg });
      this.#acked++;
      if (record) this.ack.push(performance.now() - entry.t0);
    } catch (err) {
      this.#failed++;
      this.#entries.delete(msg.cid);
      const name = errorName(err);
      this.errors.set(name, (this.errors.get(name) ?? 0) + 1);
    }
  }

  /** Whether every acked message reached every member. */
  complete(): boolean {
    return this.#delivered >= this.#acked * (this.#members - 1) && this.#sent === this.#acked + this.#failed;
  }

  drain(timeoutMs: number): Promise<boolean> {
    return waitFor(() => this.complete(), timeoutMs);
  }

  /** Closes the current one-second row (call every second while a phase runs). */
  tick(phase: string, s: number): void {
    const sum = this.#second.summary();
    this.rows.push({
      phase,
      s,
      deliveredPerSec: this.#secondDelivered,
      p50: round(sum.p50, 2),
      p99: round(sum.p99, 2),
    });
    this.#second = new Samples();
    this.#secondDelivered = 0;
  }

  totals(): FanOutTotals {
    const expected = this.#acked * (this.#members - 1);
    const unique = this.#delivered - this.#duplicates;
    return {
      sent: this.#sent,
      acked: this.#acked,
      failed: this.#failed,
      expected,
      delivered: this.#delivered,
      lost: Math.max(0, expected - unique),
      duplicates: this.#duplicates,
      unknown: this.#unknown,
    };
  }

  #receive(member: number, cid: string, at: number): void {
    const e = this.#entries.get(cid);
    if (!e || member === e.sender) return void this.#unknown++;
    this.#delivered++;
    if (e.marks[member]) return void this.#duplicates++;
    e.marks[member] = 1;
    e.count++;
    const ms = at - e.t0;
    this.#secondDelivered++;
    if (e.recorded) {
      this.delivery.push(ms);
      this.#second.push(ms);
    }
    if (e.count === this.#members - 1 && e.recorded) this.lastMember.push(ms);
  }
}

/** Sends `rate` messages per second for `seconds`, spread over `senders` members, one row per second. */
export async function paced(
  ledger: FanOutLedger,
  clients: BenchClient[],
  o: {
    phase: string;
    rate: number;
    seconds: number;
    senders: number;
    message: (cid: string) => Record<string, unknown> & { cid: string };
    prefix: string;
  },
  onSecond?: (row: SecondRow) => void,
): Promise<void> {
  const t0 = performance.now();
  let sent = 0;
  let second = 1;
  const inflight: Promise<void>[] = [];
  while (performance.now() - t0 < o.seconds * 1000) {
    const due = Math.floor(((performance.now() - t0) / 1000) * o.rate);
    for (; sent < due; sent++) inflight.push(ledger.send(clients, sent % o.senders, o.message(`${o.prefix}${sent}`)));
    if (performance.now() - t0 >= second * 1000) {
      ledger.tick(o.phase, second++);
      onSecond?.(ledger.rows[ledger.rows.length - 1]!);
    }
    await sleep(5);
  }
  await Promise.all(inflight);
  ledger.tick(o.phase, second);
}
