import type { Kysely, Selectable } from 'kysely';
import type { ChatType, Ext, Message, MessageType } from '@pigeon/protocol';
import type { MessageRepository } from '../../core/ports/messages.js';
import type { Database, MessagesTable } from '../schema.js';
import { commitBatch } from './commit-batch.js';
import { precompiled, slot } from './precompiled.js';
import { retryConflicts } from './retry-conflicts.js';
import type { SyncCommit } from '../sqlite/sqlite-commit.js';
import type { AsyncCommit } from '../postgres/pg-commit.js';

export function toMessage(r: Selectable<MessagesTable>): Message {
  const m = {
    id: r.id,
    cid: r.cid,
    conv: r.conv,
    chat: r.chat as ChatType,
    from: r.sender,
    to: r.recipient,
    type: r.type as MessageType,
    body: JSON.parse(r.body) as object,
    seq: Number(r.seq),
    ts: Number(r.ts),
  } as Message;
  if (r.ext !== null) m.ext = JSON.parse(r.ext) as Ext;
  if (r.recalled) m.recalled = true;
  if (r.group_ack) m.groupAck = true;
  return m;
}

/**
 * `fast.commit`: SQLite's group commit (prepared statements), run while holding the query builder's
 * connection so no other query interleaves; `fast.commitAsync`: PostgreSQL's one-statement commit;
 * otherwise the query-builder one (commit-batch.ts).
 */
export function messageRepository(
  db: Kysely<Database>,
  fast: { commit?: SyncCommit; commitAsync?: AsyncCommit } = {},
): MessageRepository {
  const { commit: syncCommit, commitAsync } = fast;
  const commit: MessageRepository['commit'] = syncCommit
    ? (batch, ts) => db.connection().execute(async () => syncCommit(batch, ts))
    : (commitAsync ??
      ((batch, ts) => retryConflicts(() => db.transaction().execute((trx) => commitBatch(trx, batch, ts)))));
  // History pages (msg.pull, sync): one compiled query per order, with and without an upper bound.
  const range = (order: 'asc' | 'desc', bounded: boolean) =>
    precompiled(db, () => {
      let q = db
        .selectFrom('messages')
        .selectAll()
        .where('app_id', '=', slot(0))
        .where('conv', '=', slot(1))
        .where('seq', '>', slot<number>(2));
      if (bounded) q = q.where('seq', '<', slot<number>(3));
      return q.orderBy('seq', order).limit(slot<number>(bounded ? 4 : 3));
    });
  const ranges = {
    asc: { open: range('asc', false), bounded: range('asc', true) },
    desc: { open: range('desc', false), bounded: range('desc', true) },
  };
  return {
    commit,
    async range(appId, conv, r) {
      const rows =
        r.beforeSeq === undefined
          ? await ranges[r.order].open(appId, conv, r.afterSeq, r.limit)
          : await ranges[r.order].bounded(appId, conv, r.afterSeq, r.beforeSeq, r.limit);
      return rows.map(toMessage);
    },
    async byId(appId, conv, id) {
      const r = await db
        .selectFrom('messages')
        .selectAll()
        .where('app_id', '=', appId)
        .where('id', '=', id)
        .where('conv', '=', conv)
        .executeTakeFirst();
      return r && toMessage(r);
    },
    async byIds(appId, ids) {
      if (ids.length === 0) return [];
      return (
        await db.selectFrom('messages').selectAll().where('app_id', '=', appId).where('id', 'in', ids).execute()
      ).map(toMessage);
    },
    async recall(appId, conv, id) {
      const r = await db
        .updateTable('messages')
        .set({ recalled: 1, body: '{}' })
        .where('app_id', '=', appId)
        .where('conv', '=', conv)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async countUnread(appId, conv, afterSeq, user) {
      const r = await db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('app_id', '=', appId)
        .where('conv', '=', conv)
        .where('seq', '>', afterSeq)
        .where('sender', '!=', user)
        .where('recalled', '=', 0)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async mentioned(appId, conv, afterSeq, user) {
      const r = await db
        .selectFrom('mentions')
        .select('seq')
        .where('app_id', '=', appId)
        .where('conv', '=', conv)
        .where('seq', '>', afterSeq)
        .where('target', 'in', [user, '*'])
        .where('sender', '!=', user)
        .limit(1)
        .executeTakeFirst();
      return r !== undefined;
    },
  };
}
