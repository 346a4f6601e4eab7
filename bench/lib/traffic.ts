/**
 * 1:1 message traffic at a paced rate: senders each hold a window of unacked sends and a per-
 * connection rate (Pigeon limits sends per connection, see DEFAULT_LIMITS.sendsPerSecond); receivers
 * report pushes. Latency is measured in this one process: send time to ack (durable commit) and
 * send time to the push reaching the recipient's socket (end to end).
 */
import { singleKey } from '@pigeon/protocol';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import type { BenchClient, PushedMessage, SendAck } from './client.js';
import { ReplyError, errorName } from './client.js';
import { waitFor } from './concurrency.js';
import { Ledger } from './ledger.js';
import { Samples, round, type LatencySummary } from './samples.js';

export interface Sender {
  client: BenchClient;
  to: string;
  /** The 1:1 conversation key (s:<a>:<b>). */
  conv: string;
  /** Acks received: the number of messages this conversation must hold afterwards. */
  acked: number;
  outstanding: number;
  tokens: number;
  refilledAt: number;
}

export interface TrafficOptions {
  /** Unacked sends allowed per sender. */
  window: number;
  /** Sends per second allowed per sender (stay under the server's per-connection limit). */
  perSenderRate: number;
  /** Message text length in characters. */
  textBytes: number;
  /** Check push seq numbers (only servers that store assign them). */
  checkSeq: boolean;
  /** Retries of a RATE_LIMITED send (same cid, so the server must not store it twice). */
  maxRetries?: number;
}

export interface Phase {
  name: string;
  seconds: number;
  /** Target messages per second, over all senders. */
  rate: number;
  /** Whether latencies count (false for warm-up). */
  record: boolean;
}

export interface IntervalRow {
  phase: string;
  s: number;
  sentPerSec: number;
  ackedPerSec: number;
  deliveredPerSec: number;
  ackP50: number;
  ackP99: number;
  e2eP50: number;
  e2eP90: number;
  e2eP99: number;
  e2eMax: number;
}

export interface PhaseResult {
  name: string;
  seconds: number;
  targetRate: number;
  sentPerSec: number;
  ackedPerSec: number;
  deliveredPerSec: number;
  /** Sends the generator could not issue on schedule (window full or rate limit): it fell behind. */
  behind: number;
  ack: LatencySummary;
  e2e: LatencySummary;
}

const now = () => performance.now();

export class Traffic {
  readonly ledger = new Ledger();
  readonly errors = new Map<string, number>();
  readonly rows: IntervalRow[] = [];
  /** Pushes whose seq was not last+1 for their conversation (the SDK pulls to fill such gaps). */
  seqOutOfOrder = 0;
  retried = 0;
  readonly #senders: Sender[];
  readonly #opts: TrafficOptions;
  readonly #text: string;
  readonly #lastSeq = new Map<string, number>();
  #counts = { sent: 0, acked: 0, delivered: 0 };
  #ackWin = new Samples();
  #e2eWin = new Samples();
  #recording = false;
  #cursor = 0;
  #receivers = 0;
  #t0 = now();
  #prevCounts = { sent: 0, acked: 0, delivered: 0, t: now() };

  constructor(senders: Sender[], opts: TrafficOptions) {
    this.#senders = senders;
    this.#opts = opts;
    this.#text = 'x'.repeat(opts.textBytes);
  }

  static sender(client: BenchClient, from: string, to: string): Sender {
    return { client, to, conv: singleKey(from, to), acked: 0, outstanding: 0, tokens: 1, refilledAt: now() };
  }

  /** Makes `client` report its pushes to this traffic's ledger. */
  receiveOn(client: BenchClient): void {
    this.#receivers++;
    client.onEvent = (ev, d, at) => {
      if (ev === 'msg') this.#onPush(d as PushedMessage, at);
    };
  }

  get outstanding(): number {
    return this.#senders.reduce((n, s) => n + s.outstanding, 0);
  }

