/**
 * The books of a fault test under sustained traffic: writers send 1:1 text messages (a few in flight
 * each) to readers while something is killed; every send, ack and delivery is recorded, and the
 * tally compares them with what PostgreSQL stored: sent / acked / stored / delivered / duplicated /
 * lost, and each conversation delivered in seq order 1..n without gaps.
 */
import pg from 'pg';
import { expect } from 'vitest';
import SDK from '@pigeon/sdk';
import type { Connection, TestEnv } from './env.js';

export interface Writer {
  name: string;
  conn: Connection;
  /** The reader this writer sends to. */
  to: string;
}
export interface Ack {
  writer: string;
  to: string;
  text: string;
  id: string;
  seq: number;
  /** The ledger's phase when the ack came (e.g. before, during, after the fault). */
  phase: string;
}
interface Got {
  id: string;
  from: string;
  seq: number;
}
export interface Tally {
  sent: number;
  acked: number;
  stored: number;
  /** Bodies stored more than once by one sender (a retried send stored twice). */
  storedTwice: number;
  /** Acks whose message id is not in the database (an ack without a commit). */
  ackedNotStored: number;
  delivered: number;
  duplicated: number;
  lost: number;
  failed: number;
}

const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });

export class Ledger {
  sent = 0;
  phase = 'before';
  readonly acked: Ack[] = [];
  readonly failed: unknown[] = [];
  readonly #got = new Map<string, Got[]>();

  /** Records what `reader` receives on `conn`. */
  receive(reader: string, conn: Connection): void {
    const got: Got[] = [];
    this.#got.set(reader, got);
    conn.addEventHandler(`ledger-${reader}`, {
      onTextMessage: (m) => void got.push({ id: m.id, from: m.from ?? '', seq: m.seq ?? -1 }),
    });
  }

  acksOf(writer: string, phase?: string): number {
    return this.acked.filter((a) => a.writer === writer && (phase === undefined || a.phase === phase)).length;
  }

  delivered(): number {
    return [...this.#got.values()].reduce((n, g) => n + g.length, 0);
  }

  /** Sends until `done()` (checked before each send), `window` in flight; resolves when all settled. */
  async sendUntil(w: Writer, done: () => boolean, window = 3, max = 5_000): Promise<void> {
    const pending = new Set<Promise<void>>();
    for (let i = 0; i < max && !done(); i++) {
      const text = `${w.name}-${i}`;
      this.sent++;
      const p: Promise<void> = w.conn
        .send(txt(w.to, text))
        .then(
          (r) =>
            void this.acked.push({
              writer: w.name,
              to: w.to,
              text,
              id: r.serverMsgId,
              seq: r.message!.seq as number,
              phase: this.phase,
            }),
          (e: unknown) => void this.failed.push(e),
        )
        .finally(() => pending.delete(p));
      pending.add(p);
      if (pending.size >= window) await Promise.race(pending);
    }
    await Promise.all(pending);
  }

  /** Counts against the database at `dbUrl` (senders: the writers' names). */
  async tally(dbUrl: string): Promise<Tally> {
    const writers = [...new Set(this.acked.map((a) => a.writer))];
    const stored = await storedBy(dbUrl, writers);
    const all = [...this.#got.values()].flat();
    const ids = new Set(all.map((g) => g.id));
    return {
      sent: this.sent,
      acked: this.acked.length,
      stored: stored.rows,
      storedTwice: stored.twice,
      ackedNotStored: this.acked.filter((a) => !stored.ids.has(a.id)).length,
      delivered: all.length,
      duplicated: all.length - ids.size,
      lost: this.acked.filter((a) => !ids.has(a.id)).length,
      failed: this.failed.length,
    };
  }

  print(label: string, t: Tally, extra = ''): void {
    const phases = [...new Set(this.acked.map((a) => a.phase))]
      .map((p) => `${p} ${this.acked.filter((a) => a.phase === p).length}`)
      .join(', ');
    console.log(
      `${label}: sent ${t.sent}, acked ${t.acked} (${phases}), stored ${t.stored} ` +
        `(stored twice ${t.storedTwice}, acked but not stored ${t.ackedNotStored}), ` +
        `delivered ${t.delivered}, duplicated ${t.duplicated}, lost ${t.lost}, failed ${t.failed}${extra}`,
    );
  }

  /**
   * Nothing failed, lost or duplicated; every ack stored once; each reader got each writer's
   * messages once, in seq order 1..n, with the seqs of their acks.
   */
  expectClean(t: Tally): void {
    expect(this.failed).toEqual([]);
    const { lost, duplicated, storedTwice, ackedNotStored } = t;
    expect({ lost, duplicated, storedTwice, ackedNotStored }).toEqual({
      lost: 0,
      duplicated: 0,
      storedTwice: 0,
      ackedNotStored: 0,
    });
    expect(t.stored).toBe(t.acked);
    expect(t.acked).toBe(t.sent);
    for (const [reader, got] of this.#got) {
      for (const writer of new Set(this.acked.filter((a) => a.to === reader).map((a) => a.writer))) {
        const seqs = got.filter((g) => g.from === writer).map((g) => g.seq);
        expect(seqs, `${writer} -> ${reader}`).toEqual(seqs.map((_, i) => i + 1));
        for (const a of this.acked.filter((x) => x.writer === writer))
          expect(got.find((g) => g.id === a.id)?.seq).toBe(a.seq);
      }
    }
  }
}

async function storedBy(url: string, senders: string[]): Promise<{ rows: number; twice: number; ids: Set<string> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ id: string }>(`SELECT id FROM messages WHERE sender = ANY($1)`, [senders]);
    const twice = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT sender, body FROM messages WHERE sender = ANY($1)
         GROUP BY sender, body HAVING count(*) > 1) d`,
      [senders],
    );
    return { rows: rows.rows.length, twice: Number(twice.rows[0]!.n), ids: new Set(rows.rows.map((r) => r.id)) };
  } finally {
    await client.end();
  }
}

/**
 * Two readers (`r1` on n1, `r2` on n2) and six writers (a1-a3 on n1 writing to r2, b1-b3 on n2 writing
 * to r1), so every message crosses nodes. The users must exist.
 */
export async function crossNodeTraffic(
  ledger: Ledger,
  n1: TestEnv,
  n2: TestEnv,
  [r1, r2]: readonly [string, string],
): Promise<{ readers: Connection[]; writers: Writer[] }> {
  const readers = [(await n1.login(r1)).conn, (await n2.login(r2)).conn];
  ledger.receive(r1, readers[0]!);
  ledger.receive(r2, readers[1]!);
  const writers: Writer[] = [];
  for (const [name, env, to] of [
    ['a1', n1, r2],
    ['a2', n1, r2],
    ['a3', n1, r2],
    ['b1', n2, r1],
    ['b2', n2, r1],
    ['b3', n2, r1],
  ] as const)
    writers.push({ name, to, conn: (await env.login(name)).conn });
  return { readers, writers };
}
