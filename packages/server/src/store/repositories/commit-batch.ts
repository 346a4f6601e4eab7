/**
 * One group commit, inside one transaction, in a handful of set-based statements whatever the
 * batch holds: drop retried sends (stored or earlier in the batch) with one lookup, reserve a run
 * of seqs for every conversation with one UPDATE ... RETURNING (race-free on PostgreSQL too), make
 * sure every member has a conversation row, insert the messages. Statements are chunked so none
 * binds more than a few thousand parameters.
 */
import type { Transaction } from 'kysely';
import type { CommitOutcome, NewMessage } from '../../core/ports/messages.js';
import type { Database } from '../schema.js';
import { ensureConversations, ensureMembers, findStored, reserveSeqs, type Run } from './commit-batch-sql.js';

type Trx = Transaction<Database>;
const INSERT_CHUNK = 100;
const dedupKey = (m: { appId: string; from: string; cid: string }) => `${m.appId}\u0000${m.from}\u0000${m.cid}`;

export async function commitBatch(trx: Trx, batch: NewMessage[], ts: number): Promise<CommitOutcome[]> {
  const outcomes = new Array<CommitOutcome>(batch.length);
  const stored = await findStored(trx, batch, dedupKey);
  const first = new Map<string, number>();
  const copies: Array<[number, number]> = [];
  const fresh: number[] = [];
  batch.forEach((m, i) => {
    const k = dedupKey(m);
    const prior = stored.get(k);
    if (prior) outcomes[i] = prior;
    else if (first.has(k)) copies.push([i, first.get(k)!]);
    else {
      first.set(k, i);
      fresh.push(i);
    }
  });
  const runs = groupByConversation(batch, fresh);
  await ensureConversations(trx, runs, ts);
  const firstSeqs = await reserveSeqs(trx, runs, ts);
  await ensureMembers(trx, runs);
  runs.forEach((run, r) => {
    let seq = firstSeqs[r]!;
    for (const i of run.indexes)
      outcomes[i] = { id: batch[i]!.id, cid: batch[i]!.cid, conv: batch[i]!.conv, seq: seq++, ts, duplicate: false };
  });
  await insertMessages(
    trx,
    fresh.map((i) => ({ m: batch[i]!, o: outcomes[i]! })),
  );
  for (const [i, j] of copies) outcomes[i] = { ...outcomes[j]!, duplicate: true };
  return outcomes;
}

/**
 * Indexes of `fresh` grouped by (app, conversation), each group in arrival order; groups sorted by
 * key so concurrent commits on several nodes lock conversation rows in the same order.
 */
function groupByConversation(batch: NewMessage[], fresh: number[]): Run[] {
  const groups = new Map<string, number[]>();
  for (const i of fresh) {
    const k = `${batch[i]!.appId}\u0000${batch[i]!.conv}`;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, indexes]) => ({ last: batch[indexes[indexes.length - 1]!]!, indexes }));
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