  /** Runs one phase; `onTick` gets each one-second row (for progress and server sampling). */
  async run(phase: Phase, onTick: (row: IntervalRow) => void): Promise<PhaseResult> {
    this.#recording = phase.record;
    const ack = new Samples();
    const e2e = new Samples();
    const start = now();
    const startCounts = { ...this.#counts };
    let issued = 0;
    let behind = 0;
    let lastTick = start;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const t = now();
        // Unsendable messages (windows full) carry over, up to 50 ms worth; beyond that the
        // generator is behind and says so rather than bursting later.
        let due = Math.floor((phase.rate * (t - start)) / 1000) - issued;
        const cap = Math.max(1, Math.ceil(phase.rate / 20));
        if (due > cap) {
          behind += due - cap;
          issued += due - cap;
          due = cap;
        }
        if (due > 0) issued += due - this.#pump(due, t);
        if (t - lastTick >= 1000) {
          lastTick = t;
          onTick(this.#row(phase.name, ack, e2e));
        }
        if (t - start >= phase.seconds * 1000) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    const elapsed = (now() - start) / 1000;
    onTick(this.#row(phase.name, ack, e2e));
    const per = (k: 'sent' | 'acked' | 'delivered') => Math.round((this.#counts[k] - startCounts[k]) / elapsed);
    return {
      name: phase.name,
      seconds: round(elapsed, 2),
      targetRate: phase.rate,
      sentPerSec: per('sent'),
      ackedPerSec: per('acked'),
      deliveredPerSec: per('delivered'),
      behind,
      ack: ack.summary(),
      e2e: e2e.summary(),
    };
  }

  get counts(): { sent: number; acked: number; delivered: number } {
    return { ...this.#counts };
  }

  /** Waits for outstanding acks and, when receivers are online, for every acked message to arrive. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.#recording = false;
    const done = () => this.outstanding === 0 && (this.#receivers === 0 || this.ledger.settled());
    return waitFor(done, timeoutMs, 50);
  }

  /** Sends up to `budget` messages round-robin over senders with room; returns how many it could not. */
  #pump(budget: number, t: number): number {
    const n = this.#senders.length;
    let skipped = 0;
    while (budget > 0 && skipped < n) {
      const s = this.#senders[this.#cursor];
      this.#cursor = (this.#cursor + 1) % n;
      s.tokens = Math.min(
        Math.max(1, this.#opts.perSenderRate / 5),
        s.tokens + ((t - s.refilledAt) * this.#opts.perSenderRate) / 1000,
      );
      s.refilledAt = t;
      if (s.outstanding >= this.#opts.window || s.tokens < 1) {
        skipped++;
        continue;
      }
      skipped = 0;
      s.tokens--;
      budget--;
      this.#send(s, this.ledger.issue(t), 0);
    }
    return budget;
  }

  #send(s: Sender, cid: string, attempt: number): void {
    s.outstanding++;
    if (attempt === 0) this.#counts.sent++;
    const msg = { cid, chat: 'single', to: s.to, type: 'txt', body: { text: this.#text } };
    s.client.request<SendAck>('msg.send', { msg }).then(
      () => {
        s.outstanding--;
        s.acked++;
        const ms = this.ledger.ack(cid, now());
        this.#counts.acked++;
        if (this.#recording && ms >= 0) this.#ackWin.push(ms);
      },
      (err: unknown) => {
        s.outstanding--;
        const limited = err instanceof ReplyError && err.wire.name === 'RATE_LIMITED';
        if (limited && attempt < (this.#opts.maxRetries ?? 5)) {
          this.retried++;
          s.outstanding++; // the retry holds its window slot while it waits
          setTimeout(() => (s.outstanding--, this.#send(s, cid, attempt + 1)), err.wire.retryAfterMs ?? 100);
          return;
        }
        this.ledger.fail(cid);
        const name = errorName(err);
        this.errors.set(name, (this.errors.get(name) ?? 0) + 1);
      },
    );
  }

  #onPush(m: PushedMessage, at: number): void {
    const ms = this.ledger.deliver(m.cid, at);
    if (ms < 0) return;
    this.#counts.delivered++;
    if (this.#recording) this.#e2eWin.push(ms);
    if (!this.#opts.checkSeq) return;
    const last = this.#lastSeq.get(m.conv) ?? 0;
    if (m.seq !== last + 1) this.seqOutOfOrder++;
    this.#lastSeq.set(m.conv, Math.max(last, m.seq));
  }

  #row(phase: string, ack: Samples, e2e: Samples): IntervalRow {
    const t = now();
    const dt = Math.max(1e-3, (t - this.#prevCounts.t) / 1000);
    const a = this.#ackWin.summary();
    const e = this.#e2eWin.summary();
    ack.merge(this.#ackWin);
    e2e.merge(this.#e2eWin);
    this.#ackWin.clear();
    this.#e2eWin.clear();
    const row: IntervalRow = {
      phase,
      s: round((t - this.#t0) / 1000, 2),
      sentPerSec: Math.round((this.#counts.sent - this.#prevCounts.sent) / dt),
      ackedPerSec: Math.round((this.#counts.acked - this.#prevCounts.acked) / dt),
      deliveredPerSec: Math.round((this.#counts.delivered - this.#prevCounts.delivered) / dt),
      ackP50: a.p50,
      ackP99: a.p99,
      e2eP50: e.p50,
      e2eP90: e.p90,
      e2eP99: e.p99,
      e2eMax: e.max,
    };
    this.#prevCounts = { ...this.#counts, t };
    this.rows.push(row);
    return row;
  }
}
