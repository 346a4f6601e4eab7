/**
 * The set-based statements of a group commit (commit-batch.ts): each covers every conversation or
 * sender of the batch at once (in chunks), instead of a statement per conversation.
 */
import { sql, type Transaction } from 'kysely';
import type { CommitOutcome, NewMessage } from '../../core/ports/messages.js';
import type { Database } from '../schema.js';
import type { Run } from './commit-plan.js';

type Trx = Transaction<Database>;

const CHUNK = 200;
const chunks = <T>(xs: T[], n = CHUNK): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

function byApp<T>(xs: T[], app: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const g = m.get(app(x));
    if (g) g.push(x);
    else m.set(app(x), [x]);
  }
  return m;
}

/** Messages already stored under the batch's (app, sender, cid) keys: one lookup per app and chunk. */
export async function findStored(
  trx: Trx,
  batch: NewMessage[],
  key: (m: { appId: string; from: string; cid: string }) => string,
): Promise<Map<string, CommitOutcome>> {
  const found = new Map<string, CommitOutcome>();
  for (const [appId, msgs] of byApp(batch, (m) => m.appId)) {
    for (const part of chunks(msgs)) {
      const pairs = sql.join(part.map((m) => sql`(${m.from}, ${m.cid})`));
      const rows = await trx
        .selectFrom('messages')
        .select(['id', 'cid', 'conv', 'seq', 'ts', 'sender'])
        .where('app_id', '=', appId)
        .where(sql<boolean>`(sender, cid) in (values ${pairs})`)
        .execute();
      for (const r of rows)
        found.set(key({ appId, from: r.sender, cid: r.cid }), {
          id: r.id,
          cid: r.cid,
          conv: r.conv,
          seq: Number(r.seq),
          ts: Number(r.ts),
          duplicate: true,
        });
    }
  }
  return found;
}

/** Conversation rows for conversations new to the store (seq 0; reserveSeqs moves it). */
export async function ensureConversations(trx: Trx, runs: Run[], ts: number): Promise<void> {
  for (const part of chunks(runs)) {
    await trx
      .insertInto('conversations')
      .values(
        part.map(({ last }) => ({
          app_id: last.appId,
          conv: last.conv,
          chat: last.chat,
          last_seq: 0,
          last_ts: ts,
          last_msg_id: null,
        })),
      )
      .onConflict((oc) => oc.columns(['app_id', 'conv']).doNothing())
      .execute();
  }
}

/**
 * Moves every conversation's last_seq on by its run's length in one UPDATE ... RETURNING per app
 * and chunk; returns the first new seq of each run, in `runs` order.
 */
export async function reserveSeqs(trx: Trx, runs: Run[], ts: number): Promise<number[]> {
  const lastSeq = new Map<string, number>();
  const convKey = (appId: string, conv: string) => `${appId}\u0000${conv}`;
  for (const [appId, appRuns] of byApp(runs, (r) => r.last.appId)) {
    for (const part of chunks(appRuns)) {
      // Integers are written as literals so PostgreSQL types the CASE as bigint, not text.
      const adds = sql.join(
        part.map((r) => sql`when ${r.last.conv} then ${sql.lit(r.indexes.length)}`),
        sql` `,
      );
      const ids = sql.join(
        part.map((r) => sql`when ${r.last.conv} then ${r.last.id}`),
        sql` `,
      );
      const rows = await trx
        .updateTable('conversations')
        .set({
          last_seq: sql`last_seq + case conv ${adds} end`,
          last_ts: ts,
          last_msg_id: sql`case conv ${ids} end`,
        })
        .where('app_id', '=', appId)
        .where(
          'conv',
          'in',
          part.map((r) => r.last.conv),
        )
        .returning(['conv', 'last_seq'])
        .execute();
      for (const row of rows) lastSeq.set(convKey(appId, row.conv), Number(row.last_seq));
    }
  }
  return runs.map((r) => lastSeq.get(convKey(r.last.appId, r.last.conv))! - r.indexes.length + 1);
}

/** Every member's conversation row (1:1; groups' members got theirs when they joined). */
export async function ensureMembers(trx: Trx, runs: Run[]): Promise<void> {
  const rows = runs.flatMap(({ last: m }) =>
    [...new Set(m.members)].map((username) => ({
      app_id: m.appId,
      username,
      conv: m.conv,
      read_seq: 0,
      cleared_seq: 0,
      hidden_seq: 0,
    })),
  );
  for (const part of chunks(rows)) {
    await trx
      .insertInto('user_conversations')
      .values(part)
      .onConflict((oc) => oc.columns(['app_id', 'username', 'conv']).doNothing())
      .execute();
  }
}
