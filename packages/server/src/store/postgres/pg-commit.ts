/**
 * The group commit on PostgreSQL: one named prepared statement (pg-commit-sql.ts) per batch, so a
 * commit is one round trip and, with synchronous_commit on, one WAL flush. node-postgres prepares
 * the statement once per connection (by name) and then only binds the batch's arrays.
 */
import type { PostgresPool } from 'kysely';
import type pg from 'pg';
import type { CommitOutcome, NewMessage } from '../../core/ports/messages.js';
import { finishCopies, planBatch } from '../repositories/commit-plan.js';
import { retryConflicts } from '../repositories/retry-conflicts.js';
import { PG_COMMIT_NAME, PG_COMMIT_SQL } from './pg-commit-sql.js';

export type AsyncCommit = (batch: NewMessage[], ts: number) => Promise<CommitOutcome[]>;

interface Row {
  ord: string | null;
  id: string;
  conv: string;
  seq: string;
  ts: string | null;
}

export function pgCommitter(pool: PostgresPool): AsyncCommit {
  return (batch, ts) => retryConflicts(() => commitOnce(pool, batch, ts));
}

async function commitOnce(pool: PostgresPool, batch: NewMessage[], ts: number): Promise<CommitOutcome[]> {
  const plan = planBatch(batch, () => undefined); // retries within the batch; stored ones are found in SQL
  const sends = plan.fresh.map((i) => batch[i]!);
  const client = await pool.connect();
  let rows: Row[];
  try {
    const query = client.query as unknown as (q: pg.QueryConfig) => Promise<pg.QueryResult<Row>>;
    rows = (await query({ name: PG_COMMIT_NAME, text: PG_COMMIT_SQL, values: params(sends, ts) })).rows;
  } finally {
    client.release();
  }
  const seqs = new Map<string, number>();
  for (const r of rows) {
    if (r.ord === null) seqs.set(r.id, Number(r.seq));
    else {
      const m = sends[Number(r.ord) - 1]!;
      plan.outcomes[plan.fresh[Number(r.ord) - 1]!] = {
        id: r.id,
        cid: m.cid,
        conv: r.conv,
        seq: Number(r.seq),
        ts: Number(r.ts),
        duplicate: true,
      };
    }
  }
  plan.fresh.forEach((i, k) => {
    const m = sends[k]!;
    const seq = seqs.get(m.id);
    if (seq !== undefined) plan.outcomes[i] = { id: m.id, cid: m.cid, conv: m.conv, seq, ts, duplicate: false };
  });
  return finishCopies(plan);
}

function params(sends: NewMessage[], ts: number): unknown[] {
  const col = <T>(f: (m: NewMessage) => T): T[] => sends.map(f);
  const members = new Map<string, [string, string, string]>();
  for (const m of sends)
    for (const u of m.members) members.set(`${m.appId}\u0000${u}\u0000${m.conv}`, [m.appId, u, m.conv]);
  const mentions = sends.flatMap((m) => (m.mentions ?? []).map((t) => [m.id, t] as const));
  const files = sends.flatMap((m) => (m.files ?? []).map((f) => [m.id, f] as const));
  const member = [...members.values()];
  return [
    col((m) => m.appId),
    col((m) => m.conv),
    col((m) => m.id),
    col((m) => m.cid),
    col((m) => m.from),
    col((m) => m.to),
    col((m) => m.chat),
    col((m) => m.type),
    col((m) => JSON.stringify(m.body)),
    col((m) => (m.ext === undefined ? null : JSON.stringify(m.ext))),
    col((m) => (m.groupAck ? 1 : 0)),
    ts,
    member.map((x) => x[0]),
    member.map((x) => x[1]),
    member.map((x) => x[2]),
    mentions.map((x) => x[0]),
    mentions.map((x) => x[1]),
    files.map((x) => x[0]),
    files.map((x) => x[1]),
  ];
}
