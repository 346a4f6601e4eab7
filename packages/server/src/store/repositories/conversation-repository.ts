import { sql, type Kysely } from 'kysely';
import type { ChatType } from '@pigeon/protocol';
import type { ConversationRepository, ConversationRow, UserConversationRow } from '../../core/ports/conversations.js';
import type { Database } from '../schema.js';

interface Row {
  conv: string;
  chat: string;
  last_seq: number;
  last_ts: number;
  last_msg_id: string | null;
}
const toConv = (r: Row): ConversationRow => ({
  conv: r.conv,
  chat: r.chat as ChatType,
  lastSeq: Number(r.last_seq),
  lastTs: Number(r.last_ts),
  lastMsgId: r.last_msg_id,
});
const toUserConv = (r: Row & { read_seq: number; cleared_seq: number; hidden_seq: number }): UserConversationRow => ({
  ...toConv(r),
  readSeq: Number(r.read_seq),
  clearedSeq: Number(r.cleared_seq),
  hiddenSeq: Number(r.hidden_seq),
});

/** Portable max(column, value): SQLite has max(a, b), PostgreSQL greatest(a, b); CASE works on both. */
const atLeast = (column: string, value: number) =>
  sql<number>`case when ${sql.ref(column)} < ${value} then ${value} else ${sql.ref(column)} end`;

export function conversationRepository(db: Kysely<Database>): ConversationRepository {
  const joined = (appId: string, user: string) =>
    db
      .selectFrom('user_conversations as uc')
      .innerJoin('conversations as c', (j) => j.onRef('c.app_id', '=', 'uc.app_id').onRef('c.conv', '=', 'uc.conv'))
      .select([
        'c.conv',
        'c.chat',
        'c.last_seq',
        'c.last_ts',
        'c.last_msg_id',
        'uc.read_seq',
        'uc.cleared_seq',
        'uc.hidden_seq',
      ])
      .where('uc.app_id', '=', appId)
      .where('uc.username', '=', user);
  const upsert = (appId: string, user: string, conv: string) =>
    db
      .insertInto('user_conversations')
      .values({ app_id: appId, username: user, conv, read_seq: 0, cleared_seq: 0, hidden_seq: 0 });
  return {
    async get(appId, conv) {
      const r = await db
        .selectFrom('conversations')
        .selectAll()
        .where('app_id', '=', appId)
        .where('conv', '=', conv)
        .executeTakeFirst();
      return r && toConv(r);
    },
    async forUser(appId, user, conv) {
      const r = await joined(appId, user).where('uc.conv', '=', conv).executeTakeFirst();
      return r && toUserConv(r);
    },
    async listVisible(appId, user, after, limit) {
      let q = joined(appId, user).whereRef('c.last_seq', '>', 'uc.hidden_seq');
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('c.last_ts', '<', after.ts),
            eb.and([eb('c.last_ts', '=', after.ts), eb('c.conv', '<', after.conv)]),
          ]),
        );
      return (await q.orderBy('c.last_ts', 'desc').orderBy('c.conv', 'desc').limit(limit).execute()).map(toUserConv);
    },
    async listAll(appId, user, afterConv, limit) {
      let q = joined(appId, user);
      if (afterConv !== undefined) q = q.where('uc.conv', '>', afterConv);
      return (await q.orderBy('uc.conv').limit(limit).execute()).map(toUserConv);
    },
    async markRead(appId, user, conv, seq) {
      await upsert(appId, user, conv)
        .onConflict((oc) => oc.columns(['app_id', 'username', 'conv']).doNothing())
        .execute();
      await db
        .updateTable('user_conversations')
        .set({ read_seq: atLeast('read_seq', seq) })
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .where('conv', '=', conv)
        .execute();
      const r = await db
        .selectFrom('user_conversations')
        .select('read_seq')
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .where('conv', '=', conv)
        .executeTakeFirstOrThrow();
      return Number(r.read_seq);
    },
    async hide(appId, user, conv, seq, clear) {
      await upsert(appId, user, conv)
        .onConflict((oc) => oc.columns(['app_id', 'username', 'conv']).doNothing())
        .execute();
      const set = { hidden_seq: atLeast('hidden_seq', seq), read_seq: atLeast('read_seq', seq) };
      await db
        .updateTable('user_conversations')
        .set(clear ? { ...set, cleared_seq: atLeast('cleared_seq', seq) } : set)
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .where('conv', '=', conv)
        .execute();
    },
  };
}
