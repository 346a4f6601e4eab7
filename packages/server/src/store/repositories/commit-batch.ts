/**
 * One group commit, inside one transaction: drop retried sends (stored or earlier in the batch),
 * reserve a run of seqs per conversation with UPDATE ... RETURNING (race-free on PostgreSQL too),
 * make sure every member has a conversation row, insert the messages.
 */
import type { Transaction } from 'kysely';
import type { CommitOutcome, NewMessage } from '../../core/ports/messages.js';
import type { Database } from '../schema.js';

type Trx = Transaction<Database>;
const INSERT_CHUNK = 100;
const dedupKey = (m: { appId: string; from: string; cid: string }) => `${m.appId}\u0000${m.from}\u0000${m.cid}`;

export async function commitBatch(trx: Trx, batch: NewMessage[], ts: number): Promise<CommitOutcome[]> {
  const outcomes = new Array<CommitOutcome>(batch.length);
  const stored = await findStored(trx, batch);
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
  for (const group of groupByConversation(batch, fresh)) {
    const last = batch[group[group.length - 1]!]!;
    let seq = await reserveSeqs(trx, last, group.length, ts);
    await ensureMembers(trx, last);
    for (const i of group)
      outcomes[i] = { id: batch[i]!.id, cid: batch[i]!.cid, conv: batch[i]!.conv, seq: seq++, ts, duplicate: false };
  }
  await insertMessages(
    trx,
    fresh.map((i) => ({ m: batch[i]!, o: outcomes[i]! })),
  );
  for (const [i, j] of copies) outcomes[i] = { ...outcomes[j]!, duplicate: true };
  return outcomes;
}

async function findStored(trx: Trx, batch: NewMessage[]): Promise<Map<string, CommitOutcome>> {
  const bySender = new Map<string, NewMessage[]>();
  for (const m of batch)
    bySender.set(`${m.appId}\u0000${m.from}`, [...(bySender.get(`${m.appId}\u0000${m.from}`) ?? []), m]);
  const found = new Map<string, CommitOutcome>();
  for (const group of bySender.values()) {
    const { appId, from } = group[0]!;
    const rows = await trx
      .selectFrom('messages')
      .select(['id', 'cid', 'conv', 'seq', 'ts'])
      .where('app_id', '=', appId)
      .where('sender', '=', from)
      .where('cid', 'in', [...new Set(group.map((m) => m.cid))])
      .execute();
    for (const r of rows)
      found.set(dedupKey({ appId, from, cid: r.cid }), {
        id: r.id,
        cid: r.cid,
        conv: r.conv,
        seq: Number(r.seq),
        ts: Number(r.ts),
        duplicate: true,
      });
  }
  return found;
}

/**
 * Indexes of `fresh` grouped by (app, conversation), each group in arrival order; groups sorted by
 * key so concurrent commits on several nodes lock conversation rows in the same order.
 */
function groupByConversation(batch: NewMessage[], fresh: number[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of fresh) {
    const k = `${batch[i]!.appId}\u0000${batch[i]!.conv}`;
    groups.set(k, [...(groups.get(k) ?? []), i]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** Returns the first of `n` new seqs; `last` is the newest message of the run (the conversation's last). */
async function reserveSeqs(trx: Trx, last: NewMessage, n: number, ts: number): Promise<number> {
  await trx
    .insertInto('conversations')
    .values({ app_id: last.appId, conv: last.conv, chat: last.chat, last_seq: 0, last_ts: ts, last_msg_id: null })
    .onConflict((oc) => oc.columns(['app_id', 'conv']).doNothing())
    .execute();
  const row = await trx
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', n), last_ts: ts, last_msg_id: last.id }))
    .where('app_id', '=', last.appId)
    .where('conv', '=', last.conv)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq) - n + 1;
}

async function ensureMembers(trx: Trx, m: NewMessage): Promise<void> {
  if (!m.members.length) return; // groups: members got their rows when they joined
  await trx
    .insertInto('user_conversations')
    .values(
      m.members.map((username) => ({
        app_id: m.appId,
        username,
        conv: m.conv,
        read_seq: 0,
        cleared_seq: 0,
        hidden_seq: 0,
      })),
    )
    .onConflict((oc) => oc.columns(['app_id', 'username', 'conv']).doNothing())
    .execute();
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
