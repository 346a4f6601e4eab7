/**
 * One group commit, inside one transaction, in a handful of set-based statements whatever the
 * batch holds: drop retried sends (stored or earlier in the batch) with one lookup, reserve a run
 * of seqs for every conversation with one UPDATE ... RETURNING (race-free on PostgreSQL too), make
 * sure every member has a conversation row, insert the messages. Statements are chunked so none
 * binds more than a few thousand parameters. This is the PostgreSQL path; SQLite runs the same plan
 * (commit-plan.ts) through statements prepared once (sqlite/sqlite-commit.ts).
 */
import type { Transaction } from 'kysely';
import type { CommitOutcome, NewMessage } from '../../core/ports/messages.js';
import type { Database } from '../schema.js';
import { ensureConversations, ensureMembers, findStored, reserveSeqs } from './commit-batch-sql.js';
import { assignSeqs, dedupKey, finishCopies, planBatch } from './commit-plan.js';

type Trx = Transaction<Database>;
const INSERT_CHUNK = 100;

export async function commitBatch(trx: Trx, batch: NewMessage[], ts: number): Promise<CommitOutcome[]> {
  const stored = await findStored(trx, batch, dedupKey);
  const plan = planBatch(batch, (k) => stored.get(k));
  await ensureConversations(trx, plan.runs, ts);
  const firstSeqs = await reserveSeqs(trx, plan.runs, ts);
  await ensureMembers(trx, plan.runs);
  assignSeqs(batch, plan, firstSeqs, ts);
  await insertMessages(
    trx,
    plan.fresh.map((i) => ({ m: batch[i]!, o: plan.outcomes[i]! })),
  );
  return finishCopies(plan);
}

async function insertMessages(trx: Trx, rows: Array<{ m: NewMessage; o: CommitOutcome }>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows.slice(i, i + INSERT_CHUNK).map(({ m, o }) => ({
      app_id: m.appId,
      conv: m.conv,
      seq: o.seq,
      id: m.id,
      cid: m.cid,
      sender: m.from,
      recipient: m.to,
      chat: m.chat,
      type: m.type,
      body: JSON.stringify(m.body),
      ext: m.ext === undefined ? null : JSON.stringify(m.ext),
      ts: o.ts,
      recalled: 0,
      group_ack: m.groupAck ? 1 : 0,
    }));
    await trx.insertInto('messages').values(values).execute();
  }
  const mentions = rows.flatMap(({ m, o }) =>
    (m.mentions ?? []).map((target) => ({ app_id: m.appId, conv: m.conv, seq: o.seq, target, sender: m.from })),
  );
  for (let i = 0; i < mentions.length; i += INSERT_CHUNK)
    await trx
      .insertInto('mentions')
      .values(mentions.slice(i, i + INSERT_CHUNK))
      .execute();
  await insertFileRefs(trx, rows);
}

/** A message and the references to the files it uses commit together: a stored message never lacks them. */
async function insertFileRefs(trx: Trx, rows: Array<{ m: NewMessage }>): Promise<void> {
  const refs = rows.flatMap(({ m }) =>
    (m.files ?? []).map((file_uuid) => ({ app_id: m.appId, file_uuid, msg_id: m.id })),
  );
  for (let i = 0; i < refs.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('file_refs')
      .values(refs.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
